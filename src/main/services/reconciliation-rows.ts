/**
 * The rows of one month's reconciliation, read in one grouped statement:
 *   contracted MRR per client (contracts that count for the month, summed exactly in SQL)
 *   combined with the month's faturamento per omie_codigo, as a full outer combination through
 *   clients.omie_codigo.
 * Snapshot months read erp_revenue_snapshot directly; live months combine the MRR rows with a Map
 * of faturamento per Omie customer. The analyst's notes (a few per month) are read into a Map by
 * subject: probing them in the statement costs a lookup per row and two mostly empty columns
 * (~10 % of a 100k-row month). Per-row JS work is kept to conversions and the status.
 */
import { type Kysely, sql } from 'kysely';
import { type Money, percentOf } from '../../shared/money';
import { type Period, periodFirstDay } from '../../shared/period';
import { codecsFor } from '../db/codecs';
import { queryInChunks } from '../db/query-chunks';
import type { DB } from '../db/schema';
import { countsForMonth } from './contract-rule';
import { type ReconciliationStatus, reconciliationStatus } from './reconciliation-status';

export type ReconciliationSource = 'snapshot' | 'live';

export interface ReconciliationRow {
  /** null: an Omie customer missing from `clients`. */
  clientId: string | null;
  name: string | null;
  document: string | null;
  omieCodigo: string | null;
  /** null: no contract counts for the month. */
  mrr: Money | null;
  /** null: no faturamento for the month (or no omie_codigo to match it). */
  invoiced: Money | null;
  /** invoiced − mrr (an absent side counts as zero). */
  difference: Money;
  /** difference ÷ mrr in percent, two decimals ("-12.50"); null when mrr is zero or absent. */
  differencePct: string | null;
  status: ReconciliationStatus;
  source: ReconciliationSource;
  note: string | null;
  explained: boolean;
}

/** The subject a note is kept under: the client id, or "omie:<codigo>" for an Omie customer missing from clients. */
export function noteSubject(row: Pick<ReconciliationRow, 'clientId' | 'omieCodigo'>): string {
  return row.clientId ?? `omie:${row.omieCodigo ?? ''}`;
}

/** What the statement returns, before conversion. */
interface RawRow {
  client_id: string | null;
  name: string | null;
  document: string | null;
  omie_codigo: string | null;
  mrr: unknown;
  valor: unknown;
}

/** Contracted MRR per client for the month: contracts that count (contract-rule), summed exactly. */
function mrrByClient(db: Kysely<DB>, period: Period) {
  return db
    .selectFrom('contracts')
    .select(['contracts.client_id', codecsFor(db).sumMoney('contracts.mrr').as('mrr')])
    .where(countsForMonth(period))
    .groupBy('contracts.client_id');
}

/**
 * One statement, driven by clients (SQLite walks them in order and probes two indexes per row):
 *   every client with MRR this month or a snapshot row for its omie_codigo
 *   ∪ the month's snapshot rows whose omie_codigo is no client's.
 */
function snapshotRowsQuery(db: Kysely<DB>, period: Period) {
  const first = periodFirstDay(period);
  return sql<RawRow>`with m as ${mrrByClient(db, period)}
select cast(c.id as text) as client_id, c.name, c.document, c.omie_codigo, m.mrr, s.valor
  from clients c
  left join m on m.client_id = c.id
  left join erp_revenue_snapshot s on s.period = ${first} and s.omie_codigo = c.omie_codigo
 where m.client_id is not null or s.omie_codigo is not null
union all
select null, null, null, s.omie_codigo, null, s.valor
  from erp_revenue_snapshot s
 where s.period = ${first} and not exists (select 1 from clients c where c.omie_codigo = s.omie_codigo)`;
}

/** Clients with MRR this month (any link state), for live months. */
function mrrRowsQuery(db: Kysely<DB>, period: Period) {
  return db
    .with('m', () => mrrByClient(db, period))
    .selectFrom('m')
    .innerJoin('clients as c', 'c.id', 'm.client_id')
    .select([sql<string>`cast(c.id as text)`.as('client_id'), 'c.name', 'c.document', 'c.omie_codigo', 'm.mrr']);
}

interface Note {
  note: string;
  explained: boolean;
}

