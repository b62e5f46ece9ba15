/**
 * Reconciliation of a snapshot month, on both backends: every status (tolerance edges included),
 * each row and the totals to the cent against the fixture's own computation, notes, the paged
 * window, and the offline errors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import type { ServiceDeps } from '../../src/main/services/deps';
import {
  getReconciliation,
  getReconciliationPage,
  getReconciliationTitles,
  RECONCILIATION_STATUSES,
  type ReconciliationRow,
  setReconciliationNote,
} from '../../src/main/services/reconciliation';
import { AppError } from '../../src/shared/errors';
import { describeBackends } from '../helpers/backends';
import {
  byOmieThenId,
  type ExpectedRow,
  expectedRows,
  expectedTotals,
  PERIOD,
  type Seeded,
  SNAPSHOT_SYNCED_AT,
  seedMonth,
  snapshotOf,
  writeSnapshot,
} from './reconciliation.fixture';

const cents = (s: string | null) => (s === null ? null : BigInt(s.replace('.', '')));

function offlineOmie(): never {
  throw new AppError('omie_not_configured', 'No Omie app key configured.');
}

/** The row as the fixture describes it, from the service's Money values. */
function asExpected(row: ReconciliationRow): Omit<ExpectedRow, 'key'> {
  const d = (m: bigint | null) => (m === null ? null : `${m < 0n ? '-' : ''}${(m < 0n ? -m : m) / 100n}.${String((m < 0n ? -m : m) % 100n).padStart(2, '0')}`);
  return {
    clientId: row.clientId,
    name: row.name,
    document: row.document,
    omieCodigo: row.omieCodigo,
    mrr: d(row.mrr),
    invoiced: d(row.invoiced),
    difference: d(row.difference)!,
    differencePct: row.differencePct,
    status: row.status,
  };
}

function strip(rows: ExpectedRow[]): Omit<ExpectedRow, 'key'>[] {
  return rows.map(({ key: _key, ...rest }) => rest).sort(byOmieThenId);
}

async function expectOffline(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('offline');
  return error as AppError;
}

