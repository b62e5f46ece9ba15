import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { codecsFor } from '../../src/main/db/codecs';
import { computeDataIndices, getDataIndices } from '../../src/main/services/data-indices';
import { describeBackends } from '../helpers/backends';

interface SeedContract {
  mrrCents: bigint;
  start: string;
  end: string | null;
  status: 'active' | 'ended';
}

const CONTRACTS: SeedContract[] = [
  { mrrCents: 123456n, start: '2026-10-15', end: null, status: 'active' }, // starts inside, open-ended
  { mrrCents: 99999999n, start: '2026-11-01', end: null, status: 'active' }, // starts after
  { mrrCents: 5000n, start: '2025-01-01', end: '2026-09-30', status: 'ended' }, // ended before
  { mrrCents: 1n, start: '2025-01-01', end: '2026-10-01', status: 'ended' }, // ends on the first day
  { mrrCents: 250033n, start: '2024-06-10', end: '2026-12-31', status: 'active' }, // spans
  { mrrCents: 77n, start: '2026-10-31', end: '2026-10-31', status: 'active' }, // one day, the last
  { mrrCents: 1999n, start: '2026-03-01', end: null, status: 'ended' }, // status says ended, dates decide
  { mrrCents: 3333n, start: '2026-09-01', end: '2026-10-15', status: 'active' }, // ends inside
];

/** Lead instants around Brasília month edges (UTC−3). */
const LEADS = [
  '2026-10-01T02:59:59.000Z', // Sep 30, 23:59:59
  '2026-10-01T03:00:00.000Z', // Oct 1, 00:00
  '2026-10-15T12:00:00.000Z',
  '2026-11-01T02:30:00.000Z', // Oct 31, 23:30
  '2026-11-01T03:00:00.000Z', // Nov 1
];

function brasiliaMonth(iso: string): string {
  return new Date(Date.parse(iso) - 3 * 3_600_000).toISOString().slice(0, 7);
}

function counts(c: SeedContract, period: string): boolean {
  const first = `${period}-01`;
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return c.start <= last && (c.end === null || c.end >= first);
}

function decimal(cents: bigint): string {
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

function expected(period: string) {
  const active = CONTRACTS.filter((c) => counts(c, period));
  return [
    { period, indexKey: 'contratos_ativos', value: `${active.length}.00` },
    { period, indexKey: 'leads_mes', value: `${LEADS.filter((l) => brasiliaMonth(l) === period).length}.00` },
    { period, indexKey: 'mrr_total', value: decimal(active.reduce((s, c) => s + c.mrrCents, 0n)) },
  ];
}

describeBackends('data indices', (t) => {
  beforeAll(async () => {
    const codecs = codecsFor(t.db);
    const clientId = randomUUID();
    await t.db.insertInto('clients').values({ id: clientId, name: 'Cliente Índices' }).execute();
    await t.db
      .insertInto('contracts')
      .values(
        CONTRACTS.map((c, i) => ({
          id: randomUUID(),
          client_id: clientId,
          description: `contrato ${i}`,
          mrr: codecs.moneyToDb(c.mrrCents),
          start_date: c.start,
          end_date: c.end,
          status: c.status,
        })),
      )
      .execute();
    await t.db
      .insertInto('leads')
      .values(LEADS.map((at, i) => ({ id: randomUUID(), name: `lead ${i}`, created_at: at })))
      .execute();
  });

  it('computes leads_mes, contratos_ativos and mrr_total to the cent', async () => {
    for (const period of ['2026-09', '2026-10', '2026-11']) {
      const outcome = await computeDataIndices(t.db, period);
      const byKey = [...outcome.indices].sort((a, b) => a.indexKey.localeCompare(b.indexKey));
      expect(byKey).toEqual(expected(period));
    }
    expect(await getDataIndices(t.db, { from: '2026-09', to: '2026-11' })).toEqual([
      ...expected('2026-09'),
      ...expected('2026-10'),
      ...expected('2026-11'),
    ]);
    // sanity of the fixture itself: October has edge cases on both sides
    expect(expected('2026-10')).toEqual([
      { period: '2026-10', indexKey: 'contratos_ativos', value: '6.00' },
      { period: '2026-10', indexKey: 'leads_mes', value: '3.00' },
      { period: '2026-10', indexKey: 'mrr_total', value: '3788.99' },
    ]);
  });

  it('upserts on (period, index_key): recomputing after a change replaces, never duplicates', async () => {
    const codecs = codecsFor(t.db);
    const client = await t.db.selectFrom('clients').select('id').executeTakeFirstOrThrow();
    await t.db
      .insertInto('contracts')
      .values({ id: randomUUID(), client_id: client.id, description: 'novo', mrr: codecs.moneyToDb(1n), start_date: '2026-10-20', end_date: null })
      .execute();
    await computeDataIndices(t.db, '2026-10');
    const rows = await getDataIndices(t.db, { from: '2026-10', to: '2026-10' });
    expect(rows).toEqual([
      { period: '2026-10', indexKey: 'contratos_ativos', value: '7.00' },
      { period: '2026-10', indexKey: 'leads_mes', value: '3.00' },
      { period: '2026-10', indexKey: 'mrr_total', value: '3789.00' },
    ]);
    const stored = await t.db.selectFrom('data_indices').select('id').where('period', '=', '2026-10-01').execute();
    expect(stored).toHaveLength(3);
  });

  it('filters by keys and refuses what is not a month', async () => {
    expect(await getDataIndices(t.db, { keys: ['mrr_total'], from: '2026-11' })).toEqual([expected('2026-11')[2]]);
    await expect(computeDataIndices(t.db, '2026-10-01')).rejects.toMatchObject({ code: 'bad_input' });
  });
});
