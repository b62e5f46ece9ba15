/**
 * Fresh databases for the measures: migrated SQLite files in a temp directory (removed at the end)
 * and Postgres schemas (dropped after use). Raw better-sqlite3 handles open files with the
 * pragmas the product uses (WAL, foreign keys, synchronous NORMAL), so raw floors run on equal terms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { createDb } from '../../src/main/db/create-db';
import { migrateToLatest } from '../../src/main/db/migrator';
import type { DB } from '../../src/main/db/schema';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), 'ness-bench-'));
  private counter = 0;

  /** A new SQLite file path (not created). */
  path(name = 'db'): string {
    this.counter += 1;
    return join(this.dir, `${name}-${this.counter}.sqlite`);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A migrated SQLite database at `path`, opened through the product's createDb. */
export async function migratedSqlite(path: string): Promise<Kysely<DB>> {
  const db = await createDb(`sqlite:${path}`);
  await migrateToLatest(db);
  return db;
}

/** better-sqlite3 on an existing file, with the product's pragmas. */
export function rawSqlite(path: string): Database.Database {
  const raw = new Database(path, { timeout: 5000 });
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('synchronous = NORMAL');
  return raw;
}

export interface PgSchema {
  url: string;
  schema: string;
  drop(): Promise<void>;
}

let pgCounter = 0;

/** A URL naming a fresh schema on the bench's Postgres; drop() removes it. */
export function freshPgSchema(baseUrl: string): PgSchema {
  pgCounter += 1;
  const schema = `bench_${process.pid}_${Date.now().toString(36)}_${pgCounter}`;
  const url = new URL(baseUrl);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    schema,
    async drop() {
      const admin = await createDb(baseUrl);
      try {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin);
      } finally {
        await admin.destroy();
      }
    },
  };
}

/** Whether Postgres answers at `url` (the measure is skipped, and says so, when it does not). */
export async function postgresReachable(url: string): Promise<string | null> {
  try {
    const db = await createDb(url);
    await db.destroy();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
