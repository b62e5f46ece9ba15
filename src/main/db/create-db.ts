import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { AppError } from '../../shared/errors';
import type { DB } from './schema';
import { LockingSqliteDialect } from './sqlite-dialect';
import { withStatementCache } from './sqlite-statement-cache';

/** How long a SQLite writer waits for another process's lock before giving up. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * The page size of a new SQLite file (an existing file keeps its own: SQLite fixes it when the
 * first table is made, and a WAL file cannot change it). A sync's commits write every index page
 * its rows touched, and names and documents land all over their indexes. With 16 KiB pages that is
 * about a third as many WAL frames (and write calls) for the same bytes. Measured on a 100k-client
 * bench, alternating 4 and 16 KiB: the database apply went from ~79k to ~97k rows/s, the sync from
 * 1.30–1.36 to 1.27× its floor, and the reconciliation from 356–363 to 346–347 ms.
 */
export const SQLITE_PAGE_SIZE = 16_384;

/**
 * Opens the database a URL names and checks that it answers:
 *   sqlite:PATH · sqlite::memory: · postgres://user@host:port/db[?sslmode=…&schema=…]
 * Errors are one clear sentence (AppError), never a driver stack trace.
 */
export async function createDb(url: string): Promise<Kysely<DB>> {
  if (url === 'sqlite::memory:') return openSqlite(':memory:');
  if (url.startsWith('sqlite:')) return openSqlite(sqlitePath(url));
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new AppError(
    'db_config',
    `${scheme ? `Unknown database URL scheme "${scheme}:"` : `Not a database URL: "${url.slice(0, 60)}"`}; use sqlite:PATH, sqlite::memory: or postgres://user@host:port/database.`,
  );
}

function sqlitePath(url: string): string {
  const path = resolve(url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, ''));
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new AppError('db_config', `The directory for the SQLite database does not exist: ${dir}`);
  }
  return path;
}

/**
 * journal_mode = WAL on a fresh file takes an exclusive lock, and SQLite answers SQLITE_BUSY at once
 * (no busy handler) when another process holds the file meanwhile — several processes opening a new
 * database together (`ness-data migrate` twice). Tried again until the busy timeout has passed.
 */
function switchToWal(sqlite: Database.Database): void {
  const giveUpAt = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > giveUpAt) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); // 10 ms, synchronously (opening is synchronous)
    }
  }
}

function openSqlite(path: string): Kysely<DB> {
  let sqlite: Database.Database;
  try {
    // The desktop app runs under Electron's ABI: `npm start` builds that binding and names it here.
    const nativeBinding = process.env.NESS_SQLITE_NATIVE_BINDING || undefined;
    sqlite = new Database(path, { timeout: SQLITE_BUSY_TIMEOUT_MS, nativeBinding });
    sqlite.pragma(`page_size = ${SQLITE_PAGE_SIZE}`); // before WAL: a new file only (see above)
    switchToWal(sqlite);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
  } catch (error) {
    throw new AppError('db_config', `Cannot open the SQLite database ${path}: ${(error as Error).message}`);
  }
  return new Kysely<DB>({ dialect: new LockingSqliteDialect(withStatementCache(sqlite)) });
}

/** Postgres type parsers: dates stay plain strings, timestamps ISO 8601 UTC, bigint counts numbers. */
const PG_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.DATE) return (v: string) => v;
    if (oid === pg.types.builtins.TIMESTAMPTZ || oid === pg.types.builtins.TIMESTAMP) {
      return (v: string) => new Date(oid === pg.types.builtins.TIMESTAMP ? `${v}Z` : v).toISOString();
    }
    if (oid === pg.types.builtins.INT8) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

async function openPostgres(url: string): Promise<Kysely<DB>> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new AppError('db_config', `Invalid schema name "${schema.slice(0, 70)}" in the database URL.`);
  }
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    types: PG_TYPES,
    max: 10,
    connectionTimeoutMillis: 10000,
    options: schema ? `-c search_path=${schema}` : undefined,
  });
  // An idle client losing its connection (server restart, pg_terminate_backend) must not crash us.
  pool.on('error', () => {});
  // …nor one checked out between queries (e.g. the connection pinned for an advisory lock): its next query fails instead.
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    // two processes creating one new schema at once: the loser's unique violation means it exists now
    if (schema) {
      await pool.query(`create schema if not exists ${schema}`).catch((e: { code?: string }) => {
        if (e.code !== '23505' && e.code !== '42P06') throw e;
      });
    }
    else await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new AppError('db_unreachable', `Cannot connect to PostgreSQL at ${describeServer(parsed)}: ${pgReason(error)}`);
  }
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
}

function describeServer(url: URL): string {
  return `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname}`;
}

function pgReason(error: unknown): string {
  const e = error as { code?: string; message?: string };
  if (e.code === 'ECONNREFUSED') return 'connection refused (is the server running?)';
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return 'host not found';
  if (e.code === 'ETIMEDOUT') return 'connection timed out';
  if (e.code === '3D000') return 'the database does not exist';
  if (e.code === '28P01' || e.code === '28000') return 'authentication failed';
  return (e.message ?? String(error)).split('\n')[0]!.replace(/postgres(ql)?:\/\/[^\s]*/g, '<url>');
}
