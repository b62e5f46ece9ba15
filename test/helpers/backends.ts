/**
 * Database backends for tests. Every database test runs on SQLite and, when NESS_TEST_PG_URL is
 * set, on Postgres too — each test database in its own Postgres schema, so parallel files never collide.
 *
 *   describeBackends('clients sync', (t) => {
 *     it('works', async () => { const db = t.db; ... });   // fresh migrated DB per file and backend
 *   });
 *
 * `t.url` is the URL of that database (for spawning the CLI on it); `freshDatabase()` makes another.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe } from 'vitest';
import { createDb } from '../../src/main/db/create-db';
import { migrateToLatest } from '../../src/main/db/migrator';
import type { DB } from '../../src/main/db/schema';

export type BackendName = 'sqlite' | 'postgres';

export function backendNames(): BackendName[] {
  return process.env.NESS_TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase {
  backend: BackendName;
  url: string;
  db: Kysely<DB>;
  /** Closes the connection and removes the database (schema or file). */
  drop(): Promise<void>;
}

let counter = 0;

function uniqueName(): string {
  counter += 1;
  return `t_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

/** A URL for a new empty database of that backend, and how to remove it. */
export function freshDatabaseUrl(backend: BackendName): { url: string; remove: () => Promise<void> } {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ness-test-'));
    return { url: `sqlite:${join(dir, 'db.sqlite')}`, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = new URL(process.env.NESS_TEST_PG_URL!);
  const schema = uniqueName();
  base.searchParams.set('schema', schema);
  return {
    url: base.toString(),
    remove: async () => {
      const admin = await createDb(process.env.NESS_TEST_PG_URL!);
      try {
        await admin.schema.dropSchema(schema).ifExists().cascade().execute();
      } finally {
        await admin.destroy();
      }
    },
  };
}

/** A fresh, migrated database. */
export async function freshDatabase(backend: BackendName, { migrate = true } = {}): Promise<TestDatabase> {
  const { url, remove } = freshDatabaseUrl(backend);
  const db = await createDb(url);
  if (migrate) await migrateToLatest(db);
  return {
    backend,
    url,
    db,
    drop: async () => {
      await db.destroy();
      await remove();
    },
  };
}

export interface BackendContext {
  readonly backend: BackendName;
  readonly db: Kysely<DB>;
  readonly url: string;
}

/** Runs the suite once per backend, with a fresh migrated database for the suite. */
export function describeBackends(title: string, suite: (t: BackendContext) => void): void {
  for (const backend of backendNames()) {
    describe(`${title} [${backend}]`, () => {
      let current: TestDatabase | undefined;
      const context: BackendContext = {
        backend,
        get db() {
          if (!current) throw new Error('database not ready (use it inside a test or hook)');
          return current.db;
        },
        get url() {
          if (!current) throw new Error('database not ready (use it inside a test or hook)');
          return current.url;
        },
      };
      beforeAll(async () => {
        current = await freshDatabase(backend);
      });
      afterAll(async () => {
        await current?.drop();
      });
      suite(context);
    });
  }
}
