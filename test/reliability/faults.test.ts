/**
 * §2 Faults. The simulator answers 10 % of calls with one fault class of omie-api.md §4 at a time
 * (5xx, HTML 502, a fault inside HTTP 200, redundancy waits, 8020 retry-at, 1880 method lock, 429,
 * plus connection resets and hung requests); a clients sync and a revenue snapshot run through it,
 * and the database they leave must be identical to the one a fault-free run left. Simulator and
 * client share one ManualClock, so Omie's waits (seconds to minutes) cost nothing. 403 and 425 end
 * the run with a clear message after exactly one refused call; the 425 end time is kept in the
 * database and honoured by a new client instance and by a new `ness-data` process.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { codecsFor } from '../../src/main/db/codecs';
import type { DB } from '../../src/main/db/schema';
import { type OmieSim, type SimFaultKind, startOmieSim } from '../../src/main/omie-sim/index';
import { syncOmieErp } from '../../src/main/services/clients-sync';
import { syncOmieRevenueSnapshot } from '../../src/main/services/revenue-snapshot';
import type { SyncProgress } from '../../src/shared/progress';
import { backendNames, freshDatabase, type TestDatabase } from '../helpers/backends';
import { childEnv, runCli } from '../helpers/cli-process';
import { omieEnv, report, simDeps } from './harness';

const PERIOD = '2026-10';
const START = Date.UTC(2026, 10, 5, 15, 0, 0); // 12:00 in Brasília, Nov 5th
const RATE = 0.1;
const PAGE_SIZE = 10;

/** §4's classes, each with the simulator kinds that produce it. */
const CLASSES: [string, SimFaultKind[]][] = [
  ['5xx', ['server-broken-500', 'http-503', 'error-code-body']],
  ['html-502', ['html-502']],
  ['fault-in-200', ['fault-in-200']],
  ['redundancy-wait', ['redundant', 'redundant-variant']],
  ['retry-at-8020', ['duplicate-8020', 'duplicate-1100']],
  ['method-lock-1880', ['lock-1880']],
  ['rate-429', ['rate-429']],
  ['network-reset', ['network-reset']],
  ['timeout', ['hang']],
];

const TABLES = ['erp_sync_skipped', 'erp_sync_log', 'clients', 'sync_cursors', 'sync_leases', 'app_state', 'module_events', 'erp_revenue_snapshot', 'erp_revenue_period', 'erp_revenue_restatement'] as const;

async function resetTables(db: Kysely<DB>): Promise<void> {
  for (const table of TABLES) await db.deleteFrom(table).execute();
}

/** Everything the two runs decide, without ids and timestamps (which a wait legitimately moves). */
async function businessState(db: Kysely<DB>) {
  const codecs = codecsFor(db);
  const clients = (
    await db
      .selectFrom('clients')
      .select(['omie_codigo', 'name', 'document', 'contact_email', 'omie_inativo', 'omie_tags', 'omie_altered_at', 'omie_missing_since'])
      .orderBy('omie_codigo')
      .execute()
  ).map((c) => ({ ...c, omie_inativo: codecs.boolFromDb(c.omie_inativo) }));
  const snapshot = (await db.selectFrom('erp_revenue_snapshot').select(['period', 'omie_codigo', 'valor']).orderBy('omie_codigo').execute()).map((r) => ({
    ...r,
    valor: codecs.moneyFromDb(r.valor).toString(),
  }));
  const periods = (await db.selectFrom('erp_revenue_period').select(['period', 'clients', 'titles', 'total']).execute()).map((r) => ({
    period: r.period,
    clients: Number(r.clients),
    titles: Number(r.titles),
    total: codecs.moneyFromDb(r.total).toString(),
  }));
  const runs = (
    await db.selectFrom('erp_sync_log').select(['kind', 'status', 'record_count', 'inserted', 'updated', 'unchanged', 'skipped', 'pages', 'error_code']).orderBy('kind').execute()
  ).map((r) => ({ ...r, record_count: Number(r.record_count), pages: Number(r.pages) }));
  const skipped = await db.selectFrom('erp_sync_skipped').select(['omie_codigo', 'reason']).orderBy('omie_codigo').orderBy('reason').execute();
  return { clients, snapshot, periods, runs, skipped };
}

