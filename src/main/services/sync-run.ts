import { randomUUID } from 'node:crypto';
import { AppError, toErrorShape } from '../../shared/errors';
import { isPeriod, periodFirstDay } from '../../shared/period';
import { formatBrasiliaDateTime } from '../brasilia-time';
import type { SyncKind } from '../db/schema';
import type { RunControl, ServiceDeps } from './deps';
import { type ProgressReporter, progressReporter } from './sync-progress';
import { crashPoint } from '../testing/crash-hook';

/**
 * The `erp_sync_log` lifecycle of one run: `running` at start, `success`/`error` at the end.
 * Call startSyncRun only while holding the run's lock (withSingleRun): it closes the rows of that
 * kind left `running` by a crashed holder before inserting the new one.
 */
export interface SyncRunCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  pages: number;
}

export interface SyncRunOutcome {
  status: 'success' | 'error';
  /** The spec's meaning for clients: inserted + updated. */
  recordCount: number;
  counts?: SyncRunCounts;
  errorMessage?: string;
  errorCode?: string;
}

/** Error code stored on a run closed because its holder died. */
const INTERRUPTED = 'interrupted';
/** A running row's heartbeat_at is refreshed this often while its process lives (also on every page). */
const RUN_HEARTBEAT_MS = 30_000;
/** Runs the caller's lock does not cover (another period) are closed only when their heartbeat is older than this. */
const FOREIGN_RUN_STALE_MS = 3 * 60_000;

const heartbeats = new Map<string, NodeJS.Timeout>();

