import type { ExpressionBuilder } from 'kysely';
import { type Period, periodFirstDay, periodLastDay } from '../../shared/period';
import type { DB } from '../db/schema';

/**
 * A contract counts for a month when it started on or before the month's last day and has no
 * end or ends on or after its first day. Dates decide; status is informational (DESIGN.md §4).
 * Full monthly MRR, no pro-rata. Feeds the indices and the reconciliation alike.
 */
export function countsForMonth(period: Period) {
  const first = periodFirstDay(period);
  const last = periodLastDay(period);
  return (eb: ExpressionBuilder<DB, 'contracts'>) =>
    eb.and([
      eb('contracts.start_date', '<=', last),
      eb.or([eb('contracts.end_date', 'is', null), eb('contracts.end_date', '>=', first)]),
    ]);
}