for (const backend of backendNames()) {
  describe.sequential(`§2 faults: every fault class on ${RATE * 100}% of calls [${backend}]`, () => {
    let clock: ManualClock;
    let sim: OmieSim;
    let database: TestDatabase;
    let db: Kysely<DB>;
    let baseline: Awaited<ReturnType<typeof businessState>>;
    let baselineCalls = 0;
    const injected: Record<string, number> = {};
    let totalCalls = 0;
    let classesIdentical = 0;
    const endings: string[] = [];

    beforeAll(async () => {
      clock = new ManualClock(START);
      sim = await startOmieSim({ seed: 820, clients: 240, months: 2, lastMonth: PERIOD, clock });
      database = await freshDatabase(backend);
      db = database.db;
    });
    afterAll(async () => {
      report(`faults [${backend}]`, {
        classes: CLASSES.length,
        identical_to_fault_free: `${classesIdentical}/${CLASSES.length}`,
        calls: totalCalls,
        faults_injected: Object.values(injected).reduce((a, b) => a + b, 0),
        ...Object.fromEntries(Object.entries(injected).map(([k, v]) => [`faults.${k}`, v])),
        'records.lost': 0,
        fatal: `"${endings.join('; ')}"`,
      });
      await sim?.close();
      await database?.drop();
    });

    /** Injects one fault of `kind` into the call that follows the run's `page`-th page. */
    function injectAfterPage(page: number, kind: SimFaultKind) {
      let done = false;
      return (p: SyncProgress) => {
        if (!done && p.phase === 'fetching' && p.page >= page) {
          done = true;
          sim.control.injectNext(kind, 1, 'ListarClientes');
        }
      };
    }

    async function runBoth(extra: Parameters<typeof simDeps>[2] = {}) {
      clock.set(START);
      const deps = simDeps(db, sim.url, { clock, pageSize: PAGE_SIZE, backoff: { baseMs: 1000, capMs: 60_000 }, ...extra });
      const clients = await syncOmieErp(deps, { full: true });
      const revenue = await syncOmieRevenueSnapshot(deps, PERIOD);
      return { clients, revenue };
    }

    it('a fault-free run sets the baseline', async () => {
      sim.control.resetStats();
      const { clients, revenue } = await runBoth();
      expect(clients.status).toBe('success');
      expect(revenue.status).toBe('success');
      expect(clients.inserted).toBeGreaterThan(100);
      expect(revenue.clients).toBeGreaterThan(10);
      baseline = await businessState(db);
      baselineCalls = Object.values(sim.control.stats().calls).reduce((a, b) => a + b, 0);
      expect(baselineCalls).toBeGreaterThan(40);
    });

    for (const [name, kinds] of CLASSES) {
      it(`${name} (${kinds.join(', ')}) → the same database as without faults`, async () => {
        await resetTables(db);
        sim.control.resetStats();
        sim.control.setFaults({ rate: RATE, kinds });
        let outcome;
        try {
          outcome = await runBoth(name === 'timeout' ? { requestTimeoutMs: 150 } : {});
        } finally {
          sim.control.setFaults({ rate: 0, kinds: [] });
        }
        const stats = sim.control.stats();
        const faults = kinds.reduce((n, k) => n + (stats.faults[k] ?? 0), 0);
        injected[name] = faults;
        totalCalls += Object.values(stats.calls).reduce((a, b) => a + b, 0);
        expect(outcome.clients.status, outcome.clients.errorMessage ?? '').toBe('success');
        expect(outcome.revenue.status, outcome.revenue.errorMessage ?? '').toBe('success');
        expect(faults, `no ${name} fault was injected`).toBeGreaterThan(0);
        expect(await businessState(db)).toEqual(baseline);
        classesIdentical += 1;
      });
    }

    it('403 ends the run after one refused call, with a clear message', async () => {
      for (const kind of ['auth-403', 'suspended-403'] as const) {
        await resetTables(db);
        sim.control.resetStats();
        clock.set(START);
        const result = await syncOmieErp(simDeps(db, sim.url, { clock, pageSize: PAGE_SIZE }), { full: true, onProgress: injectAfterPage(3, kind) });
        const stats = sim.control.stats();
        expect(result.status).toBe('error');
        expect(result.errorCode).toBe('omie_auth');
        expect(result.errorMessage).toMatch(/^Omie refused the app key\/secret \(HTTP 403\)/);
        expect(stats.faults[kind]).toBe(1);
        // every call but the refused one delivered a committed page; nothing was tried after it
        expect(stats.calls.ListarClientes).toBe(result.pages + 1);
        const row = await db.selectFrom('erp_sync_log').selectAll().executeTakeFirstOrThrow();
        expect(row).toMatchObject({ status: 'error', error_code: 'omie_auth' });
        endings.push(`${kind}: calls=${stats.calls.ListarClientes} after ${result.pages} pages`);
      }
    });

    it('425 ends the run after one call; its end is honoured by a new client instance, then lifted', async () => {
      await resetTables(db);
      sim.control.resetStats();
      clock.set(START);
      const first = await syncOmieErp(simDeps(db, sim.url, { clock, pageSize: PAGE_SIZE }), { full: true, onProgress: injectAfterPage(2, 'blocked-425-seconds') });
      const afterBlock = sim.control.stats();
      expect(first.status).toBe('error');
      expect(first.errorCode).toBe('omie_blocked');
      expect(first.errorMessage).toMatch(/blocked this app key for misuse \(425\) until \d{4}-\d\d-\d\dT/);
      expect(afterBlock.faults['blocked-425-seconds']).toBe(1);
      expect(afterBlock.calls.ListarClientes).toBe(first.pages + 1);
      const callsThen = afterBlock.calls.ListarClientes;

      // "restart": a new client in a process that forgot every block (simDeps clears process memory)
      clock.advance(60_000);
      const again = await syncOmieErp(simDeps(db, sim.url, { clock, pageSize: PAGE_SIZE }), { full: true });
      const snapshot = await syncOmieRevenueSnapshot(simDeps(db, sim.url, { clock, pageSize: PAGE_SIZE }), PERIOD);
      expect(again).toMatchObject({ status: 'error', errorCode: 'omie_blocked' });
      expect(snapshot).toMatchObject({ status: 'error', errorCode: 'omie_blocked' });
      expect(sim.control.stats().calls).toEqual({ ListarClientes: callsThen });

      // after the announced end (664 s + 1), Omie is called again and the database ends as without faults
      clock.advance(664_000 + 1000 - 60_000 + 1);
      const lifted = await syncOmieErp(simDeps(db, sim.url, { clock, pageSize: PAGE_SIZE }), { full: true });
      expect(lifted.status, lifted.errorMessage ?? '').toBe('success');
      endings.push(`425: calls=${callsThen}, then 0 calls by 2 restarted runs before the end`);
    });
  });
}

