import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { type OmieSim, startOmieSim } from '../../src/main/omie-sim/index';
import type { ServiceDeps } from '../../src/main/services/deps';
import { getLiveTitlesForClient, getOmieFaturamentoForPeriod } from '../../src/main/services/faturamento';
import { closeMonth } from '../../src/main/services/month-close';
import { syncOmieRevenueSnapshot } from '../../src/main/services/revenue-snapshot';
import { AppError } from '../../src/shared/errors';
import { describeBackends } from '../helpers/backends';
import { addEdgeTitulos, centsOf, entries, expectedFaturamento, expectedMonthOf, resetRevenueTables, revenueDeps } from './revenue.fixture';

const START = Date.UTC(2026, 10, 10, 15, 0, 0);

describeBackends('faturamento for a range: snapshot and live months', (t) => {
  let clock: ManualClock;
  let sim: OmieSim;
  let edge: { cliente: number; other: number; added: Set<number> };

  beforeAll(async () => {
    clock = new ManualClock(START);
    sim = await startOmieSim({ seed: 45, clients: 50, months: 4, lastMonth: '2026-10', clock });
    edge = addEdgeTitulos(sim.control);
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    await resetRevenueTables(t.db);
  });

  it('mixes snapshot months with live months computed by the same rule, naming each source', async () => {
    const deps = revenueDeps(t.db, sim.url, clock);
    const raw = sim.control.titulos();
    await syncOmieRevenueSnapshot(deps, '2026-08');
    const october = await syncOmieRevenueSnapshot(deps, '2026-10');
    await closeMonth(t.db, '2026-10', deps.actor, clock);
    // Omie changes after the October snapshot: the snapshot month must not move, the live ones must
    const lateCliente = String(edge.other);
    sim.control.addTitulo({ codigo_cliente_fornecedor: edge.other, data_emissao: '10/10/2026', valor_documento: 50 });
    sim.control.addTitulo({ codigo_cliente_fornecedor: edge.other, data_emissao: '10/09/2026', valor_documento: 0.99 });
    const now = sim.control.titulos();

    const range = await getOmieFaturamentoForPeriod(deps, '2026-06', '2026-11');
    expect(range.missing).toEqual([]);
    expect(range.offlineReason).toBeNull();
    expect(range.months.map((m) => [m.period, m.source, m.closed])).toEqual([
      ['2026-06', 'live', false],
      ['2026-07', 'live', false],
      ['2026-08', 'snapshot', false],
      ['2026-09', 'live', false],
      ['2026-10', 'snapshot', true],
      ['2026-11', 'live', false],
    ]);
    for (const month of range.months) {
      const expected = expectedFaturamento(month.source === 'snapshot' ? raw : now, month.period);
      expect(month.total, month.period).toBe(expected.total);
      expect(entries(month.byOmieCodigo!), month.period).toEqual(entries(expected.byCliente));
      expect(month.titles, month.period).toBe(expected.titles);
      expect(month.syncedAt === null, month.period).toBe(month.source === 'live');
    }
    const oct = range.months[4]!;
    expect(oct.total).toBe(october.total);
    expect(oct.byOmieCodigo!.get(lateCliente)).toBe(expectedFaturamento(raw, '2026-10').byCliente.get(lateCliente));
    // June has nothing generated; November holds the October titles due there that have no emissão nor registro, and the 01/11 edge title
    expect(range.months[0]!.total).toBe(0n);
    expect(range.months[5]!.byOmieCodigo!.get(String(edge.cliente))).toBeGreaterThanOrEqual(9999n);
    // nothing live was persisted
    const stored = await t.db.selectFrom('erp_revenue_period').select('period').orderBy('period').execute();
    expect(stored.map((r) => r.period)).toEqual(['2026-08-01', '2026-10-01']);
  });

  it('offline: snapshot months only, the others listed as missing', async () => {
    const deps = revenueDeps(t.db, sim.url, clock);
    await syncOmieRevenueSnapshot(deps, '2026-09');
    const offline = await getOmieFaturamentoForPeriod(deps, '2026-08', '2026-10', { offline: true });
    expect(offline.months.map((m) => [m.period, m.source])).toEqual([
      ['2026-08', 'unavailable'],
      ['2026-09', 'snapshot'],
      ['2026-10', 'unavailable'],
    ]);
    expect(offline.missing).toEqual(['2026-08', '2026-10']);
    expect(offline.offlineReason).toMatch(/offline/i);
    expect(offline.months[0]).toMatchObject({ total: null, byOmieCodigo: null, syncedAt: null });
    expect(offline.months[1]!.total).toBe(expectedFaturamento(sim.control.titulos(), '2026-09').total);

    const notConfigured: ServiceDeps = {
      ...deps,
      omie: () => {
        throw new AppError('omie_not_configured', 'Omie is not configured: set OMIE_APP_KEY and OMIE_APP_SECRET.');
      },
    };
    const unconfigured = await getOmieFaturamentoForPeriod(notConfigured, '2026-09', '2026-10');
    expect(unconfigured.missing).toEqual(['2026-10']);
    expect(unconfigured.offlineReason).toMatch(/not configured/);
  });

  it('with the simulator gone: snapshot months only, missing months named; drill-down says offline', async () => {
    const gone = await startOmieSim({ seed: 46, clients: 20, months: 2, lastMonth: '2026-10', clock });
    const deps = revenueDeps(t.db, gone.url, clock);
    const snap = await syncOmieRevenueSnapshot(deps, '2026-10');
    expect(snap.status).toBe('success');
    const expected = expectedFaturamento(gone.control.titulos(), '2026-10');
    await gone.close();

    const range = await getOmieFaturamentoForPeriod(deps, '2026-09', '2026-11');
    expect(range.months.map((m) => [m.period, m.source])).toEqual([
      ['2026-09', 'unavailable'],
      ['2026-10', 'snapshot'],
      ['2026-11', 'unavailable'],
    ]);
    expect(range.missing).toEqual(['2026-09', '2026-11']);
    expect(range.offlineReason).toBeTruthy();
    expect(range.months[1]!.total).toBe(expected.total);
    expect(entries(range.months[1]!.byOmieCodigo!)).toEqual(entries(expected.byCliente));

    const some = [...expected.byCliente.keys()][0]!;
    await expect(getLiveTitlesForClient(deps, '2026-10', some)).rejects.toMatchObject({ code: 'offline' });
  });

  it('drill-down: the titles behind one customer value, by the same rule', async () => {
    const deps = revenueDeps(t.db, sim.url, clock);
    const cliente = String(edge.cliente);
    const titles = await getLiveTitlesForClient(deps, '2026-10', cliente);
    const expected = sim.control
      .titulos()
      .filter((r) => String(r.codigo_cliente_fornecedor) === cliente && expectedMonthOf(r) === '2026-10')
      .map((r) => String(r.codigo_lancamento_omie))
      .sort();
    expect(titles.map((x) => x.codigoLancamentoOmie).sort()).toEqual(expected);
    const sum = titles.reduce((acc, x) => acc + x.valorDocumento, 0n);
    const raw = sim.control.titulos().filter((r) => expected.includes(String(r.codigo_lancamento_omie)));
    expect(sum).toBe(raw.reduce((acc, r) => acc + centsOf(r), 0n));
    expect(titles.every((x) => x.status !== 'CANCELADO')).toBe(true);
    await expect(getLiveTitlesForClient(deps, '2026-10', 'abc')).rejects.toMatchObject({ code: 'bad_input' });
  });

  it('refuses a backwards or malformed range', async () => {
    const deps = revenueDeps(t.db, sim.url, clock);
    await expect(getOmieFaturamentoForPeriod(deps, '2026-10', '2026-09')).rejects.toMatchObject({ code: 'bad_input' });
    await expect(getOmieFaturamentoForPeriod(deps, '2026-1', '2026-09')).rejects.toMatchObject({ code: 'bad_input' });
  });
});