describeBackends('reconciliation of a snapshot month', (t) => {
  let seeded: Seeded;
  let deps: ServiceDeps;

  beforeAll(async () => {
    seeded = await seedMonth(t.db);
    deps = { db: t.db, clock: new ManualClock(Date.UTC(2026, 10, 5, 12)), omie: offlineOmie, actor: { host: 'test-host', user: 'ana' } };
  });

  it('produces every status and each row and the totals to the cent', async () => {
    const rec = await getReconciliation(deps, PERIOD);
    const expected = expectedRows(seeded);
    expect(rec.source).toBe('snapshot');
    expect(rec.period).toBe(PERIOD);
    expect(rec.snapshotSyncedAt).toBe(SNAPSHOT_SYNCED_AT);
    expect(rec.lastClientsSyncRunId).toBe(seeded.lastClientsRunId);
    expect(rec.rows.map(asExpected).sort(byOmieThenId)).toEqual(strip(expected));
    expect(new Set(rec.rows.map((r) => r.status))).toEqual(new Set(RECONCILIATION_STATUSES));
    expect(rec.rows.every((r) => r.source === 'snapshot' && r.note === null && r.explained === false)).toBe(true);
    const totals = expectedTotals(expected);
    expect(rec.totals).toEqual({ mrr: cents(totals.mrr), invoiced: cents(totals.invoiced), difference: cents(totals.difference) });
    for (const status of RECONCILIATION_STATUSES) expect(rec.countsByStatus[status], status).toBe(expected.filter((r) => r.status === status).length);
  });

  it('sorts by name on request: accents folded, Omie customers missing from clients last', async () => {
    const rec = await getReconciliation(deps, PERIOD, { sortByName: true });
    const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    const names = rec.rows.map((r) => r.name);
    const named = names.filter((n): n is string => n !== null);
    expect(names.slice(0, named.length)).toEqual([...named].sort((a, b) => (fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0)));
    expect(named.indexOf('Épsilon')).toBe(named.indexOf('Eta') - 1);
    expect(rec.rows.slice(named.length).map((r) => r.omieCodigo)).toEqual(['9998', '9999']);
  });

  it('moves the tolerance edges: 0 makes ±0,01 under/over, 0,02 makes ±0,02 ok', async () => {
    for (const [tolerance, key] of [
      [0n, '0'],
      [2n, '2'],
    ] as const) {
      const rec = await getReconciliation(deps, PERIOD, { tolerance });
      expect(rec.rows.map(asExpected).sort(byOmieThenId), `tolerance ${tolerance}`).toEqual(strip(expectedRows(seeded, key)));
      expect(rec.tolerance).toBe(tolerance);
    }
  });

  it('keeps notes per row and month, and they survive a re-snapshot', async () => {
    const delta = seeded.ids.get('delta')!;
    const saved = await setReconciliationNote(t.db, PERIOD, delta, { note: '  Desconto negociado em outubro ', explained: true }, deps.actor);
    expect(saved).toMatchObject({ subject: delta, note: 'Desconto negociado em outubro', explained: true, updatedBy: 'ana@test-host' });
    await setReconciliationNote(t.db, PERIOD, 'omie:9999', { note: 'Cliente ainda não cadastrado', explained: false }, 'ana');
    await setReconciliationNote(t.db, '2026-09', delta, { note: 'outro mês', explained: false }, 'ana');
    // replaced, not duplicated
    await setReconciliationNote(t.db, PERIOD, delta, { note: 'Desconto negociado', explained: true }, deps.actor);

    // a re-sync rewrites the month's snapshot rows (Delta is now fully invoiced)
    const resnap = snapshotOf(PERIOD);
    resnap.set('1004', 50000n);
    await writeSnapshot(t.db, PERIOD, resnap, '2026-11-02T09:00:00.000Z');

    const rec = await getReconciliation(deps, PERIOD);
    expect(rec.snapshotSyncedAt).toBe('2026-11-02T09:00:00.000Z');
    expect(rec.rows.map(asExpected).sort(byOmieThenId)).toEqual(
      strip(expectedRows(seeded, '1', resnap).map((r) => (r.key === 'delta' ? { ...r, status: 'ok' } : r))),
    );
    const withNotes = rec.rows.filter((r) => r.note !== null);
    expect(withNotes.map((r) => [r.clientId, r.omieCodigo, r.note, r.explained]).sort()).toEqual(
      [
        [delta, '1004', 'Desconto negociado', true],
        [null, '9999', 'Cliente ainda não cadastrado', false],
      ].sort(),
    );

    // an empty note that is not explained removes it
    expect(await setReconciliationNote(t.db, PERIOD, 'omie:9999', { note: ' ', explained: false }, 'ana')).toBeNull();
    const after = await getReconciliation(deps, PERIOD);
    expect(after.rows.find((r) => r.omieCodigo === '9999')?.note).toBeNull();
    await writeSnapshot(t.db, PERIOD, snapshotOf(PERIOD), SNAPSHOT_SYNCED_AT);
  });

  it('refuses bad note subjects, unknown clients and bad months', async () => {
    await expect(setReconciliationNote(t.db, PERIOD, 'nobody', { note: 'x', explained: false }, 'ana')).rejects.toMatchObject({ code: 'bad_input' });
    await expect(setReconciliationNote(t.db, PERIOD, '00000000-0000-4000-8000-000000000000', { note: 'x', explained: false }, 'ana')).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(setReconciliationNote(t.db, '2026-13', 'omie:1', { note: 'x', explained: false }, 'ana')).rejects.toMatchObject({ code: 'bad_input' });
    await expect(setReconciliationNote(t.db, PERIOD, 'omie:1', { note: 'x'.repeat(2001), explained: false }, 'ana')).rejects.toMatchObject({ code: 'bad_input' });
    await expect(getReconciliation(deps, '2026/10')).rejects.toMatchObject({ code: 'bad_input' });
    await expect(getReconciliation(deps, PERIOD, { tolerance: -1n })).rejects.toMatchObject({ code: 'bad_input' });
  });

  it('serves a window: filters by status and search, sorts, counts and totals', async () => {
    const expected = expectedRows(seeded);
    const gaps = expected.filter((r) => r.status === 'under' || r.status === 'over');
    const page = await getReconciliationPage(deps, PERIOD, { status: ['under', 'over'], sort: { key: 'difference', direction: 'asc' }, offset: 1, limit: 2 });
    expect(page.totalRows).toBe(gaps.length);
    expect(page.allRows).toBe(expected.length);
    expect(page.source).toBe('snapshot');
    const sorted = [...gaps].sort((a, b) => (cents(a.difference)! < cents(b.difference)! ? -1 : 1));
    expect(page.rows.map((r) => r.omieCodigo)).toEqual(sorted.slice(1, 3).map((r) => r.omieCodigo));
    const gapTotals = expectedTotals(gaps);
    expect(page.filteredTotals).toEqual({ mrr: cents(gapTotals.mrr), invoiced: cents(gapTotals.invoiced), difference: cents(gapTotals.difference) });
    expect(page.totals.mrr).toBe(cents(expectedTotals(expected).mrr));
    expect(page.countsByStatus.under + page.countsByStatus.over).toBe(gaps.length);

    const byName = await getReconciliationPage(deps, PERIOD, { search: 'gama indus' });
    expect(byName.rows.map((r) => r.name)).toEqual(['Gama Indústria']);
    const accents = await getReconciliationPage(deps, PERIOD, { search: 'EPSILON' });
    expect(accents.rows.map((r) => r.omieCodigo)).toEqual(['1005']);
    const byDocument = await getReconciliationPage(deps, PERIOD, { search: '11.222.333' });
    expect(byDocument.rows.map((r) => r.omieCodigo)).toEqual(['1001']);
    const orphan = await getReconciliationPage(deps, PERIOD, { search: '9998' });
    expect(orphan.rows.map((r) => [r.clientId, r.omieCodigo])).toEqual([[null, '9998']]);
    const digits = await getReconciliationPage(deps, PERIOD, { search: '999' });
    expect(digits.rows.map((r) => r.omieCodigo).sort()).toEqual(expected.filter((r) => `${r.omieCodigo}${r.document}`.includes('999')).map((r) => r.omieCodigo).sort());

    const all = await getReconciliationPage(deps, PERIOD, { limit: 1000 });
    expect(all.rows).toHaveLength(expected.length);
    expect(all.rows.map((r) => r.omieCodigo)).toEqual((await getReconciliation(deps, PERIOD, { sortByName: true })).rows.map((r) => r.omieCodigo));
    const byPct = await getReconciliationPage(deps, PERIOD, { sort: { key: 'differencePct', direction: 'desc' }, limit: 3 });
    const pcts = expected.filter((r) => r.differencePct !== null).map((r) => Number(r.differencePct)).sort((a, b) => b - a);
    expect(byPct.rows.map((r) => Number(r.differencePct))).toEqual(pcts.slice(0, 3));
    await expect(getReconciliationPage(deps, PERIOD, { limit: 0 })).rejects.toMatchObject({ code: 'bad_input' });
    await expect(getReconciliationPage(deps, PERIOD, { status: ['nope' as never] })).rejects.toMatchObject({ code: 'bad_input' });
  });

  describe('without a snapshot', () => {
    it('offline (by choice or without Omie) is an offline error that names the month', async () => {
      const chosen = await expectOffline(getReconciliation(deps, '2026-12', { offline: true }));
      expect(chosen.message).toContain('12/2026');
      const noKeys = await expectOffline(getReconciliation(deps, '2026-12'));
      expect(noKeys.message).toContain('No Omie app key configured');
    });

    it('the drill-down is unavailable offline', async () => {
      const error = await expectOffline(getReconciliationTitles(deps, PERIOD, '1004', { offline: true }));
      expect(error.message).toMatch(/offline/i);
      await expectOffline(getReconciliationTitles(deps, PERIOD, '1004'));
    });
  });
});