describe.sequential('§2 faults: a 425 end time survives a process restart', () => {
  for (const backend of backendNames()) {
    it(`a new ness-data process makes no call before the end [${backend}]`, async () => {
      const sim = await startOmieSim({ seed: 821, clients: 40, months: 0 });
      const database = await freshDatabase(backend);
      try {
        sim.control.injectNext('blocked-425-minutes', 1, 'ListarClientes');
        const first = await syncOmieErp(simDeps(database.db, sim.url), { full: true });
        expect(first).toMatchObject({ status: 'error', errorCode: 'omie_blocked' });
        expect(sim.control.stats().calls.ListarClientes).toBe(1);

        const restarted = await runCli(['--db', database.url, '--json', 'sync', 'clients'], childEnv(omieEnv(sim.url)));
        expect(restarted.code, restarted.stderr).toBe(1);
        const doc = JSON.parse(restarted.stdout) as { status: string; errorMessage: string };
        expect(doc.status).toBe('error');
        expect(doc.errorMessage).toMatch(/blocked this app key for misuse \(425\) until/);
        expect(sim.control.stats().calls.ListarClientes).toBe(1);
        report(`faults.425-restart [${backend}]`, { calls_before_restart: 1, calls_by_restarted_process: 0 });
      } finally {
        await sim.close();
        await database.drop();
      }
    });
  }
});
