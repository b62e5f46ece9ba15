import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Transaction } from 'kysely';
import { formatMoney, type Money } from '../../shared/money';
import type { Day } from '../../shared/period';
import { type Codecs, codecsFor } from '../db/codecs';
import type { ContractsTable, DB } from '../db/schema';
import {
  cellsOf,
  chunks,
  type ColumnAliases,
  type CsvRow,
  type CsvSource,
  DOCUMENT_ALIASES,
  type ImportError,
  type ImportOptions,
  type ImportResult,
  rejectedImport,
  startImport,
} from './csv-import';
import { readAmount, readContractStatus, readDay, readDocument } from './import-cells';
import { recordModuleEvent } from './module-events';

/**
 * `ness-data import contracts FILE.csv` (issue 5 §1): ness.FIN contracts from an analyst's CSV.
 * Each row names its client by CNPJ/CPF or omie_codigo; a row is the contract (client, descrição,
 * início) and updates it when it exists, so importing the same file again changes nothing. Every
 * bad row gets one message with its line, and then nothing at all is written (one transaction).
 */
const CONTRACT_COLUMNS: ColumnAliases = {
  documento: DOCUMENT_ALIASES,
  omie_codigo: ['omie_code', 'codigo_omie', 'codigo_cliente_omie'],
  descricao: ['description'],
  mrr: ['valor_mensal', 'monthly_value'],
  inicio: ['start_date', 'data_inicio', 'start'],
  fim: ['end_date', 'data_fim', 'end'],
  status: ['situacao'],
};

type ContractStatus = 'active' | 'ended';

export interface ContractChange {
  line: number;
  action: 'insert' | 'update' | 'unchanged';
  clientId: string;
  clientName: string;
  description: string;
  startDate: Day;
  endDate: Day | null;
  mrr: string;
  status: ContractStatus;
  /** The stored values an update replaces. */
  previous?: { mrr: string; endDate: Day | null; status: string };
}

export type ContractImportResult = ImportResult<ContractChange>;

interface Draft {
  line: number;
  document: string | null;
  omieCodigo: string | null;
  description: string;
  mrr: Money;
  startDate: Day;
  endDate: Day | null;
  status: ContractStatus | null;
}

interface ClientLite {
  id: string;
  name: string;
  document: string | null;
  omie_codigo: string | null;
}

function draftOf(row: CsvRow, dialect: 'excel-br' | 'rfc4180', errors: ImportError[]): Draft | null {
  const cell = cellsOf(row);
  const problems: string[] = [];
  const docText = cell('documento');
  const omieCodigo = cell('omie_codigo') || null;
  let document: string | null = null;
  if (docText) {
    const doc = readDocument(docText);
    if (doc.ok) document = doc.value;
    else problems.push(doc.message);
  } else if (!omieCodigo) problems.push('no documento or omie_codigo to find the client');

  const mrrText = cell('mrr');
  const mrr = mrrText ? readAmount(mrrText, dialect) : null;
  if (!mrr) problems.push('mrr is empty');
  else if (!mrr.ok) problems.push(mrr.message);
  else if (mrr.value < 0n) problems.push(`mrr must not be negative ("${mrrText}")`);

  const startText = cell('inicio');
  const start = startText ? readDay(startText) : null;
  if (!start) problems.push('inicio is empty');
  else if (!start.ok) problems.push(`inicio: ${start.message}`);

  const endText = cell('fim');
  const end = endText ? readDay(endText) : null;
  if (end && !end.ok) problems.push(`fim: ${end.message}`);
  if (start?.ok && end?.ok && end.value < start.value) problems.push(`fim (${endText}) is before inicio (${startText})`);

  const statusText = cell('status');
  const status = statusText ? readContractStatus(statusText) : null;
  if (status && !status.ok) problems.push(status.message);

  if (problems.length > 0 || !mrr?.ok || !start?.ok || (end && !end.ok) || (status && !status.ok)) {
    errors.push({ line: row.line, message: problems.join('; ') });
    return null;
  }
  return {
    line: row.line,
    document,
    omieCodigo,
    description: cell('descricao'),
    mrr: mrr.value,
    startDate: start.value,
    endDate: end?.ok ? end.value : null,
    status: status?.ok ? status.value : null,
  };
}

async function loadClients(trx: Transaction<DB>, drafts: Draft[]) {
  const byDocument = new Map<string, ClientLite[]>();
  const byCode = new Map<string, ClientLite>();
  const documents = [...new Set(drafts.flatMap((d) => (d.document ? [d.document] : [])))];
  const codes = [...new Set(drafts.flatMap((d) => (d.omieCodigo ? [d.omieCodigo] : [])))];
  const columns = ['id', 'name', 'document', 'omie_codigo'] as const;
  for (const part of chunks(documents)) {
    for (const c of await trx.selectFrom('clients').select(columns).where('document', 'in', part).execute()) {
      byDocument.set(c.document!, [...(byDocument.get(c.document!) ?? []), c]);
    }
  }
  for (const part of chunks(codes)) {
    for (const c of await trx.selectFrom('clients').select(columns).where('omie_codigo', 'in', part).execute()) byCode.set(c.omie_codigo!, c);
  }
  return { byDocument, byCode };
}

