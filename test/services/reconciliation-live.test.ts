/**
 * Reconciliation against the Omie simulator over HTTP, on both backends: a month without snapshot is
 * computed live and equals the test's own sum of the simulator's titles; after a snapshot the same
 * numbers come from it; notes survive re-snapshots; the drill-down's counted titles add up to the
 * row; live answers are reused while paging; an unreachable Omie is an offline error.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { codecsFor } from '../../src/main/db/codecs';
import { type OmieSim, startOmieSim } from '../../src/main/omie-sim/index';
import type { ServiceDeps } from '../../src/main/services/deps';
import {
  getReconciliation,
  getReconciliationPage,
  getReconciliationTitles,
  LIVE_REUSE_MS,
  type Reconciliation,
  setReconciliationNote,
} from '../../src/main/services/reconciliation';
import { syncOmieRevenueSnapshot } from '../../src/main/services/revenue-snapshot';
import { describeBackends } from '../helpers/backends';
import { expectedFaturamento, revenueDeps } from './revenue.fixture';

const PERIOD = '2026-10';
const START = Date.UTC(2026, 10, 10, 15, 0, 0);

interface Plan {
  /** omie code → client id (customers registered in clients). */
  ids: Map<string, string>;
  /** client id → contracted MRR (cents) for the month. */
  mrr: Map<string, bigint>;
  unlinkedId: string;
  /** Omie customers with faturamento that are not in clients. */
  missing: string[];
}

function totalCallsOf(sim: OmieSim): number {
  return Object.values(sim.control.stats().calls).reduce((s, n) => s + n, 0);
}

