/**
 * A month of contracts and snapshot rows designed to produce every reconciliation status, with the
 * tolerance edges, and the test's OWN computation of the expected rows and totals (its own date
 * rule, sums and percentage rounding; statuses as designed per client). Nothing here imports the
 * code under test.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { codecsFor } from '../../src/main/db/codecs';
import type { DB } from '../../src/main/db/schema';

export const PERIOD = '2026-10';
export const SNAPSHOT_SYNCED_AT = '2026-11-01T13:32:00.000Z';

export interface SeedContract {
  cents: bigint;
  start: string;
  end?: string;
  status?: 'active' | 'ended';
  description?: string;
}

export interface SeedClient {
  key: string;
  name: string;
  document: string | null;
  omie: string | null;
  contracts: SeedContract[];
  /** The month's snapshot valor (absent: no row). */
  snap?: bigint;
  /** Status per tolerance in cents ("1" is the default R$ 0,01); undefined: the client has no row. */
  status?: Record<'0' | '1' | '2', string>;
}

const same = (s: string) => ({ '0': s, '1': s, '2': s });

export const CLIENTS: SeedClient[] = [
  { key: 'alfa', name: 'Alfa Serviços Ltda', document: '11222333000181', omie: '1001', contracts: [{ cents: 150000n, start: '2025-01-01' }], snap: 150000n, status: same('ok') },
  // start on the month's last day counts; +0,01
  { key: 'beta', name: 'Beta Comércio', document: '22333444000190', omie: '1002', contracts: [{ cents: 50000n, start: '2026-10-31' }], snap: 50001n, status: { '0': 'over', '1': 'ok', '2': 'ok' } },
  // end on the month's first day counts; −0,01
  { key: 'gama', name: 'Gama Indústria', document: '33444555000101', omie: '1003', contracts: [{ cents: 50000n, start: '2026-01-15', end: '2026-10-01' }], snap: 49999n, status: { '0': 'under', '1': 'ok', '2': 'ok' } },
  { key: 'delta', name: 'Delta', document: '12345678909', omie: '1004', contracts: [{ cents: 50000n, start: '2024-05-01' }], snap: 49998n, status: { '0': 'under', '1': 'under', '2': 'ok' } },
  { key: 'epsilon', name: 'Épsilon', document: null, omie: '1005', contracts: [{ cents: 50000n, start: '2024-05-01' }], snap: 50002n, status: { '0': 'over', '1': 'over', '2': 'ok' } },
  {
    key: 'zeta',
    name: 'Zeta',
    document: '44555666000102',
    omie: '1006',
    contracts: [
      { cents: 30000n, start: '2026-03-01', status: 'ended', description: 'status says ended, no end date: counts' },
      { cents: 20050n, start: '2026-10-15', end: '2027-01-31', description: 'starts inside' },
      { cents: 99999n, start: '2025-01-01', end: '2026-09-30', description: 'ended before' },
      { cents: 88888n, start: '2026-11-01', description: 'starts after' },
    ],
    status: same('not_invoiced'),
  },
  { key: 'eta', name: 'Eta', document: '55666777000103', omie: '1007', contracts: [], snap: 12345n, status: same('no_contract') },
  { key: 'teta', name: 'Teta sem Omie', document: '66777888000104', omie: null, contracts: [{ cents: 99999n, start: '2026-01-01' }], status: same('unlinked') },
  { key: 'iota', name: 'Iota (ended)', document: null, omie: '1010', contracts: [{ cents: 10000n, start: '2025-01-01', end: '2026-09-30' }] },
  { key: 'kapa', name: 'Kapa (nothing)', document: null, omie: '1011', contracts: [] },
  { key: 'hyperlink', name: '=HYPERLINK("x")', document: '+5511999999999', omie: '1012', contracts: [{ cents: 10000n, start: '2026-01-01' }], snap: 25000n, status: same('over') },
  { key: 'drop', name: "'); DROP TABLE clients;--", document: '-1', omie: '1013', contracts: [{ cents: 30000n, start: '2026-01-01' }], snap: 20000n, status: same('under') },
  { key: 'lambda', name: 'Lambda (R$ 0,00 contract)', document: null, omie: '1014', contracts: [{ cents: 0n, start: '2026-01-01' }], status: same('ok') },
  { key: 'mu', name: 'Mu (September only)', document: null, omie: '1015', contracts: [{ cents: 70000n, start: '2026-01-01' }], status: same('not_invoiced') },
  { key: 'nu', name: 'Nu', document: null, omie: '1016', contracts: [{ cents: 30000n, start: '2026-01-01' }], snap: 10001n, status: same('under') },
  { key: 'xi', name: 'Xi', document: null, omie: '1017', contracts: [{ cents: 800n, start: '2026-01-01' }], snap: 801n, status: { '0': 'over', '1': 'ok', '2': 'ok' } },
  { key: 'omicron', name: 'Omicron', document: null, omie: '1018', contracts: [{ cents: 800n, start: '2026-01-01' }], snap: 799n, status: { '0': 'under', '1': 'ok', '2': 'ok' } },
  {
    key: 'pi',
    name: 'Pi Holding',
    document: '77888999000105',
    omie: '1019',
    contracts: [
      { cents: 12345678901n, start: '2020-01-01', description: 'a' },
      { cents: 99999999999n, start: '2020-01-01', description: 'b' },
    ],
    snap: 112345678898n,
    status: { '0': 'under', '1': 'under', '2': 'ok' },
  },
  { key: 'rho', name: 'Rho\ttab; "quoted"\nnewline', document: '@1', omie: '1020', contracts: [], snap: 1n, status: same('no_contract') },
];

