import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { AppError } from '../../shared/errors';
import { type Day, isDay, isPeriod, periodFirstDay, periodLastDay } from '../../shared/period';
import type { DB } from '../db/schema';
import { BRASILIA_TZ } from '../brasilia-time';
import { addDays, daysOf, dayStartInstant } from './zoned-days';

/**
 * event_aggregates: module_events counted per (day, module, event_type), days being calendar days
 * in America/Sao_Paulo (DESIGN.md §2 — never SQLite's UTC date()). Re-running a day replaces it.
 */
export interface AggregateOutcome {
  /** First and last day aggregated (a month covers all its days). */
  from: Day;
  to: Day;
  /** How many days were replaced. */
  days: number;
  /** event_aggregates rows written. */
  rows: number;
  /** module_events counted. */
  events: number;
}

export interface EventAggregateRow {
  period: Day;
  module: string;
  eventType: string;
  count: number;
}

const INSERT_BATCH = 1000;

/**
 * Counts the events of a day ("YYYY-MM-DD") or of every day of a month ("YYYY-MM") in one grouped
 * query over the range, then replaces those days' rows in one transaction.
 */
export async function aggregateModuleEventsForPeriod(
  db: Kysely<DB>,
  dayOrMonth: string,
  { timeZone = BRASILIA_TZ }: { timeZone?: string } = {},
): Promise<AggregateOutcome> {
  if (!isDay(dayOrMonth) && !isPeriod(dayOrMonth)) {
    throw new AppError('bad_input', `Expected a day (YYYY-MM-DD) or a month (YYYY-MM), got "${dayOrMonth.slice(0, 40)}".`);
  }
  const days = daysOf(dayOrMonth);
  const from = days[0]!;
  const to = days[days.length - 1]!;
  // ends[i] = the instant day i ends (= day i+1 starts) in the zone; the CASE buckets each event by it.
  const ends = days.map((d) => new Date(dayStartInstant(addDays(d, 1), timeZone)).toISOString());
  const startIso = new Date(dayStartInstant(from, timeZone)).toISOString();
  const endIso = ends[ends.length - 1]!;
  const bucket = sql<string>`case ${sql.join(
    days.map((d, i) => sql`when occurred_at < ${ends[i]!} then ${d}`),
    sql` `,
  )} end`;

  return db.transaction().execute(async (trx) => {
    const inRange = trx
      .selectFrom('module_events')
      .select([bucket.as('day'), 'module', 'event_type'])
      .where('occurred_at', '>=', startIso)
      .where('occurred_at', '<', endIso)
      .as('e');
    const counted = await trx
      .selectFrom(inRange)
      .select(['e.day', 'e.module', 'e.event_type', (eb) => eb.fn.countAll().as('n')])
      .groupBy(['e.day', 'e.module', 'e.event_type'])
      .execute();

    await trx.deleteFrom('event_aggregates').where('period', '>=', from).where('period', '<=', to).execute();
    const createdAt = new Date().toISOString();
    const rows = counted.map((r) => ({
      id: randomUUID(),
      period: r.day,
      module: r.module,
      event_type: r.event_type,
      count: Number(r.n),
      created_at: createdAt,
    }));
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      await trx.insertInto('event_aggregates').values(rows.slice(i, i + INSERT_BATCH)).execute();
    }
    const events = rows.reduce((total, r) => total + r.count, 0);
    return { from, to, days: days.length, rows: rows.length, events };
  });
}

export interface EventAggregateQuery {
  /** First day or month included ("YYYY-MM-DD" or "YYYY-MM"). */
  from?: string;
  /** Last day or month included. */
  to?: string;
  module?: string;
}

function boundary(text: string, edge: 'from' | 'to'): Day {
  if (isDay(text)) return text;
  if (isPeriod(text)) return edge === 'from' ? periodFirstDay(text) : periodLastDay(text);
  throw new AppError('bad_input', `"${edge}" must be a day (YYYY-MM-DD) or a month (YYYY-MM), got "${text.slice(0, 40)}".`);
}

/** Stored aggregates, oldest day first, then module and event type. */
export async function getEventAggregates(db: Kysely<DB>, options: EventAggregateQuery = {}): Promise<EventAggregateRow[]> {
  let query = db.selectFrom('event_aggregates').select(['period', 'module', 'event_type', 'count']);
  if (options.from) query = query.where('period', '>=', boundary(options.from, 'from'));
  if (options.to) query = query.where('period', '<=', boundary(options.to, 'to'));
  if (options.module) query = query.where('module', '=', options.module);
  const rows = await query.orderBy('period').orderBy('module').orderBy('event_type').execute();
  return rows.map((r) => ({ period: r.period, module: r.module, eventType: r.event_type, count: Number(r.count) }));
}
