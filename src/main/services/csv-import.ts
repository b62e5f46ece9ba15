import { stat, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../shared/errors';

/**
 * Reading an analyst's CSV: size cap checked before reading, UTF-8 (BOM or not) with a
 * Windows-1252 fallback (Excel's legacy "CSV" on pt-BR Windows), and one of two dialects:
 *   excel-br  `;` separator, decimal comma ("1.234,56"), dd/mm/aaaa dates
 *   rfc4180   `,` separator, decimal point ("1234.56"), ISO dates (YYYY-MM-DD)
 * detected from the header line. Parsing is csv-parse's; this module only frames it, and starts
 * every import the same way (startImport: read, check the header, an empty result).
 */
export type CsvDialect = 'excel-br' | 'rfc4180';
export type CsvSource = string | { path: string } | { text: string | Uint8Array; name?: string };

export interface ImportError {
  /** 1-based line of the file (the header is line 1 when it is the first line). */
  line: number;
  message: string;
}

export const DEFAULT_MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** At most this many row errors are listed; the rest are summarised in one last message. */
const MAX_LISTED_ERRORS = 1000;

export interface CsvRow {
  line: number;
  /** Canonical column → trimmed cell text ("" when empty or absent). */
  cells: Map<string, string>;
}

export interface CsvTable {
  name: string;
  dialect: CsvDialect;
  encoding: 'utf-8' | 'windows-1252';
  /** Canonical columns present in the header. */
  columns: Set<string>;
  rows: CsvRow[];
  errors: ImportError[];
  /** csv-parse could not read the file at all (e.g. a quote never closed): only `errors` means anything. */
  unreadable: boolean;
}

/** Canonical column → accepted header names (compared case- and accent-insensitively). */
export type ColumnAliases = Record<string, readonly string[]>;

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

function tooLarge(name: string, size: number, maxBytes: number): AppError {
  return new AppError(
    'bad_input',
    `${name} is ${formatBytes(size)}, over the import limit of ${formatBytes(maxBytes)}; split the file or raise the limit.`,
  );
}

/** The bytes of a source; a file is measured with fs.stat before a byte of it is read. */
async function readCsvSource(source: CsvSource, maxBytes = DEFAULT_MAX_IMPORT_BYTES): Promise<{ name: string; bytes: Uint8Array }> {
  if (typeof source === 'string' || 'path' in source) {
    const path = typeof source === 'string' ? source : source.path;
    const name = basename(path);
    let size: number;
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new AppError('bad_input', `${path} is not a file.`);
      size = info.size;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('not_found', `Cannot read ${path}: no such file.`);
    }
    if (size > maxBytes) throw tooLarge(name, size, maxBytes);
    return { name, bytes: await readFile(path) };
  }
  const bytes = typeof source.text === 'string' ? new TextEncoder().encode(source.text) : source.text;
  const name = source.name ?? 'the CSV text';
  if (bytes.byteLength > maxBytes) throw tooLarge(name, bytes.byteLength, maxBytes);
  return { name, bytes };
}

function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** `;` in the header line (outside quotes) more often than `,` → excel-br. */
function detectDialect(text: string): CsvDialect {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text.replace(/^\uFEFF/, '')) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons += 1;
    else if (!quoted && ch === ',') commas += 1;
  }
  return semicolons > commas ? 'excel-br' : 'rfc4180';
}

