/**
 * The month the Conciliação page is paging through, kept between its calls. Each window of the
 * table, each search and each sort used to compute the whole month again (0.4–0.9 s for 100k
 * clients on the bench machines) and sort it; a window of a month nothing has changed in is now a
 * slice of the kept rows.
 *
 * Kept only while nothing has been written to the database since it was computed (db/data-version.ts:
 * this process, another process, another workstation on a shared Postgres), only for snapshot
 * months (a live month's faturamento is Omie's answer, reused on its own terms: LIVE_REUSE_MS),
 * one month per database, and let go after MEMO_IDLE_MS unused. The rows are shared between calls:
 * callers must not change them.
 */
import type { Period } from '../../shared/period';
import { dataVersion } from '../db/data-version';
import type { ServiceDeps } from './deps';
import { checkTolerance, getReconciliation, type Reconciliation, type ReconciliationOptions, type ReconciliationTotals } from './reconciliation';
import type { ReconciliationRow } from './reconciliation-rows';
import type { ReconciliationStatus } from './reconciliation-status';

/** A kept month unused this long is let go: for 100k clients its rows hold tens of MB. */
export const MEMO_IDLE_MS = 5 * 60_000;

/** The rows a filter (search, status, sort) leaves, in its order, with what is counted over them. */
export interface ReconciliationView {
  key: string;
  rows: ReconciliationRow[];
  /** Per status after the search, before the status filter (the filter chips). */
  countsByStatus: Record<ReconciliationStatus, number>;
  totals: ReconciliationTotals;
}

export interface KeptMonth {
  month: Reconciliation;
  /** The last view asked of this month (paging keeps asking for the same one). */
  view: ReconciliationView | null;
}

const memos = new WeakMap<object, { key: string; held: KeptMonth; timer: NodeJS.Timeout }>();

/** The month's reconciliation (in the statement's order), kept from an earlier call when nothing has changed. */
export async function keptReconciliation(deps: ServiceDeps, period: Period, options: ReconciliationOptions): Promise<KeptMonth> {
  const version = await dataVersion(deps.db);
  const key = version === null ? null : `${period}|${checkTolerance(options.tolerance)}|${version}`;
  const memo = memos.get(deps.db);
  if (key !== null && memo?.key === key) {
    memo.timer.refresh();
    return memo.held;
  }
  const held: KeptMonth = { month: await getReconciliation(deps, period, { ...options, sortByName: false }), view: null };
  const previous = memos.get(deps.db);
  if (previous) clearTimeout(previous.timer);
  memos.delete(deps.db);
  if (key !== null && held.month.source === 'snapshot') {
    const timer = setTimeout(() => memos.delete(deps.db), MEMO_IDLE_MS);
    timer.unref();
    memos.set(deps.db, { key, held, timer });
  }
  return held;
}