/** Snapshot rows of Omie customers missing from clients. */
export const ORPHANS: { omie: string; snap: bigint }[] = [
  { omie: '9999', snap: 4242n },
  { omie: '9998', snap: 100n },
];

/** The neighbouring month, to prove rows of other months are ignored. */
export const SEPTEMBER: { omie: string; snap: bigint }[] = [
  { omie: '1015', snap: 70000n },
  { omie: '1001', snap: 999n },
  { omie: '7777', snap: 5n },
];

export interface Seeded {
  ids: Map<string, string>;
  /** The latest successful clients sync run. */
  lastClientsRunId: string;
}

export async function seedMonth(db: Kysely<DB>): Promise<Seeded> {
  const codecs = codecsFor(db);
  const ids = new Map<string, string>();
  for (const c of CLIENTS) {
    const id = randomUUID();
    ids.set(c.key, id);
    await db.insertInto('clients').values({ id, name: c.name, document: c.document, omie_codigo: c.omie }).execute();
    for (const [i, k] of c.contracts.entries()) {
      await db
        .insertInto('contracts')
        .values({
          id: randomUUID(),
          client_id: id,
          description: k.description ?? `contrato ${i}`,
          mrr: codecs.moneyToDb(k.cents),
          start_date: k.start,
          end_date: k.end ?? null,
          status: k.status ?? 'active',
        })
        .execute();
    }
  }
  await writeSnapshot(db, PERIOD, snapshotOf(PERIOD), SNAPSHOT_SYNCED_AT);
  await writeSnapshot(db, '2026-09', new Map(SEPTEMBER.map((s) => [s.omie, s.snap])), '2026-10-01T12:00:00.000Z');
  const runs = [
    { id: randomUUID(), status: 'success' as const, at: '2026-10-30T10:00:00.000Z' },
    { id: randomUUID(), status: 'success' as const, at: '2026-11-01T10:00:00.000Z' },
    { id: randomUUID(), status: 'error' as const, at: '2026-11-01T11:00:00.000Z' },
  ];
  for (const r of runs) {
    await db.insertInto('erp_sync_log').values({ id: r.id, kind: 'clients', status: r.status, started_at: r.at, finished_at: r.at, record_count: 1 }).execute();
  }
  return { ids, lastClientsRunId: runs[1]!.id };
}

/** The month's faturamento per omie_codigo as seeded. */
export function snapshotOf(period: string): Map<string, bigint> {
  if (period !== PERIOD) throw new Error('only the seeded month');
  const map = new Map<string, bigint>();
  for (const c of CLIENTS) if (c.snap !== undefined && c.omie) map.set(c.omie, c.snap);
  for (const o of ORPHANS) map.set(o.omie, o.snap);
  return map;
}

