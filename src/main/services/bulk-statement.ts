import { setImmediate } from 'node:timers/promises';
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import { type Capabilities, capabilitiesOf } from '../db/capabilities';
import { unnestColumn, unnestInsertSql } from '../db/postgres-unnest';
import type { DB } from '../db/schema';
import { RowBatch } from '../db/sqlite-statement-cache';

/**
 * Many-row inserts/upserts without paying Kysely's builder and compiler on every page: the
 * one-row statement is built once per (backend, name, columns) with marker values, its SQL text
 * kept, and each later call only lays the rows' values into the parameter slots the markers
 * revealed. Then, by backend:
 * - SQLite (capabilities.inProcess): the prepared one-row statement runs for every row, a slice of
 *   rows per query as a RowBatch (SQLite runs that faster than a multi-row VALUES list);
 * - Postgres: the same statement in its unnest form (db/postgres-unnest.ts), one array per column.
 * Every parameter of the statement must come from a row's column (no constants).
 */
interface Template {
  sql: string;
  /** The row column behind each parameter, in order. */
  columns: string[];
  /** Postgres: the unnest form, once made. */
  unnestSql?: string;
}

/**
 * SQLite runs on this thread: rows go in slices of this many, with waiting I/O let in between
 * (a 500-row page in one piece held the thread ~5 ms, and Omie's next answer waited that long to
 * be read and the request after it to be sent; with the records then read in slices too, a
 * 100k-client sync went from ~1.4 to ~1.25× the bench's floor — they are now read on the
 * decoder's thread, answer-decoder.ts).
 */
const SQLITE_ROWS_PER_TURN = 100;

const templates = new WeakMap<Capabilities, Map<string, Template>>();
const MARKER = '\u0000slot:';
/** Templates kept per backend (most recent). */
const KEEP = 16;

export async function executeBulk<R extends Record<string, unknown>>(
  db: Kysely<DB>,
  name: string,
  rows: readonly R[],
  build: (rows: R[]) => Compilable,
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const template = templateFor(db, name, first, build);
  if (capabilitiesOf(db).inProcess) {
    for (let i = 0; i < rows.length; i += SQLITE_ROWS_PER_TURN) {
      if (i > 0) await setImmediate();
      const slice = rows.slice(i, i + SQLITE_ROWS_PER_TURN);
      await db.executeQuery(CompiledQuery.raw(template.sql, [new RowBatch(slice.map((row) => template.columns.map((column) => row[column])))]));
    }
    return;
  }
  template.unnestSql ??= await unnestInsertSql(db, template.sql, template.columns);
  await db.executeQuery(CompiledQuery.raw(template.unnestSql, template.columns.map((column) => unnestColumn(rows, column))));
}

function templateFor<R extends Record<string, unknown>>(db: Kysely<DB>, name: string, row: R, build: (rows: R[]) => Compilable): Template {
  const capabilities = capabilitiesOf(db);
  let byName = templates.get(capabilities);
  if (!byName) templates.set(capabilities, (byName = new Map()));
  const rowColumns = Object.keys(row);
  const key = `${name}|${rowColumns.join(',')}`;
  const cached = byName.get(key);
  if (cached) return cached;
  const marked = Object.fromEntries(rowColumns.map((column) => [column, `${MARKER}${column}`])) as R;
  const compiled = build([marked]).compile();
  const columns = compiled.parameters.map((value) => {
    if (typeof value !== 'string' || !value.startsWith(MARKER)) throw new Error(`${name}: every parameter of a bulk statement must be a row's column`);
    return value.slice(MARKER.length);
  });
  const template: Template = { sql: compiled.sql, columns };
  if (byName.size >= KEEP) byName.delete(byName.keys().next().value as string);
  byName.set(key, template);
  return template;
}
