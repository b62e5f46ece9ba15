import { prepareForBulkWrites } from '../db/bulk-writes';
import { restoreDeferredIndexes, withSecondaryIndexesDeferred } from '../db/deferred-indexes';
import { withSingleRun, type Lease } from '../db/locks';
import { crashPoint } from '../testing/crash-hook';
import type { OmieClient } from '../omie/types';
import { clientsTableEmpty, handMadeClientsExist, omieClientsExist } from './clients-apply';
import { clientsWriter } from './clients-writer';
import { alteredSinceFor, includeSuppliersSetting, readClientsCursor, writeClientsCursor } from './clients-cursor';
import { markVanishedClients } from './clients-vanished';
import type { RunControl, ServiceDeps } from './deps';
import { recordModuleEvent } from './module-events';
import { runLoggedSync, type SyncRunCounts, type SyncRunEnd, type SyncRunScope, throwIfCancelled } from './sync-run';

/**
 * syncOmieErp: Omie ListarClientes → `clients` (DESIGN.md §4). One run at a time (lock
 * 'sync:clients'); pages committed as they arrive, grouped on SQLite (clients-writer.ts);
 * incremental from the stored cursor unless `full`; the cursor moves only after a successful run.
 * Omie failures and cancellation end the run as `error` in erp_sync_log and in the result; only
 * "already running" and configuration problems (no run was started) are thrown.
 */
export interface ClientsSyncOptions extends RunControl {
  /** Read every customer (not just those altered since the cursor) and report vanished ones. */
  full?: boolean;
}

export interface ClientsSyncResult {
  runId: string;
  status: 'success' | 'error';
  /** The spec's record_count: clients inserted or updated. */
  recordCount: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  pages: number;
  durationMs: number;
  errorMessage: string | null;
  errorCode: string | null;
  /** --full only: omie_codigo values in `clients` that Omie no longer lists. */
  vanished: string[];
}

const CLIENTS_SYNC_LOCK = 'sync:clients';
/** Pages held are committed when the next one takes longer than this to arrive. */
const COMMIT_WHEN_WAITING_MS = 200;
/** Shortest interval between two per-page lease refreshes. */
const LEASE_BEAT_EVERY_MS = 1000;

export async function syncOmieErp(deps: ServiceDeps, options: ClientsSyncOptions = {}): Promise<ClientsSyncResult> {
  const omie = deps.omie();
  return withSingleRun(
    deps.db,
    CLIENTS_SYNC_LOCK,
    (lease) =>
      runLoggedSync<ClientsSyncResult>(deps, {
        kind: 'clients',
        onProgress: options.onProgress,
        work: (run) => syncClients(deps, omie, lease, run, options),
        failed: (run, error) => {
          const result = resultOf(run.runId, 'error', run.counts, deps.clock.now() - run.startedAt, error, []);
          return { result, recordCount: result.recordCount };
        },
        recordEvent: (result) => recordEvent(deps, result),
      }),
    { clock: deps.clock },
  );
}

async function syncClients(
  deps: ServiceDeps,
  omie: OmieClient,
  lease: Lease,
  { runId, startedAt, counts, progress }: SyncRunScope,
  options: ClientsSyncOptions,
): Promise<SyncRunEnd<ClientsSyncResult>> {
  const { db } = deps;
  // a first sync that died while loading left the table's indexes to build (see below)
  await restoreDeferredIndexes(db, 'clients');
  const includeSuppliers = await includeSuppliersSetting(db);
  // checked once per run: a hand-made client typed in while this run is going is not linked by it
  const linkByDocument = await handMadeClientsExist(db);
  // an empty table (a first sync): a page's codes are looked up only among those this run stored
  const firstSync = !(await omieClientsExist(db));
  // into an empty table, the indexes by name and by document are built after the load (deferred-indexes.ts)
  const emptyTable = await clientsTableEmpty(db);
  const cursor = options.full ? null : await readClientsCursor(db);
  const filters = cursor ? { alteredSince: alteredSinceFor(cursor) } : {};
  crashPoint('before-first-page');
  const restoreCheckpoints = await prepareForBulkWrites(db);
  const load = () => readPages(deps, omie, lease, { runId, startedAt, counts, progress }, options, { includeSuppliers, linkByDocument, filters, firstSync });
  try {
    return await (emptyTable ? withSecondaryIndexesDeferred(db, 'clients', load) : load());
  } finally {
    await restoreCheckpoints();
  }
}