export async function startSyncRun(deps: ServiceDeps, kind: SyncKind, period?: string): Promise<string> {
  const now = deps.clock.now();
  const day = period === undefined ? null : isPeriod(period) ? periodFirstDay(period) : period;
  await closeInterruptedRuns(deps, kind, day, now);
  const id = randomUUID();
  const at = new Date(now).toISOString();
  await deps.db
    .insertInto('erp_sync_log')
    .values({
      id,
      kind,
      period: day,
      status: 'running',
      started_at: at,
      heartbeat_at: at,
      host: deps.actor.host,
      os_user: deps.actor.user,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      pages: 0,
    })
    .execute();
  const timer = setInterval(() => {
    void deps.db
      .updateTable('erp_sync_log')
      .set({ heartbeat_at: new Date(deps.clock.now()).toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute()
      .catch(() => {});
  }, RUN_HEARTBEAT_MS);
  timer.unref();
  heartbeats.set(id, timer);
  return id;
}

/**
 * Rows of this kind (and period, when given) still `running` belong to a holder that died: the
 * caller holds the lock that covers them. Rows of other periods (per-period locks) are closed
 * only when their heartbeat is stale, which a live process never lets happen (RUN_HEARTBEAT_MS).
 */
async function closeInterruptedRuns(deps: ServiceDeps, kind: SyncKind, day: string | null, now: number): Promise<void> {
  const rows = await deps.db
    .selectFrom('erp_sync_log')
    .select(['id', 'started_at', 'host', 'period', 'heartbeat_at'])
    .where('status', '=', 'running')
    .where('kind', '=', kind)
    .execute();
  const stale = rows.filter((row) => {
    if (day === null || row.period === day || row.period === null) return true;
    const beat = Date.parse(row.heartbeat_at ?? row.started_at);
    return now - beat > FOREIGN_RUN_STALE_MS;
  });
  const finishedAt = new Date(now).toISOString();
  for (const row of stale) {
    const where = row.host ? ` on ${row.host}` : '';
    await deps.db
      .updateTable('erp_sync_log')
      .set({
        status: 'error',
        finished_at: finishedAt,
        error_code: INTERRUPTED,
        error_message: `interrupted: the run started ${formatBrasiliaDateTime(row.started_at)}${where} stopped without finishing (closed by the next run).`,
      })
      .where('id', '=', row.id)
      .where('status', '=', 'running')
      .execute();
  }
}

export async function updateSyncRunCounts(deps: Pick<ServiceDeps, 'db' | 'clock'>, runId: string, counts: SyncRunCounts): Promise<void> {
  await deps.db
    .updateTable('erp_sync_log')
    .set({ ...counts, heartbeat_at: new Date(deps.clock.now()).toISOString() })
    .where('id', '=', runId)
    .execute();
}

export async function finishSyncRun(deps: ServiceDeps, runId: string, outcome: SyncRunOutcome): Promise<void> {
  clearInterval(heartbeats.get(runId));
  heartbeats.delete(runId);
  const at = new Date(deps.clock.now()).toISOString();
  crashPoint('final-log-row');
  const write = () =>
    deps.db
      .updateTable('erp_sync_log')
      .set({
        ...(outcome.counts ?? {}),
        status: outcome.status,
        finished_at: at,
        heartbeat_at: at,
        record_count: outcome.recordCount,
        error_message: outcome.errorMessage ?? null,
        error_code: outcome.errorCode ?? null,
      })
      .where('id', '=', runId)
      .execute();
  // the pool may hand out once more a connection the server just dropped: the final row is worth one retry
  await write().catch(async (error: unknown) => {
    if (toErrorShape(error).code !== 'db_unreachable') throw error;
    await write();
  });
}

/** The error message of a run the user cancelled. */
export const CANCELLED_MESSAGE = 'Cancelled by the user';

/** Throws the `cancelled` error that ends a run once its signal has fired (checked between pages). */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('cancelled', CANCELLED_MESSAGE);
}

/** What a run's work sees: its erp_sync_log row, the counts written when it ends, its progress events. */
export interface SyncRunScope {
  runId: string;
  /** Epoch ms on the deps' clock. */
  startedAt: number;
  counts: SyncRunCounts;
  progress: ProgressReporter;
}

/** A result and the spec's record_count to log with it. */
export interface SyncRunEnd<R> {
  result: R;
  recordCount: number;
}

export interface LoggedSync<R> {
  kind: SyncKind;
  period?: string;
  onProgress?: RunControl['onProgress'];
  /** The work of the run. */
  work(run: SyncRunScope): Promise<SyncRunEnd<R>>;
  /** The result of a run that failed or was cancelled (`message` is CANCELLED_MESSAGE then). */
  failed(run: SyncRunScope, error: { code: string; message: string }): SyncRunEnd<R>;
  /** Records the finished run's module event. */
  recordEvent(result: R): Promise<void>;
}

/**
 * One logged run, start to end: the `running` row, progress from `starting` to `finished`, the
 * row closed as `success` or `error` with its counts, the module event. Anything the work throws
 * (Omie failures, cancellation) ends the run as `error` and is returned as data, not thrown. Call
 * it while holding the run's lock (see startSyncRun).
 */
export async function runLoggedSync<R>(deps: ServiceDeps, sync: LoggedSync<R>): Promise<R> {
  const startedAt = deps.clock.now();
  const runId = await startSyncRun(deps, sync.kind, sync.period);
  const progress = progressReporter(runId, sync.kind, deps.clock, sync.onProgress);
  const run: SyncRunScope = { runId, startedAt, counts: { inserted: 0, updated: 0, unchanged: 0, skipped: 0, pages: 0 }, progress };
  progress.starting();
  try {
    const { result, recordCount } = await sync.work(run);
    await finishSyncRun(deps, runId, { status: 'success', recordCount, counts: run.counts });
    await sync.recordEvent(result);
    progress.finished('success');
    return result;
  } catch (error) {
    const shape = toErrorShape(error);
    const message = shape.code === 'cancelled' ? CANCELLED_MESSAGE : shape.message;
    const { result, recordCount } = sync.failed(run, { code: shape.code, message });
    await finishSyncRun(deps, runId, { status: 'error', recordCount, counts: run.counts, errorMessage: message, errorCode: shape.code });
    await sync.recordEvent(result).catch(() => {});
    progress.finished('error', message);
    return result;
  }
}
