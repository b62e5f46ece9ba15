/**
 * clientsFullSync.ratio (and postgres.clientsFullSync.ratio): a full sync of the simulator's
 * customers (`syncOmieErp(deps, {full: true})`, pacing off) into a fresh migrated database ÷ the
 * floor — the same HTTP requests fetched and JSON.parse'd, nothing else. Floor and sync alternate
 * against one simulator process; medians of the rounds.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/main/db/schema';
import type { OmieCliente, OmiePage } from '../../src/main/omie/types';
import { syncOmieErp, type ClientsSyncResult } from '../../src/main/services/clients-sync';
import type { BenchContext } from '../lib/context';
import { round } from '../lib/context';
import { fetchClientesFloor } from '../lib/omie-floor';
import { SIM_APP_KEY, SIM_APP_SECRET, type SimProcess } from '../lib/sim-process';
import { benchDeps, simClient } from '../lib/sync-deps';
import { sideBySide, timed } from '../lib/timing';

/** Where a measure's databases come from: a fresh migrated one per sync. */
export interface SyncTarget {
  name: string;
  fresh(): Promise<{ db: Kysely<DB>; label: string; dispose(keep: boolean): Promise<void> }>;
}

export interface FullSyncFigures {
  ratio: number;
  ms: number;
  floorMs: number;
  rowsPerSec: number;
  floorRowsPerSec: number;
  clients: number;
  records: number;
  pages: number;
  inserted: number;
  skipped: number;
  rounds: { ms: number; floorMs: number }[];
}

export interface FullSyncOutcome {
  figures: FullSyncFigures;
  /** Databases left in their synced state (kept for the incremental measure), with their timings. */
  synced: { label: string; ms: number; db: Kysely<DB>; dispose(): Promise<void> }[];
  /** The parsed pages a warm-up sync received (for applyRate), when asked for. */
  pages: OmiePage<OmieCliente>[];
}

export async function measureFullSync(
  ctx: BenchContext,
  sim: SimProcess,
  target: SyncTarget,
  options: { warmup: number; reps: number; keepSynced: boolean; capturePages: boolean },
): Promise<FullSyncOutcome> {
  const synced: FullSyncOutcome['synced'] = [];
  const pages: OmiePage<OmieCliente>[] = [];
  let last: ClientsSyncResult | null = null;
  let floorRecords = 0;
  let floorPages = 0;

  const result = await sideBySide({
    reps: options.reps,
    warmup: options.warmup,
    log: (line) => ctx.log(`${target.name}: ${line}`),
    floor: async () => {
      const t = await timed(() => fetchClientesFloor(sim.url, { appKey: SIM_APP_KEY, appSecret: SIM_APP_SECRET }));
      floorRecords = t.value.records;
      floorPages = t.value.pages;
      return t;
    },
    measure: async (rep) => {
      const fresh = await target.fresh();
      const deps = benchDeps(fresh.db, sim.url);
      if (rep < 0 && options.capturePages && pages.length === 0) {
        // Warm-up only: keep the parsed pages as the client hands them to the sync.
        const client = simClient(sim.url);
        deps.omie = () => ({ ...client, listarClientes: (f, r) => tee(client.listarClientes(f, r), pages) });
      }
      let kept = false;
      try {
        const t = await timed(() => syncOmieErp(deps, { full: true }));
        if (t.value.status !== 'success') throw new Error(`${target.name}: the sync failed: ${t.value.errorMessage}`);
        last = t.value;
        if (rep >= 0 && options.keepSynced) {
          synced.push({ label: fresh.label, ms: t.ms, db: fresh.db, dispose: () => fresh.dispose(ctx.keep) });
          kept = true;
        }
        return t;
      } finally {
        if (!kept) await fresh.dispose(ctx.keep);
      }
    },
  });

  const done = last as ClientsSyncResult | null;
  if (!done) throw new Error('no sync ran');
  return {
    figures: {
      ratio: round(result.ratio, 3),
      ms: round(result.measureMs, 0),
      floorMs: round(result.floorMs, 0),
      rowsPerSec: Math.round(floorRecords / (result.measureMs / 1000)),
      floorRowsPerSec: Math.round(floorRecords / (result.floorMs / 1000)),
      clients: sim.clients,
      records: floorRecords,
      pages: floorPages,
      inserted: done.inserted,
      skipped: done.skipped,
      rounds: result.measure.map((ms, i) => ({ ms: round(ms, 0), floorMs: round(result.floor[i] ?? Number.NaN, 0) })),
    },
    synced,
    pages,
  };
}

async function* tee<T>(source: AsyncGenerator<T>, into: T[]): AsyncGenerator<T> {
  for await (const item of source) {
    into.push(item);
    yield item;
  }
}
