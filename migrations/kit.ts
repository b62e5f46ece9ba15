import { type Kysely, sql } from 'kysely';
import { capabilitiesOf } from '../src/main/db/capabilities';

/**
 * Column kinds and how each backend stores them (DESIGN.md §2):
 *   kind         Postgres        SQLite
 *   uuid         uuid            TEXT
 *   text         text            TEXT
 *   int          integer         INTEGER
 *   money        numeric(14,2)   INTEGER (cents)
 *   fixed        numeric         INTEGER (hundredths)
 *   bool         boolean         INTEGER (0/1)
 *   date         date            TEXT (YYYY-MM-DD)
 *   timestamptz  timestamptz     TEXT (ISO 8601 UTC)
 */
export type ColumnKind = 'uuid' | 'text' | 'int' | 'money' | 'fixed' | 'bool' | 'date' | 'timestamptz';

export interface Column {
  name: string;
  kind: ColumnKind;
  notNull?: boolean;
  primaryKey?: boolean;
  /** 'now' (current timestamp), 'uuid' (Postgres only) or a literal. */
  default?: 'now' | 'uuid' | string | number | boolean;
  references?: string;
  check?: string;
}

const PG_TYPES: Record<ColumnKind, string> = {
  uuid: 'uuid',
  text: 'text',
  int: 'integer',
  money: 'numeric(14,2)',
  fixed: 'numeric',
  bool: 'boolean',
  date: 'date',
  timestamptz: 'timestamptz',
};

const SQLITE_TYPES: Record<ColumnKind, string> = {
  uuid: 'TEXT',
  text: 'TEXT',
  int: 'INTEGER',
  money: 'INTEGER',
  fixed: 'INTEGER',
  bool: 'INTEGER',
  date: 'TEXT',
  timestamptz: 'TEXT',
};

type AnyDb = Kysely<any>; // migrations are frozen in time: they see no schema types

function defaultSql(db: AnyDb, column: Column): string | null {
  const pg = capabilitiesOf(db).nativeBooleans;
  const value = column.default;
  if (value === undefined) return null;
  if (value === 'now') return pg ? 'now()' : "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";
  if (value === 'uuid') return pg ? 'gen_random_uuid()' : null;
  if (typeof value === 'boolean') return pg ? String(value) : value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

function columnSql(db: AnyDb, column: Column, forAlter: boolean): string {
  const pg = capabilitiesOf(db).nativeBooleans;
  const parts = [column.name, (pg ? PG_TYPES : SQLITE_TYPES)[column.kind]];
  const dflt = defaultSql(db, column);
  if (column.primaryKey && !forAlter) parts.push('primary key');
  // A column added to an existing table is NOT NULL only when a default fills the old rows.
  if (column.notNull && (!forAlter || dflt !== null)) parts.push('not null');
  if (dflt !== null) parts.push(`default ${dflt}`);
  if (column.references) parts.push(`references ${column.references}`);
  if (column.check && !forAlter) parts.push(`check (${column.check})`);
  return parts.join(' ');
}

export async function existingColumns(db: AnyDb, table: string): Promise<Set<string>> {
  const rows = capabilitiesOf(db).schemas
    ? // pg_catalog, not information_schema: the latter can fail while another schema is being dropped
      await sql<{ name: string }>`select a.attname as name from pg_catalog.pg_attribute a
        join pg_catalog.pg_class c on c.oid = a.attrelid
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relname = ${table} and a.attnum > 0 and not a.attisdropped`.execute(db)
    : await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  return new Set(rows.rows.map((r) => r.name));
}

/**
 * Creates the table, or — when it already exists (e.g. the web app's own version on a shared
 * Postgres) — adds only the columns it lacks, nullable or defaulted. Never drops or rewrites.
 */
export async function ensureTable(db: AnyDb, table: string, columns: Column[]): Promise<void> {
  const existing = await existingColumns(db, table);
  if (existing.size === 0) {
    await sql.raw(`create table ${table} (${columns.map((c) => columnSql(db, c, false)).join(', ')})`).execute(db);
    return;
  }
  for (const column of columns) {
    if (existing.has(column.name) || column.primaryKey) continue;
    await sql.raw(`alter table ${table} add column ${columnSql(db, column, true)}`).execute(db);
  }
}

export async function ensureIndex(
  db: AnyDb,
  name: string,
  table: string,
  columns: string[],
  options: { unique?: boolean; where?: string } = {},
): Promise<void> {
  const unique = options.unique ? 'unique ' : '';
  const where = options.where ? ` where ${options.where}` : '';
  await sql.raw(`create ${unique}index if not exists ${name} on ${table} (${columns.join(', ')})${where}`).execute(db);
}

/** The id column every table of ours starts with. */
export const ID: Column = { name: 'id', kind: 'uuid', primaryKey: true, notNull: true, default: 'uuid' };
export const CREATED_AT: Column = { name: 'created_at', kind: 'timestamptz', notNull: true, default: 'now' };
export const UPDATED_AT: Column = { name: 'updated_at', kind: 'timestamptz', notNull: true, default: 'now' };
