/**
 * The Conciliação page's windows come from one computation of the month while nothing changes,
 * and see every write at once: through this process's connection, from another connection, notes
 * included. On Postgres the test server is shared with the other test files, whose writes move the
 * marker too: there only the "sees every write" half can be asserted.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { codecsFor } from '../../src/main/db/codecs';
import { createDb } from '../../src/main/db/create-db';
import type { ServiceDeps } from '../../src/main/services/deps';
import { getReconciliation, getReconciliationPage, setReconciliationNote } from '../../src/main/services/reconciliation';
import { AppError } from '../../src/shared/errors';
import { describeBackends } from '../helpers/backends';
import { PERIOD, type Seeded, seedMonth } from './reconciliation.fixture';

function offlineOmie(): never {
  throw new AppError('omie_not_configured', 'No Omie app key configured.');
}

describeBackends('reconciliation windows of a kept month', (t) => {
  let seeded: Seeded;
  let deps: ServiceDeps;

  beforeAll(async () => {
    seeded = await seedMonth(t.db);
    deps = { db: t.db, clock: new ManualClock(Date.UTC(2026, 10, 5, 12)), omie: offlineOmie, actor: { host: 'test-host', user: 'ana' } };
  });

  if (t.backend === 'sqlite') {
    it('cuts the windows of an unchanged month from the rows already computed, filter by filter', async () => {
      const first = await getReconciliationPage(deps, PERIOD, { offset: 0, limit: 4 });
      const second = await getReconciliationPage(deps, PERIOD, { offset: 4, limit: 4 });
      const again = await getReconciliationPage(deps, PERIOD, { offset: 0, limit: 4 });
      const whole = await getReconciliationPage(deps, PERIOD, { offset: 0, limit: 8 });
      expect(again.rows[0]).toBe(first.rows[0]);
      expect(whole.rows).toEqual([...first.rows, ...second.rows]);
      const under = await getReconciliationPage(deps, PERIOD, { status: ['under'], sort: { key: 'difference', direction: 'asc' } });
      expect(under.rows.every((r) => r.status === 'under')).toBe(true);
      expect(under.rows.map((r) => r.difference)).toEqual([...under.rows.map((r) => r.difference)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const all = await getReconciliationPage(deps, PERIOD, { offset: 0, limit: 1000 });
      expect(all.rows.includes(under.rows[0]!)).toBe(true);
    });
  }

  it('shows a contract added through this connection in the next window, to the cent', async () => {
    const before = await getReconciliationPage(deps, PERIOD, { offset: 0, limit: 1000 });
    const eta = seeded.ids.get('eta')!;
    expect(before.rows.find((r) => r.clientId === eta)?.status).toBe('no_contract');
    await t.db
      .insertInto('contracts')
      .values({ id: randomUUID(), client_id: eta, description: 'novo', mrr: codecsFor(t.db).moneyToDb(12345n) as never, start_date: '2026-01-01', end_date: null, status: 'active' })
      .execute();
    const after = await getReconciliationPage(deps, PERIOD, { offset: 0, limit: 1000 });
    expect(after.totals.mrr).toBe(before.totals.mrr + 12345n);
    expect(after.rows.find((r) => r.clientId === eta)).toMatchObject({ mrr: 12345n, invoiced: 12345n, status: 'ok' });
  });

  it('shows a note in the next window', async () => {
    const delta = seeded.ids.get('delta')!;
    await getReconciliationPage(deps, PERIOD, { offset: 0, limit: 1000 });
    await setReconciliationNote(t.db, PERIOD, delta, { note: 'Desconto combinado', explained: true }, deps.actor);
    const after = await getReconciliationPage(deps, PERIOD, { offset: 0, limit: 1000, search: 'combinado' });
    expect(after.rows.map((r) => [r.clientId, r.note, r.explained])).toEqual([[delta, 'Desconto combinado', true]]);
  });

  it('shows a snapshot row changed by another connection in the next window', async () => {
    const before = await getReconciliationPage(deps, PERIOD, { offset: 0, limit: 1000 });
    const other = await createDb(t.url);
    try {
      const row = await other.selectFrom('erp_revenue_snapshot').select(['id', 'valor']).where('period', '=', `${PERIOD}-01`).where('omie_codigo', '=', '1004').executeTakeFirstOrThrow();
      const codecs = codecsFor(other);
      await other.updateTable('erp_revenue_snapshot').set({ valor: codecs.moneyToDb(codecs.moneyFromDb(row.valor) + 101n) as never }).where('id', '=', row.id).execute();
    } finally {
      await other.destroy();
    }
    const after = await getReconciliationPage(deps, PERIOD, { offset: 0, limit: 1000 });
    expect(after.totals.invoiced).toBe(before.totals.invoiced + 101n);
    expect(after.totals).toEqual((await getReconciliation(deps, PERIOD)).totals);
  });

  it('keeps each tolerance apart', async () => {
    const beta = seeded.ids.get('beta')!;
    const strict = await getReconciliationPage(deps, PERIOD, { tolerance: 0n, offset: 0, limit: 1000 });
    const loose = await getReconciliationPage(deps, PERIOD, { tolerance: 2n, offset: 0, limit: 1000 });
    expect(strict.rows.find((r) => r.clientId === beta)?.status).toBe('over');
    expect(loose.rows.find((r) => r.clientId === beta)?.status).toBe('ok');
    expect(strict.tolerance).toBe(0n);
    expect(loose.tolerance).toBe(2n);
  });
});
