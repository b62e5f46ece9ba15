/**
 * memory.ratio: peak RSS of the sync process — the CLI `ness-data --db sqlite:<fresh> --json sync
 * clients`, its simulator in another process — syncing 100,000 clients ÷ the same for 10,000.
 * Peak = the kernel's VmHWM of the CLI process, polled every 20 ms until it exits.
 */
import type { BenchContext } from '../lib/context';
import { MB, round, sized } from '../lib/context';
import { runCli } from '../lib/child';
import { samplePeakRss } from '../lib/peak-rss';
import { SIM_APP_KEY, SIM_APP_SECRET, type SimProcess, startSimProcess } from '../lib/sim-process';
import { median } from '../lib/timing';

export interface MemoryRun {
  clients: number;
  peakMB: number;
  ms: number;
  records: number;
}

export interface MemoryFigures {
  ratio: number;
  peakMB: number;
  floorPeakMB: number;
  clients: number;
  floorClients: number;
  runs: MemoryRun[];
}

async function cliSync(ctx: BenchContext, sim: SimProcess): Promise<MemoryRun> {
  const path = ctx.scratch.path('memory');
  let sampler: ReturnType<typeof samplePeakRss> | undefined;
  const done = await runCli(['--db', `sqlite:${path}`, '--json', 'sync', 'clients'], { OMIE_BASE_URL: sim.url, OMIE_APP_KEY: SIM_APP_KEY, OMIE_APP_SECRET: SIM_APP_SECRET }, {
    onSpawn: (child) => {
      sampler = samplePeakRss(child.pid as number);
    },
  });
  const peak = sampler?.stop() ?? 0;
  if (done.code !== 0) throw new Error(`ness-data sync clients exited ${done.code}: ${done.stderr.slice(-1000)}`);
  const doc = JSON.parse(done.stdout) as { status: string; inserted: number; updated: number; unchanged: number; skipped: number };
  const run = { clients: sim.clients, peakMB: round(peak / MB, 1), ms: round(done.ms, 0), records: doc.inserted + doc.updated + doc.unchanged + doc.skipped };
  ctx.log(`memory: ${sim.clients} clients: peak RSS ${run.peakMB} MB (${(run.ms / 1000).toFixed(1)} s, ${run.records} records)`);
  return run;
}

/** `big` is the simulator of the measured size (shared with the sync measures); the small one is started here. */
export async function measureMemory(ctx: BenchContext, big: SimProcess, reps: number): Promise<MemoryFigures> {
  const small = await startSimProcess({ clients: sized(ctx, 10_000) });
  const runs: MemoryRun[] = [];
  try {
    for (let i = 0; i < reps; i++) {
      runs.push(await cliSync(ctx, small));
      runs.push(await cliSync(ctx, big));
    }
  } finally {
    await small.stop();
  }
  const peakOf = (clients: number) => median(runs.filter((r) => r.clients === clients).map((r) => r.peakMB));
  const peakMB = peakOf(big.clients);
  const floorPeakMB = peakOf(small.clients);
  return { ratio: round(peakMB / floorPeakMB, 3), peakMB: round(peakMB, 1), floorPeakMB: round(floorPeakMB, 1), clients: big.clients, floorClients: small.clients, runs };
}
