/** Fresh migrated databases for the sync measures: a SQLite file per sync, or a Postgres schema per sync. */
import { rmSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/main/db/schema';
import { createDb } from '../../src/main/db/create-db';
import { migrateToLatest } from '../../src/main/db/migrator';
import type { SyncTarget } from '../measures/clients-full-sync';
import { freshPgSchema, migratedSqlite, type Scratch } from './databases';

export function sqliteTarget(scratch: Scratch): SyncTarget {
  return {
    name: 'sqlite',
    async fresh() {
      const path = scratch.path('sync');
      const db = await migratedSqlite(path);
      return {
        db,
        label: path,
        async dispose(keep) {
          await db.destroy();
          if (!keep) for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
        },
      };
    },
  };
}

/**
 * Migrations read information_schema, which can fail with "schema … does not exist" while another
 * process (a parallel test run) drops its own schema on the same server: retried twice.
 */
async function migrateWithRetry(db: Kysely<DB>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(db);
      return;
    } catch (error) {
      if (attempt >= 3 || !/does not exist/.test(error instanceof Error ? error.message : String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

export function postgresTarget(pgUrl: string): SyncTarget {
  return {
    name: 'postgres',
    async fresh() {
      const schema = freshPgSchema(pgUrl);
      const db = await createDb(schema.url);
      try {
        await migrateWithRetry(db);
      } catch (error) {
        await db.destroy();
        await schema.drop();
        throw error;
      }
      return {
        db,
        label: schema.schema,
        async dispose(keep) {
          await db.destroy();
          if (!keep) await schema.drop();
        },
      };
    },
  };
}
