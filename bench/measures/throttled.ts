/**
 * throttled.ratio: a full sync of 20,000 clients against a simulator that enforces 240 requests per
 * minute and 1 call in flight per method (429 / 1880 above them), with the client paced at its
 * configured rate R ≤ 240 ÷ the floor pages × 60/R s.
 *
 * Two configurations, one simulator process each:
 *  - the figure (`throttled.ratio`): R = 240 — paced right at the server's limit — and 50 records
 *    per page (408 pages), so the per-minute budget binds for more than one window and a client
 *    that overshoots the limit gets 429s (and their long waits) inside the measure;
 *  - info (`throttled.defaults`): the client's defaults (R = 200, 500 per page: 41 pages), where
 *    20,000 clients fit in one minute's budget and pacing never has to wait.
 * Counted from the simulator: calls served and faults (429, 1880) it answered.
 */
import { resetPacing } from '../../src/main/omie/index';
import { syncOmieErp } from '../../src/main/services/clients-sync';
import type { BenchContext } from '../lib/context';
import { round, sized } from '../lib/context';
import { sqliteTarget } from '../lib/sync-targets';
import { startSimProcess } from '../lib/sim-process';
import type { SimStats } from '../../src/main/omie-sim/index';
import { benchDeps } from '../lib/sync-deps';
import { timed } from '../lib/timing';

export const SERVER_RATE_LIMIT = 240;

export interface ThrottledRun {
  ratio: number;
  ms: number;
  floorMs: number;
  pages: number;
  requestsPerMinute: number;
  pageSize: number;
  calls: number;
  serverFaults: Record<string, number>;
}

export interface ThrottledFigures extends ThrottledRun {
  clients: number;
  serverLimit: { requestsPerMinute: number; maxConcurrentPerMethod: number };
  defaults: ThrottledRun;
}

async function throttledRun(ctx: BenchContext, clients: number, requestsPerMinute: number, pageSize: number): Promise<ThrottledRun> {
  const sim = await startSimProcess({ clients, rateLimit: SERVER_RATE_LIMIT, maxConcurrent: 1 });
  const target = sqliteTarget(ctx.scratch);
  const fresh = await target.fresh();
  try {
    resetPacing(); // the pacer's lanes are process-wide: earlier (unpaced) syncs must not count against this one
    const deps = benchDeps(fresh.db, sim.url, { requestsPerMinute, pageSize });
    const t = await timed(() => syncOmieErp(deps, { full: true }));
    if (t.value.status !== 'success') throw new Error(`throttled sync failed: ${t.value.errorMessage}`);
    const stats = await sim.control<SimStats>('stats');
    const floorMs = t.value.pages * (60_000 / requestsPerMinute);
    ctx.log(`throttled: R=${requestsPerMinute}/min, ${pageSize}/page: ${t.value.pages} pages in ${(t.ms / 1000).toFixed(1)} s (floor ${(floorMs / 1000).toFixed(1)} s), server faults ${JSON.stringify(stats.faults)}`);
    return {
      ratio: round(t.ms / floorMs, 3),
      ms: round(t.ms, 0),
      floorMs: round(floorMs, 0),
      pages: t.value.pages,
      requestsPerMinute,
      pageSize,
      calls: Object.values(stats.calls).reduce((a, b) => a + b, 0),
      serverFaults: stats.faults,
    };
  } finally {
    await fresh.dispose(ctx.keep);
    await sim.stop();
  }
}

export async function measureThrottled(ctx: BenchContext): Promise<ThrottledFigures> {
  const clients = sized(ctx, 20_000);
  const defaults = await throttledRun(ctx, clients, 200, 500);
  const binding = await throttledRun(ctx, clients, SERVER_RATE_LIMIT, 50);
  return { ...binding, clients, serverLimit: { requestsPerMinute: SERVER_RATE_LIMIT, maxConcurrentPerMethod: 1 }, defaults };
}
