/**
 * §1 Crash. `ness-data sync clients --full` killed with SIGKILL at each phase of a run (through the
 * test-only hook NESS_TEST_CRASH_AT=<phase>:<occurrence>, src/main/testing/crash-hook.ts) and at 5
 * random moments, per backend, on one database per backend that keeps every scar (the backends run
 * side by side, one lane each). Before each trial the simulator changes (new customers, renamed
 * ones), so every killed run had real work to lose. After each kill the next run must close the
 * stale `running` row as interrupted, finish `success`, and leave the clients table equal to the
 * simulator's customers: 0 missing, 0 duplicated, 0 stale.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OmieSim, startOmieSim } from '../../src/main/omie-sim/index';
import { READ_AHEAD_PAGES } from '../../src/main/omie/paginate';
import { syncOmieErp, type ClientsSyncResult } from '../../src/main/services/clients-sync';
import { PAGES_PER_COMMIT } from '../../src/main/services/clients-writer';
import { CRASH_MARKER, type CrashPhase, parseCrashPlan } from '../../src/main/testing/crash-hook';
import { AppError } from '../../src/shared/errors';
import { type BackendName, backendNames, freshDatabase, type TestDatabase } from '../helpers/backends';
import { childEnv, spawnCli } from '../helpers/cli-process';
import { DEFERRED_CLIENT_INDEXES, indexesOf } from '../helpers/indexes';
import { sleep } from '../helpers/wait';
import { auditClients, cleanAudit, inParallel, NO_LOSS, omieEnv, report, seededRandom, simDeps, suiteSeed } from './harness';

const PAGE_SIZE = 20;
const LATENCY_MS = 25;
const RANDOM_TRIALS = 5;

/** One kill per phase; occurrences chosen so the run has committed work behind it. */
const HOOK_TRIALS: [CrashPhase, number][] = [
  ['before-first-page', 1],
  ['page-in-flight', 3],
  ['page-commit', 2],
  ['between-pages', 2],
  ['final-log-row', 1],
];

describe('crash hook plan', () => {
  it('parses <phase>:<occurrence>, ignores unset, refuses anything else', () => {
    expect(parseCrashPlan(undefined)).toBeNull();
    expect(parseCrashPlan('')).toBeNull();
    expect(parseCrashPlan('page-commit:2')).toEqual({ phase: 'page-commit', occurrence: 2 });
    for (const bad of ['page-commit', 'page-commit:0', 'nowhere:1', 'page-commit:x']) expect(() => parseCrashPlan(bad)).toThrow(/NESS_TEST_CRASH_AT/);
  });
});

/** One backend's database, simulator and tallies. */
class Lane {
  readonly kills: Record<string, number> = {};
  readonly landed: string[] = [];
  readonly lost = { missing: 0, duplicated: 0, stale: 0, extra: 0 };
  trials = 0;
  recovered = 0;
  staleClosed = 0;
  runMs = 0;
  lastAudit = { expected: 0, stored: 0 };
  readonly random: () => number;

  constructor(
    readonly backend: BackendName,
    readonly seed: number,
    readonly sim: OmieSim,
    readonly database: TestDatabase,
  ) {
    this.random = seededRandom(seed);
  }

  get db() {
    return this.database.db;
  }

  /** The simulator moves on between trials: 6 new customers and 6 renamed ones. */
  changeOmie(): void {
    this.trials += 1;
    const trial = this.trials;
    for (let i = 0; i < 6; i += 1) this.sim.control.addCliente({ razao_social: `Nova Cliente ${trial}-${i} Ltda`, email: `t${trial}c${i}@exemplo.com.br` });
    const codes = this.sim.control.clientes().map((c) => c.codigo_cliente_omie);
    for (let i = 0; i < 6; i += 1) {
      const code = codes[Math.floor(this.random() * codes.length)]!;
      this.sim.control.mutateCliente(code, { razao_social: `Renomeada ${trial}-${i} Comércio Ltda` });
    }
  }

  runningRows() {
    return this.db.selectFrom('erp_sync_log').select(['id', 'status', 'pages', 'error_code']).where('status', '=', 'running').execute();
  }

  doomedRun(env: Record<string, string> = {}) {
    return spawnCli(['--db', this.database.url, '--json', 'sync', 'clients', '--full'], childEnv({ ...omieEnv(this.sim.url, { pageSize: PAGE_SIZE }), ...env }));
  }