interface PageLoop {
  includeSuppliers: boolean;
  linkByDocument: boolean;
  filters: { alteredSince?: string };
  firstSync: boolean;
}

async function readPages(
  deps: ServiceDeps,
  omie: OmieClient,
  lease: Lease,
  { runId, startedAt, counts, progress }: SyncRunScope,
  options: ClientsSyncOptions,
  { includeSuppliers, linkByDocument, filters, firstSync }: PageLoop,
): Promise<SyncRunEnd<ClientsSyncResult>> {
  const { db, clock } = deps;
  const writer = clientsWriter(deps, counts, { runId, includeSuppliers, linkByDocument, firstSync });
  let records = 0;
  let lastBeat = clock.now();
  const committed = async () => {
    // the lease also has its own timer; on commits it is refreshed at most once a second (each is a write)
    if (clock.now() - lastBeat >= LEASE_BEAT_EVERY_MS) {
      lastBeat = clock.now();
      await lease.heartbeat();
    }
    crashPoint('between-pages');
  };
  const pages = omie.listarClientes(filters, { signal: options.signal, onProgress: (p) => progress.fromClient(p) });
  try {
    for (;;) {
      const next = pages.next();
      // Omie is keeping us waiting: commit what is held meanwhile
      if (writer.held > 0 && !(await settlesWithin(next, COMMIT_WHEN_WAITING_MS))) {
        await writer.commit();
        await committed();
      }
      const { done, value: page } = await next;
      if (done) break;
      records += page.records.length + page.skipped.length;
      progress.page(page.page, page.totalPages, records, page.totalRecords);
      if (await writer.add(page)) await committed();
      throwIfCancelled(options.signal);
    }
    await writer.commit();
  } catch (error) {
    // Omie failed or the run was cancelled: the pages already read are good, keep them.
    await writer.commit().catch(() => {});
    await pages.return(undefined).catch(() => {});
    throw error;
  }
  // the lock must still be ours before the run claims success (its connection may have been lost
  // since the last heartbeat): a lost one ends the run as an error saying so
  await lease.heartbeat();
  // a first sync stored every Omie client there is, from the codes it saw: none can have vanished
  const vanished = options.full && !firstSync ? await markVanishedClients(db, writer.seen, new Date(clock.now()).toISOString()) : [];
  await writeClientsCursor(db, new Date(startedAt).toISOString(), new Date(clock.now()).toISOString());
  const result = resultOf(runId, 'success', counts, clock.now() - startedAt, null, vanished);
  return { result, recordCount: result.recordCount };
}

/** Whether a promise settles within `ms` (real time: this is about Omie's latency). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([promise.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

function resultOf(
  runId: string,
  status: 'success' | 'error',
  counts: SyncRunCounts,
  durationMs: number,
  error: { code: string; message: string } | null,
  vanished: string[],
): ClientsSyncResult {
  return {
    runId,
    status,
    recordCount: counts.inserted + counts.updated,
    ...counts,
    durationMs,
    errorMessage: error?.message ?? null,
    errorCode: error?.code ?? null,
    vanished,
  };
}

async function recordEvent(deps: ServiceDeps, result: ClientsSyncResult): Promise<void> {
  await recordModuleEvent(
    deps.db,
    'sync.clients',
    { runId: result.runId, status: result.status, recordCount: result.recordCount, errorCode: result.errorCode },
    new Date(deps.clock.now()).toISOString(),
  );
}