/** Replaces a month's snapshot the way a re-sync does (delete + insert + period row). */
export async function writeSnapshot(db: Kysely<DB>, period: string, values: Map<string, bigint>, syncedAt: string): Promise<void> {
  const codecs = codecsFor(db);
  const day = `${period}-01`;
  await db.deleteFrom('erp_revenue_snapshot').where('period', '=', day).execute();
  for (const [omie, cents] of values) {
    await db.insertInto('erp_revenue_snapshot').values({ id: randomUUID(), period: day, omie_codigo: omie, valor: codecs.moneyToDb(cents), created_at: syncedAt }).execute();
  }
  await db.deleteFrom('erp_revenue_period').where('period', '=', day).execute();
  let total = 0n;
  for (const v of values.values()) total += v;
  await db
    .insertInto('erp_revenue_period')
    .values({ period: day, synced_at: syncedAt, run_id: randomUUID(), clients: values.size, titles: values.size, total: codecs.moneyToDb(total) as never })
    .execute();
}

// ---- the test's own expectations -------------------------------------------------------------

function lastDay(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function contractCounts(k: SeedContract, period: string): boolean {
  return k.start <= lastDay(period) && (k.end === undefined || k.end >= `${period}-01`);
}

/** "-1234.56" from cents. */
export function decimal(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** diff ÷ mrr as a percentage, rounded half away from zero to 2 decimals (exact rational rounding). */
export function expectedPct(diff: bigint, mrr: bigint): string | null {
  if (mrr === 0n) return null;
  const negative = diff < 0n !== mrr < 0n && diff !== 0n;
  const n = (diff < 0n ? -diff : diff) * 10000n;
  const d = mrr < 0n ? -mrr : mrr;
  const hundredths = (2n * n + d) / (2n * d);
  return (negative && hundredths !== 0n ? '-' : '') + decimal(hundredths);
}

export interface ExpectedRow {
  key: string | null;
  clientId: string | null;
  name: string | null;
  document: string | null;
  omieCodigo: string | null;
  mrr: string | null;
  invoiced: string | null;
  difference: string;
  differencePct: string | null;
  status: string;
}

export function expectedRows(seeded: Seeded, tolerance: '0' | '1' | '2' = '1', snap = snapshotOf(PERIOD)): ExpectedRow[] {
  const rows: ExpectedRow[] = [];
  for (const c of CLIENTS) {
    const counting = c.contracts.filter((k) => contractCounts(k, PERIOD));
    const mrr = counting.length > 0 ? counting.reduce((s, k) => s + k.cents, 0n) : null;
    const invoiced = c.omie ? (snap.get(c.omie) ?? null) : null;
    if (mrr === null && invoiced === null) continue;
    const diff = (invoiced ?? 0n) - (mrr ?? 0n);
    rows.push({
      key: c.key,
      clientId: seeded.ids.get(c.key)!,
      name: c.name,
      document: c.document,
      omieCodigo: c.omie,
      mrr: mrr === null ? null : decimal(mrr),
      invoiced: invoiced === null ? null : decimal(invoiced),
      difference: decimal(diff),
      differencePct: mrr === null ? null : expectedPct(diff, mrr),
      status: c.status![tolerance],
    });
  }
  const known = new Set(CLIENTS.map((c) => c.omie));
  for (const [omie, cents] of snap) {
    if (known.has(omie)) continue;
    rows.push({ key: null, clientId: null, name: null, document: null, omieCodigo: omie, mrr: null, invoiced: decimal(cents), difference: decimal(cents), differencePct: null, status: 'no_contract' });
  }
  return rows;
}

export function expectedTotals(rows: ExpectedRow[]): { mrr: string; invoiced: string; difference: string } {
  const cents = (s: string | null) => (s === null ? 0n : BigInt(s.replace('.', '')));
  const mrr = rows.reduce((s, r) => s + cents(r.mrr), 0n);
  const invoiced = rows.reduce((s, r) => s + cents(r.invoiced), 0n);
  return { mrr: decimal(mrr), invoiced: decimal(invoiced), difference: decimal(invoiced - mrr) };
}

/** Order-free comparison key. */
export function byOmieThenId(a: { omieCodigo: string | null; clientId: string | null }, b: { omieCodigo: string | null; clientId: string | null }): number {
  const ka = `${a.omieCodigo ?? ''}|${a.clientId ?? ''}`;
  const kb = `${b.omieCodigo ?? ''}|${b.clientId ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
