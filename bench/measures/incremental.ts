/**
 * incremental.ratio: an incremental sync (`syncOmieErp(deps)`, from the cursor the full sync left)
 * after 1% of the clients changed in the simulator ÷ the full sync (the median of that measure).
 *
 * The full sync measure leaves each of its databases synced; then 1% of the clients (the lowest
 * Omie codes: the simulator finds a client to change by scanning its list from the start, so these
 * are the cheapest to change) get a new e-mail, once, and every database runs an incremental sync —
 * each sees the same 1% as changed (plus whatever the cursor's overlap window re-reads).
 */
import type { ClientsSyncResult } from '../../src/main/services/clients-sync';
import { syncOmieErp } from '../../src/main/services/clients-sync';
import type { BenchContext } from '../lib/context';
import { round } from '../lib/context';
import type { SimProcess } from '../lib/sim-process';
import { benchDeps } from '../lib/sync-deps';
import { median, timed } from '../lib/timing';
import type { FullSyncOutcome } from './clients-full-sync';

export interface IncrementalFigures {
  ratio: number;
  ms: number;
  fullMs: number;
  changed: number;
  /** Records the incremental run read from Omie (changed ones plus the cursor's overlap window). */
  recordsRead: number;
  updated: number;
  pages: number;
  rounds: number[];
}

export async function measureIncremental(ctx: BenchContext, sim: SimProcess, full: FullSyncOutcome): Promise<IncrementalFigures> {
  const first = full.synced[0];
  if (!first) throw new Error('the full sync measure left no synced database');
  const rows = await first.db.selectFrom('clients').select('omie_codigo').where('omie_codigo', 'is not', null).execute();
  const codes = rows.map((r) => Number(r.omie_codigo)).sort((a, b) => a - b);
  const changed = codes.slice(0, Math.round(codes.length / 100));
  for (const codigo of changed) await sim.control('mutateCliente', { codigo, patch: { email: `financeiro.alterado.${codigo}@exemplo.com.br` } });
  const times: number[] = [];
  let last: ClientsSyncResult | null = null;
  for (const [round_, synced] of full.synced.entries()) {
    const t = await timed(() => syncOmieErp(benchDeps(synced.db, sim.url)));
    if (t.value.status !== 'success') throw new Error(`incremental sync failed: ${t.value.errorMessage}`);
    if (t.value.updated < changed.length) throw new Error(`incremental sync updated ${t.value.updated} clients, expected ≥ ${changed.length}`);
    last = t.value;
    times.push(t.ms);
    ctx.log(`incremental: round ${round_ + 1}/${full.synced.length}: ${t.ms.toFixed(0)} ms, ${t.value.updated} updated, ${t.value.unchanged} unchanged (full sync ${synced.ms.toFixed(0)} ms)`);
  }
  const done = last as ClientsSyncResult | null;
  const ms = median(times);
  const fullMs = full.figures.ms;
  return {
    ratio: round(ms / fullMs, 4),
    ms: round(ms, 0),
    fullMs,
    changed: changed.length,
    recordsRead: done ? done.inserted + done.updated + done.unchanged + done.skipped : 0,
    updated: done?.updated ?? 0,
    pages: done?.pages ?? 0,
    rounds: times.map((t) => round(t, 0)),
  };
}
