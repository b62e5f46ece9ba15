import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { type OmieSim, startOmieSim } from '../../src/main/omie-sim/index';
import { closeMonth, listRestatements, listSnapshotPeriods, reopenMonth } from '../../src/main/services/month-close';
import { syncOmieRevenueSnapshot } from '../../src/main/services/revenue-snapshot';
import { describeBackends } from '../helpers/backends';
import { customerCodes, entries, expectedFaturamento, resetRevenueTables, revenueDeps, snapshotRows } from './revenue.fixture';

const START = Date.UTC(2026, 10, 10, 15, 0, 0);

describeBackends('closing a month and restating it', (t) => {
  let clock: ManualClock;
  let sim: OmieSim;

  beforeAll(async () => {
    clock = new ManualClock(START);
    sim = await startOmieSim({ seed: 33, clients: 50, months: 3, lastMonth: '2026-10', clock });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    await resetRevenueTables(t.db);
  });

  it('a closed month refuses a re-snapshot without force; with force each changed value becomes a restatement', async () => {
    const deps = revenueDeps(t.db, sim.url, clock);
    const first = await syncOmieRevenueSnapshot(deps, '2026-10');
    expect(first.status).toBe('success');
    const before = await snapshotRows(t.db, '2026-10');

    const closed = await closeMonth(t.db, '2026-10', deps.actor, clock);
    expect(closed).toMatchObject({ period: '2026-10', closedBy: 'tester@test-host', closedAt: new Date(START).toISOString() });
    const runsBefore = await t.db.selectFrom('erp_sync_log').select('id').execute();
    await expect(syncOmieRevenueSnapshot(deps, '2026-10')).rejects.toMatchObject({
      code: 'month_closed',
      message: 'The month 10/2026 is closed; use --force to re-snapshot it (changes are kept as restatements).',
    });
    expect(await t.db.selectFrom('erp_sync_log').select('id').execute()).toHaveLength(runsBefore.length);

    // Omie changes: a title cancelled (changes or removes a customer), a new customer invoiced, one customer's value changed
    const octoberTitles = sim.control.titulos().filter((r) => r.status_titulo !== 'CANCELADO' && r.data_emissao?.endsWith('/10/2026'));
    const cancelled = octoberTitles[0]!;
    sim.control.cancelTitulo(cancelled.codigo_lancamento_omie);
    const newcomer = customerCodes(sim.control).find((c) => !before.has(String(c)));
    expect(newcomer).toBeDefined();
    sim.control.addTitulo({ codigo_cliente_fornecedor: newcomer!, data_emissao: '20/10/2026', data_registro: '20/10/2026', valor_documento: 4321.09 });
    const changedCliente = [...before.keys()].find((c) => c !== String(cancelled.codigo_cliente_fornecedor))!;
    sim.control.addTitulo({ codigo_cliente_fornecedor: Number(changedCliente), data_emissao: '21/10/2026', data_registro: '21/10/2026', valor_documento: 0.05 });
    clock.advance(3_600_000);

    const forced = await syncOmieRevenueSnapshot(deps, '2026-10', { force: true });
    expect(forced.status).toBe('success');
    const after = await snapshotRows(t.db, '2026-10');
    expect(entries(after)).toEqual(entries(expectedFaturamento(sim.control.titulos(), '2026-10').byCliente));

    // the restatements are exactly the differences between the two snapshots, computed here from the rows
    const expectedChanges: [string, bigint | null, bigint | null][] = [];
    for (const codigo of new Set([...before.keys(), ...after.keys()])) {
      const o = before.get(codigo) ?? null;
      const n = after.get(codigo) ?? null;
      if (o !== n) expectedChanges.push([codigo, o, n]);
    }
    expectedChanges.sort(([a], [b]) => (a < b ? -1 : 1));
    expect(expectedChanges.length).toBeGreaterThanOrEqual(3);
    expect(forced.restatements).toBe(expectedChanges.length);
    const restated = await listRestatements(t.db, '2026-10');
    expect(restated.map((r) => [r.omieCodigo, r.oldValor, r.newValor])).toEqual(expectedChanges);
    expect(restated.every((r) => r.runId === forced.runId && r.createdAt === new Date(clock.now()).toISOString())).toBe(true);
    expect(restated.find((r) => r.omieCodigo === String(newcomer))).toMatchObject({ oldValor: null, newValor: 432109n });
    expect(restated.find((r) => r.omieCodigo === changedCliente)).toMatchObject({ oldValor: before.get(changedCliente), newValor: before.get(changedCliente)! + 5n });

    // still closed after the forced run; a forced run with nothing changed restates nothing
    const periods = await listSnapshotPeriods(t.db);
    expect(periods.find((p) => p.period === '2026-10')).toMatchObject({ closedAt: new Date(START).toISOString(), total: forced.total, titles: forced.titles });
    const again = await syncOmieRevenueSnapshot(deps, '2026-10', { force: true });
    expect(again).toMatchObject({ status: 'success', restatements: 0 });
    expect(await listRestatements(t.db, '2026-10')).toHaveLength(expectedChanges.length);
  });

  it('reopening lets a plain re-snapshot through, without restatements', async () => {
    const deps = revenueDeps(t.db, sim.url, clock);
    await syncOmieRevenueSnapshot(deps, '2026-09');
    await closeMonth(t.db, '2026-09', 'ana', clock);
    await expect(syncOmieRevenueSnapshot(deps, '2026-09')).rejects.toMatchObject({ code: 'month_closed' });
    expect(await reopenMonth(t.db, '2026-09', clock)).toEqual({ period: '2026-09', closedAt: null, closedBy: null });
    const victim = sim.control.titulos().find((r) => r.status_titulo !== 'CANCELADO' && r.data_emissao?.endsWith('/09/2026'))!;
    sim.control.cancelTitulo(victim.codigo_lancamento_omie);
    const rerun = await syncOmieRevenueSnapshot(deps, '2026-09');
    expect(rerun).toMatchObject({ status: 'success', restatements: 0 });
    expect(await listRestatements(t.db, '2026-09')).toEqual([]);
    const events = await t.db.selectFrom('module_events').select('event_type').where('event_type', 'like', 'month.%').orderBy('occurred_at').execute();
    expect(events.map((e) => e.event_type)).toEqual(['month.closed', 'month.reopened']);
  });

  it('closing twice keeps the first closing; a month without a snapshot cannot be closed or reopened', async () => {
    const deps = revenueDeps(t.db, sim.url, clock);
    await syncOmieRevenueSnapshot(deps, '2026-08');
    const first = await closeMonth(t.db, '2026-08', 'ana', clock);
    clock.advance(86_400_000);
    expect(await closeMonth(t.db, '2026-08', 'bruno', clock)).toEqual(first);
    await expect(closeMonth(t.db, '2025-01', 'ana', clock)).rejects.toMatchObject({ code: 'not_found' });
    await expect(reopenMonth(t.db, '2025-01', clock)).rejects.toMatchObject({ code: 'not_found' });
    const listed = await listSnapshotPeriods(t.db);
    expect(listed.map((p) => [p.period, p.closedAt !== null])).toEqual([['2026-08', true]]);
  });
});