/** The month's notes by subject (noteSubject). */
async function readNotes(db: Kysely<DB>, period: Period): Promise<Map<string, Note>> {
  const { boolFromDb } = codecsFor(db);
  const rows = await db
    .selectFrom('reconciliation_notes')
    .select(['subject', 'note', 'explained'])
    .where('period', '=', periodFirstDay(period))
    .execute();
  return new Map(rows.map((r) => [r.subject, { note: r.note, explained: boolFromDb(r.explained) }]));
}

function makeRow(
  r: Omit<RawRow, 'mrr' | 'valor'>,
  mrr: Money | null,
  invoiced: Money | null,
  notes: ReadonlyMap<string, Note>,
  source: ReconciliationSource,
  tolerance: Money,
): ReconciliationRow {
  const difference = (invoiced ?? 0n) - (mrr ?? 0n);
  const note = notes.get(noteSubject({ clientId: r.client_id, omieCodigo: r.omie_codigo }));
  return {
    clientId: r.client_id,
    name: r.name,
    document: r.document,
    omieCodigo: r.omie_codigo,
    mrr,
    invoiced,
    difference,
    differencePct: mrr === null || mrr === 0n ? null : percentOf(difference, mrr),
    status: reconciliationStatus(mrr, invoiced, r.omie_codigo !== null, tolerance),
    source,
    note: note?.note ?? null,
    explained: note?.explained ?? false,
  };
}

/**
 * Rows are converted as the statement yields them: its raw rows die young instead of all living
 * until the last one is read (for 100k rows ~10 % less time, most of it garbage collection).
 */
export async function readSnapshotRows(db: Kysely<DB>, period: Period, tolerance: Money): Promise<ReconciliationRow[]> {
  const { moneyFromDb } = codecsFor(db);
  const notes = await readNotes(db, period);
  const rows: ReconciliationRow[] = [];
  for await (const chunk of queryInChunks(db, snapshotRowsQuery(db, period).compile(db))) {
    for (const r of chunk) {
      const mrr = r.mrr === null ? null : moneyFromDb(r.mrr);
      const invoiced = r.valor === null ? null : moneyFromDb(r.valor);
      rows.push(makeRow(r, mrr, invoiced, notes, 'snapshot', tolerance));
    }
  }
  return rows;
}

/**
 * Live months: MRR rows from SQL, faturamento from Omie (a Map per omie_codigo). Omie customers
 * with faturamento and no MRR row are matched to clients by omie_codigo in batches.
 */
export async function readLiveRows(
  db: Kysely<DB>,
  period: Period,
  byOmieCodigo: ReadonlyMap<string, Money>,
  tolerance: Money,
): Promise<ReconciliationRow[]> {
  const { moneyFromDb } = codecsFor(db);
  const notes = await readNotes(db, period);
  const rows: ReconciliationRow[] = [];
  const seen = new Set<string>();
  for await (const chunk of queryInChunks(db, mrrRowsQuery(db, period).compile())) {
    for (const r of chunk) {
      const invoiced = r.omie_codigo === null ? undefined : byOmieCodigo.get(r.omie_codigo);
      if (r.omie_codigo !== null) seen.add(r.omie_codigo);
      rows.push(makeRow(r, moneyFromDb(r.mrr), invoiced ?? null, notes, 'live', tolerance));
    }
  }
  const rest = [...byOmieCodigo.keys()].filter((codigo) => !seen.has(codigo));
  const clients = new Map<string, { id: string; name: string; document: string | null }>();
  for (let i = 0; i < rest.length; i += 500) {
    const batch = rest.slice(i, i + 500);
    const found = await db.selectFrom('clients').select(['id', 'name', 'document', 'omie_codigo']).where('omie_codigo', 'in', batch).execute();
    for (const c of found) if (c.omie_codigo !== null) clients.set(c.omie_codigo, c);
  }
  for (const codigo of rest) {
    const client = clients.get(codigo);
    const fields = { client_id: client?.id ?? null, name: client?.name ?? null, document: client?.document ?? null, omie_codigo: codigo };
    rows.push(makeRow(fields, null, byOmieCodigo.get(codigo)!, notes, 'live', tolerance));
  }
  return rows;
}