function resolveClient(d: Draft, clients: Awaited<ReturnType<typeof loadClients>>): ClientLite | string {
  const byDoc = d.document ? (clients.byDocument.get(d.document) ?? []) : [];
  const byCode = d.omieCodigo ? clients.byCode.get(d.omieCodigo) : undefined;
  if (byCode) {
    if (byDoc.length > 0 && !byDoc.some((c) => c.id === byCode.id)) {
      return `documento ${d.document} and omie_codigo ${d.omieCodigo} belong to different clients ("${byDoc[0]!.name}" and "${byCode.name}")`;
    }
    return byCode;
  }
  if (byDoc.length === 1) return byDoc[0]!;
  if (byDoc.length > 1) return `${byDoc.length} clients have documento ${d.document}; add omie_codigo to say which`;
  const named = [d.document ? `documento ${d.document}` : null, d.omieCodigo ? `omie_codigo ${d.omieCodigo}` : null].filter(Boolean);
  return `unknown client: no client with ${named.join(' or ')}`;
}

const keyOf = (clientId: string, description: string, startDate: string) => `${clientId}\u0001${description}\u0001${startDate}`;

/** Each draft's client; an unknown client or a second row for the same contract is an error of that line. */
async function resolveDrafts(trx: Transaction<DB>, drafts: Draft[], errors: ImportError[]): Promise<{ draft: Draft; client: ClientLite }[]> {
  const clients = await loadClients(trx, drafts);
  const resolved: { draft: Draft; client: ClientLite }[] = [];
  const seen = new Map<string, number>();
  for (const draft of drafts) {
    const client = resolveClient(draft, clients);
    if (typeof client === 'string') {
      errors.push({ line: draft.line, message: client });
      continue;
    }
    const key = keyOf(client.id, draft.description, draft.startDate);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ line: draft.line, message: `the same contract as line ${first} (same client, descricao and inicio)` });
      continue;
    }
    seen.set(key, draft.line);
    resolved.push({ draft, client });
  }
  return resolved;
}

/** The stored contracts of these clients, by (client, descrição, início). */
async function loadExisting(trx: Transaction<DB>, resolved: { client: ClientLite }[]) {
  const codecs = codecsFor(trx);
  const existing = new Map<string, { id: string; mrr: Money; endDate: Day | null; status: string }>();
  for (const part of chunks([...new Set(resolved.map((r) => r.client.id))])) {
    const rows = await trx
      .selectFrom('contracts')
      .select(['id', 'client_id', 'description', 'start_date', 'end_date', 'mrr', 'status'])
      .where('client_id', 'in', part)
      .execute();
    for (const r of rows) {
      existing.set(keyOf(r.client_id, r.description, r.start_date), {
        id: r.id,
        mrr: codecs.moneyFromDb(r.mrr),
        endDate: r.end_date,
        status: r.status,
      });
    }
  }
  return existing;
}

type Existing = Awaited<ReturnType<typeof loadExisting>>;

/** Decides insert / update / unchanged per row, counting and listing each change in `result`. */
function planChanges(resolved: { draft: Draft; client: ClientLite }[], existing: Existing, result: ContractImportResult, codecs: Codecs, nowIso: string) {
  const inserts: Insertable<ContractsTable>[] = [];
  const updates: { id: string; draft: Draft; status: ContractStatus }[] = [];
  for (const { draft, client } of resolved) {
    const before = existing.get(keyOf(client.id, draft.description, draft.startDate));
    const status: ContractStatus = draft.status ?? ((before?.status as ContractStatus | undefined) ?? 'active');
    const change: ContractChange = {
      line: draft.line,
      action: 'insert',
      clientId: client.id,
      clientName: client.name,
      description: draft.description,
      startDate: draft.startDate,
      endDate: draft.endDate,
      mrr: formatMoney(draft.mrr),
      status,
    };
    if (!before) {
      inserts.push({
        id: randomUUID(),
        client_id: client.id,
        description: draft.description,
        mrr: codecs.moneyToDb(draft.mrr),
        start_date: draft.startDate,
        end_date: draft.endDate,
        status,
        created_at: nowIso,
        updated_at: nowIso,
      });
      result.inserted += 1;
    } else if (before.mrr === draft.mrr && before.endDate === draft.endDate && before.status === status) {
      change.action = 'unchanged';
      result.unchanged += 1;
    } else {
      change.action = 'update';
      change.previous = { mrr: formatMoney(before.mrr), endDate: before.endDate, status: before.status };
      updates.push({ id: before.id, draft, status });
      result.updated += 1;
    }
    result.changes.push(change);
  }
  return { inserts, updates };
}

export async function importContracts(db: Kysely<DB>, source: CsvSource, options: ImportOptions = {}): Promise<ContractImportResult> {
  const { table, result, errors } = await startImport<ContractChange>('contracts', source, CONTRACT_COLUMNS, [['documento', 'omie_codigo'], ['mrr'], ['inicio']], options);
  if (errors.length > 0) return rejectedImport(result, errors);
  const drafts = table.rows.flatMap((row) => draftOf(row, table.dialect, errors) ?? []);
  const codecs = codecsFor(db);
  const nowIso = new Date(options.now ?? Date.now()).toISOString();

  return db.transaction().execute(async (trx) => {
    const resolved = await resolveDrafts(trx, drafts, errors);
    if (errors.length > 0) return rejectedImport(result, errors);
    const existing = await loadExisting(trx, resolved);

    const { inserts, updates } = planChanges(resolved, existing, result, codecs, nowIso);
    if (result.dryRun) return result;

    for (const part of chunks(inserts)) await trx.insertInto('contracts').values(part).execute();
    for (const u of updates) {
      await trx
        .updateTable('contracts')
        .set({ mrr: codecs.moneyToDb(u.draft.mrr), end_date: u.draft.endDate, status: u.status, updated_at: nowIso })
        .where('id', '=', u.id)
        .execute();
    }
    await recordModuleEvent(
      trx,
      'import.contracts',
      { file: table.name, inserted: result.inserted, updated: result.updated, unchanged: result.unchanged },
      nowIso,
    );
    return result;
  });
}