describeBackends('reconciliation live from Omie (simulator)', (t) => {
  let clock: ManualClock;
  let sim: OmieSim;
  let deps: ServiceDeps;
  let plan: Plan;

  beforeAll(async () => {
    clock = new ManualClock(START);
    sim = await startOmieSim({ seed: 77, clients: 40, months: 3, lastMonth: PERIOD, clock });
    deps = revenueDeps(t.db, sim.url, clock);
    const expected = expectedFaturamento(sim.control.titulos(), PERIOD).byCliente;
    const invoicedCodes = [...expected.keys()].sort();
    expect(invoicedCodes.length).toBeGreaterThan(6);
    const missing = invoicedCodes.slice(0, 2);
    const codec = codecsFor(t.db);
    const ids = new Map<string, string>();
    const mrr = new Map<string, bigint>();
    const addContract = async (clientId: string, cents: bigint) => {
      await t.db
        .insertInto('contracts')
        .values({ id: randomUUID(), client_id: clientId, description: 'plano', mrr: codec.moneyToDb(cents), start_date: '2026-01-01', end_date: null, status: 'active' })
        .execute();
      mrr.set(clientId, cents);
    };
    for (const [i, c] of sim.control.clientes().entries()) {
      const code = String(c.codigo_cliente_omie);
      if (missing.includes(code)) continue;
      const id = randomUUID();
      ids.set(code, id);
      await t.db.insertInto('clients').values({ id, name: c.razao_social, document: c.cnpj_cpf.replace(/\D/g, ''), omie_codigo: code }).execute();
      const invoiced = expected.get(code);
      // matching, under, over and not-invoiced contracts; some invoiced customers have none
      if (invoiced !== undefined && i % 4 === 0) await addContract(id, invoiced);
      else if (invoiced !== undefined && i % 4 === 1) await addContract(id, invoiced + 1234n);
      else if (invoiced !== undefined && i % 4 === 2) await addContract(id, invoiced > 5n ? invoiced - 5n : 1n);
      else if (invoiced === undefined && i % 3 === 0) await addContract(id, 99900n);
    }
    const unlinkedId = randomUUID();
    await t.db.insertInto('clients').values({ id: unlinkedId, name: 'Cliente manual sem Omie', document: null, omie_codigo: null }).execute();
    await addContract(unlinkedId, 45678n);
    plan = { ids, mrr, unlinkedId, missing };
  });
  afterAll(async () => {
    await sim.close();
  });

  function check(rec: Reconciliation, titulos = sim.control.titulos()): void {
    const expected = expectedFaturamento(titulos, PERIOD).byCliente;
    const byClient = new Map(rec.rows.filter((r) => r.clientId !== null).map((r) => [r.clientId!, r]));
    // every client with MRR or faturamento has its row, with its own numbers
    for (const [code, id] of plan.ids) {
      const mrr = plan.mrr.get(id) ?? null;
      const invoiced = expected.get(code) ?? null;
      const row = byClient.get(id);
      if (mrr === null && invoiced === null) {
        expect(row, code).toBeUndefined();
        continue;
      }
      expect(row, code).toBeDefined();
      expect([row!.mrr, row!.invoiced, row!.difference], code).toEqual([mrr, invoiced, (invoiced ?? 0n) - (mrr ?? 0n)]);
      const status = mrr === null ? 'no_contract' : invoiced === null ? 'not_invoiced' : invoiced - mrr < -1n ? 'under' : invoiced - mrr > 1n ? 'over' : 'ok';
      expect(row!.status, code).toBe(status);
    }
    expect(byClient.get(plan.unlinkedId)).toMatchObject({ mrr: 45678n, invoiced: null, status: 'unlinked' });
    const orphans = rec.rows.filter((r) => r.clientId === null);
    expect(orphans.map((r) => [r.omieCodigo, r.invoiced, r.status]).sort()).toEqual(plan.missing.map((c) => [c, expected.get(c)!, 'no_contract']).sort());
    let invoicedTotal = 0n;
    for (const v of expected.values()) invoicedTotal += v;
    let mrrTotal = 0n;
    for (const v of plan.mrr.values()) mrrTotal += v;
    expect(rec.totals).toEqual({ mrr: mrrTotal, invoiced: invoicedTotal, difference: invoicedTotal - mrrTotal });
    expect(rec.rows.every((r) => r.source === rec.source)).toBe(true);
  }

  it('computes a month without snapshot live, equal to the sum of the titles; reuses the answer while paging', async () => {
    const before = totalCallsOf(sim);
    const live = await getReconciliation(deps, PERIOD);
    expect(live.source).toBe('live');
    expect(live.snapshotSyncedAt).toBeNull();
    expect(live.liveFetchedAt).toBe(new Date(START).toISOString());
    check(live);
    expect(new Set(live.rows.map((r) => r.status))).toEqual(new Set(['ok', 'under', 'over', 'not_invoiced', 'no_contract', 'unlinked']));
    const afterFirst = totalCallsOf(sim);
    expect(afterFirst).toBeGreaterThan(before);

    const page = await getReconciliationPage(deps, PERIOD, { status: ['under'], limit: 5 });
    expect(page.source).toBe('live');
    expect(page.totals).toEqual(live.totals);
    expect(totalCallsOf(sim)).toBe(afterFirst);

    clock.advance(LIVE_REUSE_MS + 1000);
    await getReconciliation(deps, PERIOD);
    expect(totalCallsOf(sim)).toBeGreaterThan(afterFirst);
  });

  it('the drill-down lists the titles behind a row; the counted ones add up to its faturamento', async () => {
    const rec = await getReconciliation(deps, PERIOD);
    const row = rec.rows.find((r) => r.invoiced !== null && r.clientId !== null)!;
    const titles = await getReconciliationTitles(deps, PERIOD, row.omieCodigo!);
    expect(titles.source).toBe('live');
    expect(titles.countedTotal).toBe(row.invoiced);
    expect(titles.titles.filter((x) => x.counted).length).toBeGreaterThan(0);
    expect(titles.titles.filter((x) => x.counted).every((x) => x.faturamentoDay?.startsWith(PERIOD))).toBe(true);
  });

  it('after a snapshot the same numbers come from it, and notes survive re-snapshots', async () => {
    const first = await syncOmieRevenueSnapshot(deps, PERIOD);
    expect(first.status).toBe('success');
    const snap = await getReconciliation(deps, PERIOD, { offline: true });
    expect(snap.source).toBe('snapshot');
    expect(snap.snapshotSyncedAt).not.toBeNull();
    check(snap);

    const [someCode, someId] = [...plan.ids].find(([code]) => snap.rows.some((r) => r.omieCodigo === code))!;
    await setReconciliationNote(t.db, PERIOD, someId, { note: 'Reajuste pendente', explained: true }, deps.actor);
    await setReconciliationNote(t.db, PERIOD, `omie:${plan.missing[0]}`, { note: 'Cadastrar cliente', explained: false }, deps.actor);

    // Omie changes; the month is re-snapshotted
    sim.control.addTitulo({ codigo_cliente_fornecedor: Number(someCode), data_emissao: '20/10/2026', valor_documento: 321.09 });
    clock.advance(60_000);
    const again = await syncOmieRevenueSnapshot(deps, PERIOD);
    expect(again.status).toBe('success');
    const after = await getReconciliation(deps, PERIOD, { offline: true });
    check(after);
    expect(after.rows.find((r) => r.clientId === someId)).toMatchObject({ note: 'Reajuste pendente', explained: true });
    expect(after.rows.find((r) => r.clientId === null && r.omieCodigo === plan.missing[0])).toMatchObject({ note: 'Cadastrar cliente', explained: false });
  });

  it('an unreachable Omie makes a month without snapshot, and the drill-down, an offline error', async () => {
    const closed = await startOmieSim({ seed: 1, clients: 1, months: 1, lastMonth: PERIOD, clock });
    const url = closed.url;
    await closed.close();
    const unreachable = revenueDeps(t.db, url, clock);
    await expect(getReconciliation(unreachable, '2026-08')).rejects.toMatchObject({ code: 'offline' });
    await expect(getReconciliationTitles(unreachable, PERIOD, plan.missing[0]!)).rejects.toMatchObject({ code: 'offline' });
    // the snapshot month still reconciles
    expect((await getReconciliation(unreachable, PERIOD)).source).toBe('snapshot');
  });
});
