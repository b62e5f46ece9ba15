/**
 * syncOmieRevenueSnapshot(period): Omie contas a receber → the month's faturamento per Omie customer
 * in erp_revenue_snapshot (DESIGN.md §4; the rule in faturamento-rule.ts, what is fetched and why in
 * faturamento-titulos.ts). One snapshot of a month at a time (lock `snapshot:<period>`); the month is
 * replaced atomically; a closed month changes only with `force`, each change kept as a restatement.
 * Logged in erp_sync_log (kind 'revenue', period). Thrown (no run is logged): bad_input, already_running,
 * month_closed, omie_not_configured. Omie failures and cancellation end the run as `error`.
 */
import { AppError } from '../../shared/errors';
import { formatMoney, type Money } from '../../shared/money';
import { isPeriod, type Period } from '../../shared/period';
import { type Lease, withSingleRun } from '../db/locks';
import type { OmieClient } from '../omie/types';
import type { RunControl, ServiceDeps } from './deps';
import { faturamentoOfMonth } from './faturamento-rule';
import { fetchTitulos } from './faturamento-titulos';
import { recordModuleEvent } from './module-events';
import { monthClosedError, readPeriodRow, replaceSnapshot } from './revenue-snapshot-store';
import { storeSkippedRecords } from './skipped-records';
import { runLoggedSync, type SyncRunCounts, type SyncRunEnd, type SyncRunScope, throwIfCancelled, updateSyncRunCounts } from './sync-run';

export interface RevenueSnapshotOptions extends RunControl {
  /** Re-snapshot a closed month (each changed value is kept as a restatement). */
  force?: boolean;
  /** Read every receivable title instead of the emissão and alteration windows (see faturamento-titulos.ts). */
  fullScan?: boolean;
}

export interface RevenueSnapshotResult {
  period: Period;
  runId: string;
  /** Customers with faturamento in the month (rows written). */
  clients: number;
  /** Titles that counted. */
  titles: number;
  total: Money;
  status: 'success' | 'error';
  restatements: number;
  errorMessage: string | null;
  errorCode: string | null;
  /** Customers new to the month, changed, unchanged, gone (against the previous snapshot). */
  inserted: number;
  updated: number;
  unchanged: number;
  removed: number;
  skipped: number;
  pages: number;
  durationMs: number;
}

export { getOmieRevenueFromSnapshot, type StoredSnapshot } from './revenue-snapshot-store';

function snapshotLockName(period: Period): string {
  return `snapshot:${period}`;
}

export async function syncOmieRevenueSnapshot(deps: ServiceDeps, period: Period, options: RevenueSnapshotOptions = {}): Promise<RevenueSnapshotResult> {
  if (!isPeriod(period)) throw new AppError('bad_input', `Not a month: "${String(period).slice(0, 20)}"; use YYYY-MM (e.g. 2026-10).`);
  return withSingleRun(
    deps.db,
    snapshotLockName(period),
    async (lease) => {
      if (!options.force && (await readPeriodRow(deps.db, period))?.closedAt) throw monthClosedError(period);
      const omie = deps.omie();
      return runLoggedSync<RevenueSnapshotResult>(deps, {
        kind: 'revenue',
        period,
        onProgress: options.onProgress,
        work: (run) => snapshotMonth(deps, omie, lease, run, period, options),
        failed: (run, error) => ({
          result: { ...emptyResult(period, run.runId, run.counts, deps.clock.now() - run.startedAt), status: 'error', errorMessage: error.message, errorCode: error.code },
          recordCount: 0,
        }),
        recordEvent: (result) => recordEvent(deps, result),
      });
    },
    { clock: deps.clock },
  );
}

async function snapshotMonth(
  deps: ServiceDeps,
  omie: OmieClient,
  lease: Lease,
  { runId, startedAt, counts, progress }: SyncRunScope,
  period: Period,
  options: RevenueSnapshotOptions,
): Promise<SyncRunEnd<RevenueSnapshotResult>> {
  const { clock } = deps;
  const fetched = await fetchTitulos(omie, { periods: [period], fullScan: options.fullScan }, clock, {
    signal: options.signal,
    onClientProgress: (p) => progress.fromClient(p),
    onPage: async (p) => {
      counts.pages = p.pages;
      await lease.heartbeat();
      await updateSyncRunCounts(deps, runId, counts);
      progress.page(p.pages, p.totalPages, p.records, p.totalRecords);
      throwIfCancelled(options.signal);
    },
  });
  counts.skipped = fetched.skipped.length;
  await storeSkippedRecords(deps.db, runId, fetched.skipped);
  const month = faturamentoOfMonth(fetched.titulos, period);
  const outcome = await replaceSnapshot(deps.db, { month, runId, now: new Date(clock.now()).toISOString(), force: options.force === true });
  Object.assign(counts, { inserted: outcome.inserted, updated: outcome.updated, unchanged: outcome.unchanged });
  const result: RevenueSnapshotResult = {
    ...emptyResult(period, runId, counts, clock.now() - startedAt),
    clients: month.byOmieCodigo.size,
    titles: month.titles,
    total: month.total,
    status: 'success',
    restatements: outcome.restatements,
    removed: outcome.removed,
  };
  return { result, recordCount: result.clients };
}

function emptyResult(period: Period, runId: string, counts: SyncRunCounts, durationMs: number): RevenueSnapshotResult {
  return {
    period,
    runId,
    clients: 0,
    titles: 0,
    total: 0n,
    status: 'error',
    restatements: 0,
    errorMessage: null,
    errorCode: null,
    inserted: counts.inserted,
    updated: counts.updated,
    unchanged: counts.unchanged,
    removed: 0,
    skipped: counts.skipped,
    pages: counts.pages,
    durationMs,
  };
}

async function recordEvent(deps: ServiceDeps, r: RevenueSnapshotResult): Promise<void> {
  await recordModuleEvent(
    deps.db,
    'sync.revenue',
    { runId: r.runId, period: r.period, status: r.status, clients: r.clients, titles: r.titles, total: formatMoney(r.total), restatements: r.restatements, errorCode: r.errorCode },
    new Date(deps.clock.now()).toISOString(),
  );
}
