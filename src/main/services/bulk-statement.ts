import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import { type Capabilities, capabilitiesOf } from '../db/capabilities';
import type { DB } from '../db/schema';
import { RowBatch } from '../db/sqlite-statement-cache';

/**
 * Multi-row statements without paying Kysely's builder and compiler on every page: the statement
 * is built once per (backend, name, row count) with marker values, its SQL text kept, and each
 * later call only lays the rows' values into the parameter slots the markers revealed. Compiling a
 * 500-row upsert costs more than SQLite takes to run it, so this keeps a sync near raw speed.
 * On SQLite (capabilities.inProcess) the rows go one by one through the single-row form of
 * the statement, which the driver keeps prepared (SQLite runs that faster than a multi-row VALUES),
 * all of them in one query as a RowBatch.
 */
type Slot = { row: number; column: string } | { constant: unknown };
interface Template {
  sql: string;
  slots: Slot[];
}

const templates = new WeakMap<Capabilities, Map<string, Template>>();
const MARKER = '\u0000slot:';
/** Templates kept per backend (most recent); a sync uses two or three sizes (full pages, the last page). */
const KEEP = 16;

export async function executeBulk<R extends Record<string, unknown>>(
  db: Kysely<DB>,
  name: string,
  rows: readonly R[],
  build: (rows: R[]) => Compilable,
): Promise<void> {
  if (rows.length === 0) return;
  if (capabilitiesOf(db).inProcess) {
    const template = templateFor(db, name, rows.slice(0, 1), build);
    await db.executeQuery(CompiledQuery.raw(template.sql, [new RowBatch(rows.map((row) => parametersOf(template, [row])))]));
    return;
  }
  const template = templateFor(db, name, rows, build);
  await db.executeQuery(CompiledQuery.raw(template.sql, parametersOf(template, rows)));
}

function parametersOf<R extends Record<string, unknown>>(template: Template, rows: readonly R[]): unknown[] {
  return template.slots.map((slot) => ('constant' in slot ? slot.constant : (rows[slot.row] as R)[slot.column]));
}

function templateFor<R extends Record<string, unknown>>(db: Kysely<DB>, name: string, rows: readonly R[], build: (rows: R[]) => Compilable): Template {
  const capabilities = capabilitiesOf(db);
  let byName = templates.get(capabilities);
  if (!byName) templates.set(capabilities, (byName = new Map()));
  const columns = Object.keys(rows[0] as R);
  const key = `${name}|${rows.length}|${columns.join(',')}`;
  const cached = byName.get(key);
  if (cached) return cached;
  const markers = rows.map((_, row) => Object.fromEntries(columns.map((column) => [column, `${MARKER}${row}:${column}`])) as R);
  const compiled = build(markers).compile();
  const slots = compiled.parameters.map((value): Slot => {
    if (typeof value !== 'string' || !value.startsWith(MARKER)) return { constant: value };
    const [row, column] = value.slice(MARKER.length).split(/:(.*)/s) as [string, string];
    return { row: Number(row), column };
  });
  const template = { sql: compiled.sql, slots };
  if (byName.size >= KEEP) byName.delete(byName.keys().next().value as string);
  byName.set(key, template);
  return template;
}
