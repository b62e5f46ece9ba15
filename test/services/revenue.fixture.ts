/**
 * Shared pieces of the revenue tests: deps whose Omie client talks HTTP to the simulator, the test's
 * OWN reading of the simulator's raw titles (its own dd/mm/aaaa parsing, fallbacks and cents), and
 * small DB readers. Nothing here imports the code under test's rule.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../src/main/clock';
import { codecsFor } from '../../src/main/db/codecs';
import type { DB } from '../../src/main/db/schema';
import { createOmieClient, forgetKnownBlocks, resetPacing } from '../../src/main/omie/index';
import { DEMO_APP_KEY, DEMO_APP_SECRET, type RawTitulo } from '../../src/main/omie-sim/index';
import type { ServiceDeps } from '../../src/main/services/deps';

export function revenueDeps(db: Kysely<DB>, simUrl: string, clock: Clock, pageSize = 40): ServiceDeps {
  resetPacing();
  forgetKnownBlocks();
  const omie = createOmieClient({ appKey: DEMO_APP_KEY, appSecret: DEMO_APP_SECRET, baseUrl: simUrl, clock, pageSize, backoff: { baseMs: 10, capMs: 50 } });
  return { db, clock, omie: () => omie, actor: { host: 'test-host', user: 'tester' } };
}

/** "dd/mm/aaaa" → "aaaa-mm" (the month), or null for absent/empty/garbage. */
function monthOfBr(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^\s*(\d{2})\/(\d{2})\/(\d{4})\s*$/.exec(value);
  return m ? `${m[3]}-${m[2]}` : null;
}

/** The month a raw title counts in, by the test's own reading of DESIGN.md §4 (null: it does not count). */
export function expectedMonthOf(raw: RawTitulo | Record<string, unknown>): string | null {
  const r = raw as Record<string, unknown>;
  if (String(r.status_titulo ?? '').trim().toUpperCase() === 'CANCELADO') return null;
  const emissao = typeof r.data_emissao === 'string' && r.data_emissao.trim() !== '' ? r.data_emissao : undefined;
  const registro = typeof r.data_registro === 'string' && r.data_registro.trim() !== '' ? r.data_registro : undefined;
  return monthOfBr(emissao ?? registro ?? r.data_vencimento);
}

export function centsOf(raw: RawTitulo | Record<string, unknown>): bigint {
  return BigInt(Math.round(Number((raw as Record<string, unknown>).valor_documento) * 100));
}

export interface Expected {
  byCliente: Map<string, bigint>;
  titles: number;
  total: bigint;
}

/** Per customer (codigo_cliente_fornecedor), the month's faturamento computed from the raw titles. */
export function expectedFaturamento(titulos: readonly (RawTitulo | Record<string, unknown>)[], period: string): Expected {
  const byCliente = new Map<string, bigint>();
  let titles = 0;
  let total = 0n;
  for (const raw of titulos) {
    if (expectedMonthOf(raw) !== period) continue;
    const cliente = String((raw as Record<string, unknown>).codigo_cliente_fornecedor);
    const cents = centsOf(raw);
    byCliente.set(cliente, (byCliente.get(cliente) ?? 0n) + cents);
    titles += 1;
    total += cents;
  }
  return { byCliente, titles, total };
}

export async function snapshotRows(db: Kysely<DB>, period: string): Promise<Map<string, bigint>> {
  const codecs = codecsFor(db);
  const rows = await db.selectFrom('erp_revenue_snapshot').select(['omie_codigo', 'valor']).where('period', '=', `${period}-01`).execute();
  return new Map(rows.map((r) => [r.omie_codigo, codecs.moneyFromDb(r.valor)]));
}

export async function resetRevenueTables(db: Kysely<DB>): Promise<void> {
  for (const table of ['erp_revenue_snapshot', 'erp_revenue_period', 'erp_revenue_restatement', 'erp_sync_skipped', 'erp_sync_log', 'sync_leases', 'module_events'] as const) {
    await db.deleteFrom(table).execute();
  }
}

/** Sorted entries, for readable equality failures. */
export function entries(map: Map<string, bigint>): [string, bigint][] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

type SimControl = { clientes(): readonly { codigo_cliente_omie: number; tags?: { tag: string }[] }[]; addTitulo(partial: Partial<RawTitulo>): RawTitulo };

/** Customers (tagged Cliente) of the simulator, by code. */
export function customerCodes(control: SimControl): number[] {
  return control
    .clientes()
    .filter((c) => (c.tags ?? []).some((t) => t.tag === 'Cliente'))
    .map((c) => c.codigo_cliente_omie);
}

const info = (day: string) => ({ dInc: day, hInc: '10:00:00', uInc: 'P000000001', dAlt: day, hAlt: '10:00:00', uAlt: 'P000000001', cImpAPI: 'N' });

/**
 * Titles that exercise the rule around October 2026: undated ones (registro only, empty emissão,
 * vencimento only), month boundaries, emissão deciding over registro, a cancelled one, odd cents.
 */
export function addEdgeTitulos(control: SimControl): { cliente: number; other: number; added: Set<number> } {
  const [cliente, other] = customerCodes(control) as [number, number];
  const added = new Set<number>();
  const addFor = (codigo: number, partial: Partial<RawTitulo>) => added.add(control.addTitulo({ codigo_cliente_fornecedor: codigo, ...partial }).codigo_lancamento_omie);
  const add = (partial: Partial<RawTitulo>) => addFor(cliente, partial);
  add({ data_emissao: undefined, data_registro: '15/10/2026', data_vencimento: '30/10/2026', valor_documento: 1234.56, info: info('15/10/2026') });
  add({ data_emissao: undefined, data_registro: undefined, data_vencimento: '05/10/2026', valor_documento: 0.07, info: info('20/08/2026') });
  add({ data_emissao: '', data_registro: '20/10/2026', data_vencimento: '04/11/2026', valor_documento: 0.33, info: info('20/10/2026') });
  add({ data_emissao: '31/10/2026', data_registro: '31/10/2026', data_vencimento: '15/11/2026', valor_documento: 10.01, info: info('31/10/2026') });
  add({ data_emissao: '01/11/2026', data_registro: '01/11/2026', data_vencimento: '16/11/2026', valor_documento: 99.99, info: info('01/11/2026') });
  add({ data_emissao: '30/09/2026', data_registro: '30/09/2026', data_vencimento: '15/10/2026', valor_documento: 5.55, info: info('30/09/2026') });
  add({ data_emissao: '02/10/2026', data_registro: '28/09/2026', data_vencimento: '17/10/2026', valor_documento: 300.1, info: info('28/09/2026') });
  addFor(other, { data_emissao: '12/10/2026', status_titulo: 'CANCELADO', valor_documento: 777.77, info: info('12/10/2026') });
  addFor(other, { data_emissao: '13/10/2026', valor_documento: 0.01, info: info('13/10/2026') });
  return { cliente, other, added };
}