/** "Início", " START DATE ", "criado-em" → "inicio", "start_date", "criado_em". */
function normalizeHeader(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Parses the text as a table of canonical columns; syntax problems become line errors. */
function parseCsvTable(name: string, text: string, encoding: CsvTable['encoding'], aliases: ColumnAliases, dialect?: CsvDialect): CsvTable {
  const chosen = dialect ?? detectDialect(text);
  const table: CsvTable = { name, dialect: chosen, encoding, columns: new Set(), rows: [], errors: [], unreadable: false };
  let records: { record: string[]; info: { lines: number; empty_lines: number; comment_lines: number } }[];
  try {
    records = parse(text, {
      delimiter: chosen === 'excel-br' ? ';' : ',',
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 1;
      table.errors.push({ line, message: `the CSV cannot be read here: ${error.message}` });
      table.unreadable = true;
      return table;
    }
    throw error;
  }
  const lookup = new Map<string, string>();
  for (const [canonical, names] of Object.entries(aliases)) for (const n of [canonical, ...names]) lookup.set(normalizeHeader(n), canonical);

  const header = records[0];
  if (!header) return table;
  const positions = header.record.map((h) => lookup.get(normalizeHeader(h)) ?? null);
  for (const [i, canonical] of positions.entries()) {
    if (canonical === null) continue;
    if (table.columns.has(canonical)) table.errors.push({ line: header.info.lines, message: `column "${header.record[i]}" appears twice (as ${canonical})` });
    table.columns.add(canonical);
  }

  let previousEnd = header.info.lines;
  let previousSkipped = header.info.empty_lines + header.info.comment_lines;
  for (const { record, info } of records.slice(1)) {
    const skipped = info.empty_lines + info.comment_lines;
    const line = previousEnd + 1 + (skipped - previousSkipped);
    previousEnd = info.lines;
    previousSkipped = skipped;
    if (record.every((cell) => cell.trim() === '')) continue; // ";;;;" rows Excel leaves behind
    if (record.length > header.record.length) {
      table.errors.push({
        line,
        message: `${record.length} fields where the header has ${header.record.length}${chosen === 'rfc4180' ? ' (an amount with a decimal comma must be quoted in a comma-separated file)' : ''}`,
      });
      continue;
    }
    const cells = new Map<string, string>();
    for (const [i, canonical] of positions.entries()) if (canonical !== null) cells.set(canonical, (record[i] ?? '').trim());
    table.rows.push({ line, cells });
  }
  return table;
}

/** Reads, decodes and parses a source in one step. */
async function readCsvTable(
  source: CsvSource,
  aliases: ColumnAliases,
  { maxBytes, dialect }: { maxBytes?: number; dialect?: CsvDialect } = {},
): Promise<CsvTable> {
  const { name, bytes } = await readCsvSource(source, maxBytes);
  const { text, encoding } = decodeCsv(bytes);
  return parseCsvTable(name, text, encoding, aliases, dialect);
}

/** "missing required column" errors (on the header line) for every group with no column present. */
function missingColumns(table: CsvTable, required: readonly (readonly string[])[]): ImportError[] {
  if (table.unreadable) return [];
  return required
    .filter((group) => !group.some((c) => table.columns.has(c)))
    .map((group) => ({ line: 1, message: `missing required column: ${group.join(' or ')}` }));
}

/** Caps a long error list, keeping the first ones in line order. */
function capErrors(errors: ImportError[]): ImportError[] {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  if (sorted.length <= MAX_LISTED_ERRORS) return sorted;
  const last = sorted[MAX_LISTED_ERRORS - 1]!;
  return [...sorted.slice(0, MAX_LISTED_ERRORS), { line: last.line, message: `… and ${sorted.length - MAX_LISTED_ERRORS} more row error(s)` }];
}

/** What an import did (or, under dryRun, would do). With any error nothing is written and the counts are 0. */
export interface ImportResult<Change> {
  kind: 'contracts' | 'leads';
  file: string;
  dialect: CsvDialect;
  encoding: CsvTable['encoding'];
  inserted: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
  dryRun: boolean;
  /** One entry per data row, in file order (empty when there are errors). */
  changes: Change[];
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Refuse files larger than this many bytes (default 20 MB). */
  maxBytes?: number;
  /** Force a dialect instead of detecting it from the header line. */
  dialect?: CsvDialect;
  /** Epoch ms used for updated_at and the module event (default Date.now()). */
  now?: number;
}

/** CPF/CNPJ header names every import accepts for its `documento` column. */
export const DOCUMENT_ALIASES = ['document', 'cnpj_cpf', 'cpf_cnpj', 'cnpj', 'cpf'] as const;

/** A row's cell reader: the trimmed text of a canonical column, "" when empty or absent. */
export function cellsOf(row: CsvRow): (column: string) => string {
  return (column) => row.cells.get(column) ?? '';
}

/** Where every import starts: the table read, an empty result, and the file- and header-level errors. */
export interface ImportStart<Change> {
  table: CsvTable;
  result: ImportResult<Change>;
  /** Collects every error of the import; while it holds any, nothing is written. */
  errors: ImportError[];
}

/** Reads the source and checks the header against the required column groups (see missingColumns). */
export async function startImport<Change>(
  kind: ImportResult<Change>['kind'],
  source: CsvSource,
  aliases: ColumnAliases,
  required: readonly (readonly string[])[],
  options: ImportOptions,
): Promise<ImportStart<Change>> {
  const table = await readCsvTable(source, aliases, options);
  const result: ImportResult<Change> = {
    kind,
    file: table.name,
    dialect: table.dialect,
    encoding: table.encoding,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    errors: [],
    dryRun: options.dryRun ?? false,
    changes: [],
  };
  return { table, result, errors: [...table.errors, ...missingColumns(table, required)] };
}

/** The result of an import that found errors: nothing written, the errors capped and in line order. */
export function rejectedImport<Change>(result: ImportResult<Change>, errors: ImportError[]): ImportResult<Change> {
  return { ...result, errors: capErrors(errors) };
}

/** Splits a list for `where … in (…)` and multi-row inserts (SQLite allows 32,766 parameters). */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