  /** The next run, in this process: retried while a killed Postgres holder's session is still being torn down. */
  async nextRun(): Promise<ClientsSyncResult> {
    this.sim.control.setLatency(0);
    try {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await syncOmieErp(simDeps(this.db, this.sim.url, { pageSize: PAGE_SIZE }));
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'already_running') || attempt >= 50) throw error;
          await sleep(100);
        }
      }
    } finally {
      this.sim.control.setLatency(LATENCY_MS);
    }
  }

  /** After a kill: the next run closes the stale row, succeeds, and nothing is lost or doubled. */
  async recoverAndAudit(killedRunId: string | undefined): Promise<void> {
    const result = await this.nextRun();
    expect(result.status, result.errorMessage ?? '').toBe('success');
    this.recovered += 1;
    if (killedRunId) {
      const stale = await this.db.selectFrom('erp_sync_log').selectAll().where('id', '=', killedRunId).executeTakeFirstOrThrow();
      expect(stale).toMatchObject({ status: 'error', error_code: 'interrupted' });
      expect(stale.finished_at).not.toBeNull();
      expect(stale.error_message).toMatch(/^interrupted: /);
      this.staleClosed += 1;
    }
    expect(await this.runningRows()).toEqual([]);
    expect(await this.db.selectFrom('sync_leases').selectAll().execute()).toEqual([]);
    const audit = await auditClients(this.db, this.sim.control.clientes());
    this.lastAudit = audit;
    for (const [k, v] of Object.entries(cleanAudit(audit))) this.lost[k as keyof Lane['lost']] += v;
    expect(cleanAudit(audit), this.backend).toEqual(NO_LOSS);
    expect(audit.stored).toBe(audit.expected);
  }

  /** A kill through the hook, checked from the outside (checkCrashPhase): Omie calls made, pages committed, the row still running. */
  async hookTrial(phase: CrashPhase, occurrence: number): Promise<void> {
    this.changeOmie();
    this.sim.control.resetStats();
    const plan = `${phase}:${occurrence}`;
    const doomed = this.doomedRun({ NESS_TEST_CRASH_AT: plan });
    await doomed.stderrLine(/starting \(run /);
    const startedRun = Date.now();
    const out = await doomed.done;
    if (phase === 'final-log-row') this.runMs = Date.now() - startedRun;
    expect(out.signal, `${this.backend} ${plan}: ${out.stderr}`).toBe('SIGKILL');
    expect(out.stderr).toContain(`${CRASH_MARKER} ${plan}`);
    expect(out.stdout).toBe(''); // killed before any result was printed
    this.kills[phase] = (this.kills[phase] ?? 0) + 1;

    const running = await this.runningRows();
    expect(running, `${this.backend} ${plan}`).toHaveLength(1);
    const calls = this.sim.control.stats().calls.ListarClientes ?? 0;
    const totalPages = Math.ceil(this.sim.control.clientes().length / PAGE_SIZE);
    const pages = Number(running[0]!.pages);
    expect(checkCrashPhase(phase, occurrence, { calls, pages, totalPages }), `${this.backend} ${plan}: ${calls} calls, ${pages} pages committed`).toEqual([]);
    await this.recoverAndAudit(running[0]!.id);
  }

  /** SIGKILLs at random moments of the run (its length measured by the final-log-row trial). */
  async randomTrials(): Promise<void> {
    let attempts = 0;
    let killed = 0;
    while (killed < RANDOM_TRIALS) {
      attempts += 1;
      expect(attempts, 'too many random trials ended before their kill').toBeLessThanOrEqual(RANDOM_TRIALS * 2);
      this.changeOmie();
      const doomed = this.doomedRun();
      await doomed.stderrLine(/starting \(run /);
      const delay = Math.floor(this.random() * Math.max(200, this.runMs * 0.9));
      await sleep(delay);
      doomed.kill('SIGKILL');
      const out = await doomed.done;
      const running = await this.runningRows();
      if (out.signal !== 'SIGKILL') {
        // the run finished before the kill: a trial, not a kill
        expect(out.code, out.stderr).toBe(0);
        this.landed.push(`finished-before-kill@${delay}ms`);
        await this.recoverAndAudit(undefined);
        continue;
      }
      killed += 1;
      this.kills.random = (this.kills.random ?? 0) + 1;
      expect(running.length).toBeLessThanOrEqual(1);
      const row = running[0];
      this.landed.push(row ? `after-${row.pages}-pages@${delay}ms` : `after-final-row@${delay}ms`);
      await this.recoverAndAudit(row?.id);
    }
  }

  report(): void {
    report(`crash [${this.backend}]`, {
      seed: this.seed,
      trials: this.trials,
      kills: Object.values(this.kills).reduce((a, b) => a + b, 0),
      ...Object.fromEntries(Object.entries(this.kills).map(([k, v]) => [`kills.${k}`, v])),
      'random.landed': `"${this.landed.join(', ')}"`,
      recovered: this.recovered,
      stale_rows_closed: this.staleClosed,
      clients: `${this.lastAudit.stored}/${this.lastAudit.expected}`,
      ...Object.fromEntries(Object.entries(this.lost).map(([k, v]) => [`records.${k}`, v])),
    });
  }
}

/**
 * What must hold when the process died at `phase` for the `occurrence`-th time, from the outside:
 * Omie calls the simulator answered and pages the run row says were committed. Pages are committed
 * up to PAGES_PER_COMMIT at a time (earlier when Omie is slow to answer), and the client reads up to
 * READ_AHEAD_PAGES ahead, so most phases bound these numbers rather than fix them. Broken rules are returned.
 */
function checkCrashPhase(phase: CrashPhase, occurrence: number, { calls, pages, totalPages }: { calls: number; pages: number; totalPages: number }): string[] {
  const broken: string[] = [];
  const rule = (ok: boolean, text: string) => !ok && broken.push(text);
  // pages read but not committed: at most one commit's worth, plus those read ahead
  const unsaved = PAGES_PER_COMMIT + READ_AHEAD_PAGES;
  switch (phase) {
    case 'before-first-page':
      rule(calls === 0 && pages === 0, 'no Omie call and nothing committed');
      break;
    case 'page-in-flight': // the answer to call `occurrence` arrived, its body not read: the next call not made
      rule(calls === occurrence, `exactly ${occurrence} calls`);
      rule(pages <= occurrence - 1, `at most ${occurrence - 1} pages committed`);
      break;
    case 'page-commit': // inside commit `occurrence`: only the earlier commits count, each of ≥ 1 page
      rule(pages >= occurrence - 1 && pages <= (occurrence - 1) * PAGES_PER_COMMIT, `${occurrence - 1} to ${(occurrence - 1) * PAGES_PER_COMMIT} pages committed`);
      rule(calls > pages && calls <= pages + 1 + unsaved, 'the pages being committed were read, and no more than the read-ahead beyond them');
      break;
    case 'between-pages': // commit `occurrence` done
      rule(pages >= occurrence && pages <= occurrence * PAGES_PER_COMMIT, `${occurrence} to ${occurrence * PAGES_PER_COMMIT} pages committed`);
      rule(calls >= pages && calls <= pages + 1 + READ_AHEAD_PAGES, 'calls: the committed pages plus at most the read-ahead');
      break;
    case 'final-log-row':
      rule(calls === totalPages && pages === totalPages, `all ${totalPages} pages read and committed`);
      break;
  }
  return broken;
}

const BACKENDS = backendNames();

describe.sequential(`§1 crash: sync clients killed with SIGKILL [${BACKENDS.join(', ')}]`, () => {
  const lanes: Lane[] = [];

  beforeAll(async () => {
    for (const backend of BACKENDS) {
      const sim = await startOmieSim({ seed: 810, clients: 400, months: 0, latencyMs: LATENCY_MS });
      lanes.push(new Lane(backend, suiteSeed(), sim, await freshDatabase(backend)));
    }
  });
  afterAll(async () => {
    for (const lane of lanes) {
      lane.report();
      await lane.sim.close();
      await lane.database.drop();
    }
  });

  for (const [phase, occurrence] of HOOK_TRIALS) {
    it(`killed at ${phase}:${occurrence} → the next run recovers everything`, () => inParallel(lanes, (lane) => lane.hookTrial(phase, occurrence)));
  }

  it(`killed at ${RANDOM_TRIALS} random moments → the next run recovers everything each time`, () => inParallel(lanes, (lane) => lane.randomTrials()));
});

describe.sequential(`§1 crash: a first sync killed while it loads [${BACKENDS.join(', ')}]`, () => {
  it('leaves the indexes it was to build after the load to the next run, which builds them and recovers everything', () =>
    inParallel(BACKENDS, async (backend) => {
      const sim = await startOmieSim({ seed: 811, clients: 200, months: 0, latencyMs: LATENCY_MS });
      const database = await freshDatabase(backend);
      try {
        const lane = new Lane(backend, suiteSeed(), sim, database);
        const all = await indexesOf(lane.db, 'clients');
        const deferredState = () => lane.db.selectFrom('app_state').select('value').where('key', '=', 'deferred_indexes:clients').executeTakeFirst();
        const out = await lane.doomedRun({ NESS_TEST_CRASH_AT: 'page-commit:2' }).done;
        expect(out.signal, `${backend}: ${out.stderr}`).toBe('SIGKILL');
        expect(await indexesOf(lane.db, 'clients')).toEqual(all.filter((name) => !DEFERRED_CLIENT_INDEXES.includes(name)));
        expect(JSON.parse((await deferredState())?.value ?? '[]')).toHaveLength(DEFERRED_CLIENT_INDEXES.length);
        const running = await lane.runningRows();
        expect(running).toHaveLength(1);
        await lane.recoverAndAudit(running[0]!.id);
        expect(await indexesOf(lane.db, 'clients')).toEqual(all);
        expect(await deferredState()).toBeUndefined();
      } finally {
        await sim.close();
        await database.drop();
      }
    }));
});
