import { type Kysely, sql } from 'kysely';
import type { DB } from './schema';
import { capabilitiesOf } from './capabilities';

/**
 * SQLite (WAL journal): while a sync commits page after page, the WAL is checkpointed every
 * WAL_PAGES_PER_CHECKPOINT pages instead of SQLite's default 1,000. Every 500-client page dirties
 * hundreds of index pages, so the default checkpointed on nearly every commit, copying and fsyncing
 * the same pages again and again (measured: 20.6 → 13 ms per page at 50k clients). The WAL stays
 * bounded (~40 MB); the returned function restores the default when the run ends.
 * Nothing to do where the storage has no WAL checkpoints (Postgres).
 */
const WAL_PAGES_PER_CHECKPOINT = 10_000;
const SQLITE_DEFAULT_WAL_PAGES = 1000;

export async function prepareForBulkWrites(db: Kysely<DB>): Promise<() => Promise<void>> {
  if (!capabilitiesOf(db).walCheckpoints) return async () => {};
  await sql`pragma wal_autocheckpoint = ${sql.raw(String(WAL_PAGES_PER_CHECKPOINT))}`.execute(db);
  return async () => {
    await sql`pragma wal_autocheckpoint = ${sql.raw(String(SQLITE_DEFAULT_WAL_PAGES))}`.execute(db).catch(() => {});
  };
}
