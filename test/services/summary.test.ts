import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { type OmieSim, startOmieSim } from '../../src/main/omie-sim/index';
import { syncOmieErp } from '../../src/main/services/clients-sync';
import { getErpSummary, getLastErpSync, listSkippedRecords, listSyncRuns } from '../../src/main/services/summary';
import { finishSyncRun, startSyncRun } from '../../src/main/services/sync-run';
import { describeBackends } from '../helpers/backends';
import { runCli } from '../helpers/cli-process';
import { customersOf, simDeps } from './clients-sync.fixture';

const START = Date.UTC(2026, 9, 5, 12, 0, 0);

describeBackends('summary and history', (t) => {
  let clock: ManualClock;
  let sim: OmieSim;
  beforeAll(async () => {
    clock = new ManualClock(START);
    sim = await startOmieSim({ seed: 5, clients: 12, clock });
    sim.control.addCliente({ razao_social: 'Fornecedora Só', tags: [{ tag: 'Fornecedor' }] });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('is empty on a fresh database', async () => {
    expect(await getErpSummary(t.db)).toEqual({ totalClients: 0, clientsWithOmie: 0, lastSync: null });
    expect(await listSyncRuns(t.db)).toEqual([]);
  });

  it('counts clients, linked clients and the last clients sync; history lists runs newest first with counters', async () => {
    await t.db.insertInto('clients').values({ id: '00000000-0000-4000-8000-0000000000aa', name: 'Feito à mão', document: null, contact_email: null, omie_codigo: null }).execute();
    const deps = simDeps(t.db, sim.url, clock, 5);
    const customers = customersOf(sim.control.clientes());

    const ok = await syncOmieErp(deps, { onProgress: (e) => e.phase === 'fetching' && clock.advance(1000) });
    clock.advance(3_600_000);
    sim.control.injectNext('auth-403', 1, 'ListarClientes');
    const failed = await syncOmieErp(deps);
    expect([ok.status, failed.status]).toEqual(['success', 'error']);

    // a revenue run is history too, but not the clients' "last sync"
    clock.advance(60_000);
    const revenueId = await startSyncRun(deps, 'revenue', '2026-09');
    clock.advance(2_000);
    await finishSyncRun(deps, revenueId, { status: 'success', recordCount: 7 });

    const summary = await getErpSummary(t.db);
    expect(summary.totalClients).toBe(customers.length + 1);
    expect(summary.clientsWithOmie).toBe(customers.length);
    expect(summary.lastSync).toEqual({
      id: failed.runId,
      startedAt: new Date(START + ok.durationMs + 3_600_000).toISOString(),
      finishedAt: new Date(START + ok.durationMs + 3_600_000 + failed.durationMs).toISOString(),
      status: 'error',
      recordCount: 0,
      errorMessage: failed.errorMessage,
    });
    expect(await getLastErpSync(t.db)).toEqual(summary.lastSync);

    const runs = await listSyncRuns(t.db);
    expect(runs.map((r) => r.id)).toEqual([revenueId, failed.runId, ok.runId]);
    expect(runs[0]).toMatchObject({ kind: 'revenue', period: '2026-09', status: 'success', recordCount: 7, durationMs: 2_000, host: 'test-host', user: 'tester' });
    expect(runs[1]).toMatchObject({ kind: 'clients', status: 'error', errorCode: 'omie_auth', errorMessage: failed.errorMessage });
    expect(runs[2]).toMatchObject({
      kind: 'clients',
      status: 'success',
      recordCount: customers.length,
      inserted: customers.length,
      updated: 0,
      unchanged: 0,
      skipped: 1,
      pages: ok.pages,
      durationMs: ok.durationMs,
      errorCode: null,
    });
    expect(ok.durationMs).toBeGreaterThan(0);
    expect((await listSyncRuns(t.db, { limit: 1, offset: 1 })).map((r) => r.id)).toEqual([failed.runId]);
    expect((await listSyncRuns(t.db, { kind: 'revenue' })).map((r) => r.id)).toEqual([revenueId]);

    const skipped = await listSkippedRecords(t.db, ok.runId);
    expect(skipped).toEqual([expect.objectContaining({ reason: 'not a customer (Fornecedor)', excerpt: expect.stringContaining('Fornecedora Só') })]);
    expect(await listSkippedRecords(t.db, failed.runId)).toEqual([]);
  });

  it('prints the same through `ness-data --json summary` and `history --limit`', async () => {
    const run = (args: string[]) => runCli(['--db', t.url, '--json', ...args]);
    const [summary, history] = await Promise.all([run(['summary']), run(['history', '--limit', '2'])]);
    expect([summary.code, history.code], summary.stderr + history.stderr).toEqual([0, 0]);
    expect(JSON.parse(summary.stdout)).toEqual(await getErpSummary(t.db));
    const doc = JSON.parse(history.stdout) as { runs: unknown[] };
    expect(doc.runs).toEqual(await listSyncRuns(t.db, { limit: 2 }));
    expect(Object.keys(JSON.parse(summary.stdout) as object)).toEqual(['totalClients', 'clientsWithOmie', 'lastSync']);
  });
});
