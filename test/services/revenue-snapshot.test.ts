import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { codecsFor } from '../../src/main/db/codecs';
import { type OmieSim, startOmieSim } from '../../src/main/omie-sim/index';
import { getOmieRevenueFromSnapshot, syncOmieRevenueSnapshot } from '../../src/main/services/revenue-snapshot';
import { AppError } from '../../src/shared/errors';
import type { SyncProgress } from '../../src/shared/progress';
import { describeBackends } from '../helpers/backends';
import { addEdgeTitulos, entries, expectedFaturamento, resetRevenueTables, revenueDeps, snapshotRows } from './revenue.fixture';

const START = Date.UTC(2026, 10, 10, 15, 0, 0);
const MONTHS = ['2026-07', '2026-08', '2026-09', '2026-10'];

describeBackends('syncOmieRevenueSnapshot against the simulator', (t) => {
  let clock: ManualClock;
  let sim: OmieSim;
  let edge: { cliente: number; other: number; added: Set<number> };

  beforeAll(async () => {
    clock = new ManualClock(START);
    sim = await startOmieSim({ seed: 21, clients: 50, months: 4, lastMonth: '2026-10', clock });
    edge = addEdgeTitulos(sim.control);
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    await resetRevenueTables(t.db);
  });

  it('snapshots each month exactly to the cent of the sum computed from the raw titles', async () => {
    const deps = revenueDeps(t.db, sim.url, clock);
    const raw = sim.control.titulos();
    for (const period of MONTHS) {
      const expected = expectedFaturamento(raw, period);
      expect(expected.titles).toBeGreaterThan(20);
      const result = await syncOmieRevenueSnapshot(deps, period);
      expect(result).toMatchObject({ period, status: 'success', errorMessage: null, restatements: 0, titles: expected.titles, clients: expected.byCliente.size });
      expect(result.total).toBe(expected.total);
      expect(entries(await snapshotRows(t.db, period))).toEqual(entries(expected.byCliente));

      const stored = await getOmieRevenueFromSnapshot(t.db, period);
      expect(stored?.total).toBe(expected.total);
      expect(stored?.closedAt).toBeNull();
      expect(stored?.rows.map((r) => [r.omieCodigo, r.valor])).toEqual(entries(expected.byCliente));

      const meta = await t.db.selectFrom('erp_revenue_period').selectAll().where('period', '=', `${period}-01`).executeTakeFirstOrThrow();
      expect(meta).toMatchObject({ run_id: result.runId, clients: expected.byCliente.size, titles: expected.titles, closed_at: null });
      expect(codecsFor(t.db).moneyFromDb(meta.total)).toBe(expected.total);
      expect(meta.synced_at).not.toBeNull();

      const log = await t.db.selectFrom('erp_sync_log').selectAll().where('id', '=', result.runId).executeTakeFirstOrThrow();
      expect(log).toMatchObject({ kind: 'revenue', period: `${period}-01`, status: 'success', record_count: expected.byCliente.size, error_message: null });
      expect(log.finished_at).not.toBeNull();
      expect(log.pages).toBe(result.pages);
    }
    const events = await t.db.selectFrom('module_events').selectAll().where('event_type', '=', 'sync.revenue').execute();
    expect(events).toHaveLength(MONTHS.length);
    expect(events.every((e) => e.module === 'data')).toBe(true);
  });

  it('counts undated titles by registro then vencimento, emissão over registro, and never a cancelled title', async () => {
    const result = await syncOmieRevenueSnapshot(revenueDeps(t.db, sim.url, clock), '2026-10');
    expect(result.status).toBe('success');
    const rows = await snapshotRows(t.db, '2026-10');
    const generated = expectedFaturamento(
      sim.control.titulos().filter((r) => !edge.added.has(r.codigo_lancamento_omie)),
      '2026-10',
    ).byCliente;
    // October edge titles of the first customer, summed by hand: 1234.56 (registro only) + 0.07 (vencimento
    // only) + 0.33 (empty emissão) + 10.01 (31/10) + 300.10 (emissão 02/10 over registro 28/09); not 99.99 (01/11) nor 5.55 (30/09)
    expect(rows.get(String(edge.cliente))).toBe((generated.get(String(edge.cliente)) ?? 0n) + 123456n + 7n + 33n + 1001n + 30010n);
    // the other customer: 0.01 counts, the cancelled 777.77 does not
    expect(rows.get(String(edge.other))).toBe((generated.get(String(edge.other)) ?? 0n) + 1n);
  });

  it('re-running after a title is cancelled changes only that customer', async () => {
    const deps = revenueDeps(t.db, sim.url, clock);
    const first = await syncOmieRevenueSnapshot(deps, '2026-09');
    expect(first.status).toBe('success');
    const before = await snapshotRows(t.db, '2026-09');
    const victim = sim.control
      .titulos()
      .find((r) => r.status_titulo !== 'CANCELADO' && r.data_emissao?.endsWith('/09/2026') && String(r.codigo_cliente_fornecedor) !== String(edge.cliente));
    expect(victim).toBeDefined();
    sim.control.cancelTitulo(victim!.codigo_lancamento_omie);
    clock.advance(60_000);

    const second = await syncOmieRevenueSnapshot(deps, '2026-09');
    expect(second).toMatchObject({ status: 'success', restatements: 0 });
    const after = await snapshotRows(t.db, '2026-09');
    const cliente = String(victim!.codigo_cliente_fornecedor);
    const cents = BigInt(Math.round(victim!.valor_documento * 100));
    for (const [codigo, valor] of before) {
      if (codigo === cliente) continue;
      expect(after.get(codigo), codigo).toBe(valor);
    }
    const remaining = (before.get(cliente) ?? 0n) - cents;
    const stillHasTitles = expectedFaturamento(sim.control.titulos(), '2026-09').byCliente.has(cliente);
    expect(after.get(cliente)).toBe(stillHasTitles ? remaining : undefined);
    expect(second.total).toBe(first.total - cents);
    expect(second.titles).toBe(first.titles - 1);
    expect(entries(after)).toEqual(entries(expectedFaturamento(sim.control.titulos(), '2026-09').byCliente));
  });

  it('two snapshots of the same month at once: one runs, the other is refused, the result is exact', async () => {
    sim.control.setLatency(30);
    try {
      const depsA = revenueDeps(t.db, sim.url, clock);
      const depsB = revenueDeps(t.db, sim.url, clock);
      const outcomes = await Promise.allSettled([syncOmieRevenueSnapshot(depsA, '2026-08'), syncOmieRevenueSnapshot(depsB, '2026-08')]);
      const done = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(done).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0]!.reason).toBeInstanceOf(AppError);
      expect((refused[0]!.reason as AppError).code).toBe('already_running');
      const expected = expectedFaturamento(sim.control.titulos(), '2026-08');
      expect(entries(await snapshotRows(t.db, '2026-08'))).toEqual(entries(expected.byCliente));
      const runs = await t.db.selectFrom('erp_sync_log').selectAll().where('kind', '=', 'revenue').execute();
      expect(runs.map((r) => r.status)).toEqual(['success']);
    } finally {
      sim.control.setLatency(0);
    }
  });

  it('reports progress, and an Omie failure ends the run as error without touching the stored month', async () => {
    const deps = revenueDeps(t.db, sim.url, clock);
    const events: SyncProgress[] = [];
    const ok = await syncOmieRevenueSnapshot(deps, '2026-07', { onProgress: (e) => events.push(e) });
    expect(events[0]).toMatchObject({ phase: 'starting', kind: 'revenue', runId: ok.runId });
    expect(events.filter((e) => e.phase === 'fetching').length).toBe(ok.pages);
    expect(events.at(-1)).toMatchObject({ phase: 'finished', status: 'success' });
    const before = await snapshotRows(t.db, '2026-07');

    sim.control.injectNext('auth-403', 1, 'ListarContasReceber');
    const failed = await syncOmieRevenueSnapshot(deps, '2026-07');
    expect(failed).toMatchObject({ status: 'error', errorCode: 'omie_auth' });
    expect(failed.errorMessage).toBeTruthy();
    expect(entries(await snapshotRows(t.db, '2026-07'))).toEqual(entries(before));
    const log = await t.db.selectFrom('erp_sync_log').selectAll().where('id', '=', failed.runId).executeTakeFirstOrThrow();
    expect(log).toMatchObject({ status: 'error', kind: 'revenue', error_code: 'omie_auth' });

    const stop = new AbortController();
    stop.abort();
    const cancelled = await syncOmieRevenueSnapshot(deps, '2026-07', { signal: stop.signal });
    expect(cancelled).toMatchObject({ status: 'error', errorCode: 'cancelled', errorMessage: 'Cancelled by the user' });
    expect(entries(await snapshotRows(t.db, '2026-07'))).toEqual(entries(before));
  });

  it('refuses a month that is not YYYY-MM', async () => {
    await expect(syncOmieRevenueSnapshot(revenueDeps(t.db, sim.url, clock), '2026-13')).rejects.toMatchObject({ code: 'bad_input' });
  });
});
