import { createHash, randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { DB, LeadsTable } from '../db/schema';
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
import { readDocument, readInstant } from './import-cells';
import { recordModuleEvent } from './module-events';

/**
 * `ness-data import leads FILE.csv`: GROWTH leads (the input of leads_mes) with the same rules as
 * contracts — dialect detection, one message per bad row with its line, all or nothing, dry run.
 * A lead is identified by (documento, nome, criado_em): its import_key. Re-importing the same file
 * changes nothing; a changed origem updates the lead.
 */
const LEAD_COLUMNS: ColumnAliases = {
  documento: DOCUMENT_ALIASES,
  nome: ['name'],
  criado_em: ['created_at', 'data', 'date', 'criacao', 'data_criacao'],
  origem: ['source'],
};

export interface LeadChange {
  line: number;
  action: 'insert' | 'update' | 'unchanged';
  name: string;
  document: string | null;
  /** ISO 8601 UTC instant. */
  createdAt: string;
  source: string | null;
  previous?: { source: string | null };
}

export type LeadImportResult = ImportResult<LeadChange>;

interface Draft {
  line: number;
  name: string;
  document: string | null;
  createdAt: string;
  source: string | null;
  importKey: string;
}

/** Stable identity of a lead across imports. */
function leadImportKey(document: string | null, name: string, createdAt: string): string {
  return createHash('sha256').update(JSON.stringify([document ?? '', name, createdAt])).digest('hex').slice(0, 32);
}

function draftOf(row: CsvRow, errors: ImportError[]): Draft | null {
  const cell = cellsOf(row);
  const problems: string[] = [];
  const name = cell('nome');
  if (!name) problems.push('nome is empty');
  let document: string | null = null;
  if (cell('documento')) {
    const doc = readDocument(cell('documento'));
    if (doc.ok) document = doc.value;
    else problems.push(doc.message);
  }
  const createdText = cell('criado_em');
  const created = createdText ? readInstant(createdText) : null;
  if (!created) problems.push('criado_em is empty');
  else if (!created.ok) problems.push(`criado_em: ${created.message}`);
  if (problems.length > 0 || !created?.ok) {
    errors.push({ line: row.line, message: problems.join('; ') });
    return null;
  }
  return {
    line: row.line,
    name,
    document,
    createdAt: created.value,
    source: cell('origem') || null,
    importKey: leadImportKey(document, name, created.value),
  };
}

export async function importLeads(db: Kysely<DB>, source: CsvSource, options: ImportOptions = {}): Promise<LeadImportResult> {
  const { table, result, errors } = await startImport<LeadChange>('leads', source, LEAD_COLUMNS, [['nome'], ['criado_em']], options);
  if (errors.length > 0) return rejectedImport(result, errors);
  const drafts: Draft[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const draft = draftOf(row, errors);
    if (!draft) continue;
    const first = seen.get(draft.importKey);
    if (first !== undefined) {
      errors.push({ line: draft.line, message: `the same lead as line ${first} (same documento, nome and criado_em)` });
      continue;
    }
    seen.set(draft.importKey, draft.line);
    drafts.push(draft);
  }
  if (errors.length > 0) return rejectedImport(result, errors);
  const nowIso = new Date(options.now ?? Date.now()).toISOString();

  return db.transaction().execute(async (trx) => {
    const existing = new Map<string, { id: string; source: string | null }>();
    for (const part of chunks(drafts.map((d) => d.importKey))) {
      const rows = await trx.selectFrom('leads').select(['id', 'import_key', 'source']).where('import_key', 'in', part).execute();
      for (const r of rows) existing.set(r.import_key!, { id: r.id, source: r.source });
    }
    const inserts: Insertable<LeadsTable>[] = [];
    const updates: { id: string; source: string | null }[] = [];
    for (const d of drafts) {
      const before = existing.get(d.importKey);
      const change: LeadChange = { line: d.line, action: 'insert', name: d.name, document: d.document, createdAt: d.createdAt, source: d.source };
      if (!before) {
        inserts.push({ id: randomUUID(), name: d.name, document: d.document, source: d.source, created_at: d.createdAt, import_key: d.importKey });
        result.inserted += 1;
      } else if (before.source === d.source) {
        change.action = 'unchanged';
        result.unchanged += 1;
      } else {
        change.action = 'update';
        change.previous = { source: before.source };
        updates.push({ id: before.id, source: d.source });
        result.updated += 1;
      }
      result.changes.push(change);
    }
    if (result.dryRun) return result;

    for (const part of chunks(inserts)) await trx.insertInto('leads').values(part).execute();
    for (const u of updates) await trx.updateTable('leads').set({ source: u.source }).where('id', '=', u.id).execute();
    await recordModuleEvent(trx, 'import.leads', { file: table.name, inserted: result.inserted, updated: result.updated, unchanged: result.unchanged }, nowIso);
    return result;
  });
}
