/**
 * `npm run bench [-- options]`: every figure of issue 7 as a ratio against a floor measured side by
 * side in the same run, a human table on stdout, and the results as JSON (bench/results.json for a
 * full run). Progress goes to stderr. Never part of `npm test`.
 *
 *   --quick            every workload 10× smaller (under a minute); writes bench/results.quick.json
 *   --only a,b         only these measures: clientsFullSync, incremental, applyRate, postgres,
 *                      memory, throttled, reconciliation, ui (incremental/applyRate imply clientsFullSync)
 *   --reps N           timed rounds per side-by-side pair (default 3)
 *   --pg-url URL       Postgres for the postgres measure (default postgres://postgres@127.0.0.1:5432/test)
 *   --out FILE         where to write the JSON (default as above; --only writes only with --out)
 *   --no-write         do not write JSON
 *   --keep             keep the scratch databases (their directory is printed)
 *   --strict           exit 1 when a target is missed (default: exit 1 only when a measure fails)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './lib/context';
import { sized } from './lib/context';
import { DEFAULT_PG_URL, postgresReachable, Scratch } from './lib/databases';
import { buildDocument, tableLines } from './lib/report';
import { machine, metMap } from './lib/results';
import { startSimProcess } from './lib/sim-process';
import { sqliteTarget, postgresTarget } from './lib/sync-targets';
import { renderTable } from './lib/table';
import { measureApplyRate } from './measures/apply-rate';
import { measureFullSync } from './measures/clients-full-sync';
import { measureIncremental } from './measures/incremental';
import { measureMemory } from './measures/memory';
import { measureReconciliation } from './measures/reconciliation';
import { measureThrottled } from './measures/throttled';
import { measureUiClients } from './measures/ui-clients';

const MEASURES = ['clientsFullSync', 'incremental', 'applyRate', 'postgres', 'memory', 'throttled', 'reconciliation', 'ui'] as const;
type MeasureName = (typeof MEASURES)[number];

function parseArgs(argv: string[]) {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const only = (value('--only') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of only) if (!(MEASURES as readonly string[]).includes(name)) throw new Error(`--only: unknown measure "${name}" (known: ${MEASURES.join(', ')})`);
  const quick = argv.includes('--quick');
  const reps = Number(value('--reps') ?? 3);
  if (!Number.isInteger(reps) || reps < 1) throw new Error('--reps must be a whole number ≥ 1');
  const defaultOut = only.length > 0 ? undefined : join(import.meta.dirname, quick ? 'results.quick.json' : 'results.json');
  return {
    quick,
    reps,
    only,
    pgUrl: value('--pg-url') ?? process.env.NESS_BENCH_PG_URL ?? DEFAULT_PG_URL,
    keep: argv.includes('--keep'),
    write: !argv.includes('--no-write'),
    strict: argv.includes('--strict'),
    out: value('--out') ?? defaultOut,
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const loadAtStart = machine().loadAverage;
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;
  const ctx: BenchContext = { ...args, scale: args.quick ? 0.1 : 1, scratch: new Scratch(), log: (line) => process.stderr.write(`[bench ${elapsed()}] ${line}\n`) };
  const wants = (name: MeasureName) => ctx.only.length === 0 || ctx.only.includes(name);
  const figures: Record<string, unknown> = {};
  const failures: Record<string, string> = {};
  /** Runs one measure; its figures (`record` of its value) go under `name`, a failure is kept as its reason. */
  const attempt = async <T>(name: string, fn: () => Promise<T>, record: (value: T) => unknown = (v) => v): Promise<T | undefined> => {
    ctx.log(`${name}: start`);
    try {
      const value = await fn();
      figures[name] = record(value);
      return value;
    } catch (error) {
      failures[name] = error instanceof Error ? error.message : String(error);
      ctx.log(`${name}: FAILED: ${failures[name]}`);
      return undefined;
    }
  };

  ctx.log(`${ctx.quick ? 'quick' : 'full'} run on ${machine().cpus} cores (load average ${machine().loadAverage}); scratch ${ctx.scratch.dir}`);
  try {
    const syncMeasures = (['clientsFullSync', 'incremental', 'applyRate', 'postgres', 'memory'] as const).filter(wants);
    if (syncMeasures.length > 0) {
      const clients = sized(ctx, 100_000);
      const sim = await startSimProcess({ clients });
      ctx.log(`simulator with ${clients} clients at ${sim.url} (pid ${sim.pid})`);
      try {
        if (wants('clientsFullSync') || wants('incremental') || wants('applyRate')) {
          const outcome = await attempt(
            'clientsFullSync',
            () => measureFullSync(ctx, sim, sqliteTarget(ctx.scratch), { warmup: 1, reps: ctx.reps, keepSynced: wants('incremental'), capturePages: wants('applyRate') }),
            (o) => o.figures,
          );
          if (outcome) {
            if (wants('incremental')) await attempt('incremental', () => measureIncremental(ctx, sim, outcome));
            for (const s of outcome.synced) await s.dispose();
            if (wants('applyRate')) await attempt('applyRate', () => measureApplyRate(ctx, outcome.pages));
          }
        }
        if (wants('postgres')) {
          await attempt(
            'postgres',
            async () => {
              const unreachable = await postgresReachable(ctx.pgUrl);
              if (unreachable) throw new Error(`Postgres not reachable at ${ctx.pgUrl}: ${unreachable}`);
              return measureFullSync(ctx, sim, postgresTarget(ctx.pgUrl), { warmup: 1, reps: ctx.reps, keepSynced: false, capturePages: false });
            },
            (o) => ({ clientsFullSync: o.figures }),
          );
        }
        if (wants('memory')) await attempt('memory', () => measureMemory(ctx, sim, ctx.quick ? 1 : 2));
      } finally {
        await sim.stop();
      }
    }
    if (wants('throttled')) await attempt('throttled', () => measureThrottled(ctx));
    if (wants('reconciliation')) await attempt('reconciliation', () => measureReconciliation(ctx));
    if (wants('ui')) await attempt('ui', () => measureUiClients(ctx), (clients) => ({ clients }));
  } finally {
    if (ctx.keep) ctx.log(`kept scratch databases in ${ctx.scratch.dir}`);
    else ctx.scratch.remove();
  }

  const durationMs = performance.now() - started;
  const doc = buildDocument(ctx, figures, failures, durationMs, loadAtStart);
  process.stdout.write(`\nness.DATA benchmarks (${ctx.quick ? 'quick: workloads 10× smaller' : 'full'}) — ${machine().cpus} cores (${machine().cpuModel}), Node ${process.version}, ${(durationMs / 1000).toFixed(0)} s, load average ${machine().loadAverage}\n\n`);
  process.stdout.write(`${renderTable(tableLines(doc))}\n`);
  for (const [name, reason] of Object.entries(failures)) process.stdout.write(`\n${name} did not run to the end: ${reason}\n`);
  if (ctx.write && args.out) {
    writeFileSync(args.out, `${JSON.stringify(doc, null, 2)}\n`);
    process.stdout.write(`\nwrote ${args.out}\n`);
  }
  const missed = Object.values(metMap(doc)).some((met) => met === false);
  return Object.keys(failures).length > 0 || (args.strict && missed) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
