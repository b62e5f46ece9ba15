import { type Kysely, sql } from 'kysely';
import { capabilitiesOf } from './capabilities';
import type { DB } from './schema';

/**
 * A marker of the database's committed data: read twice, the same marker means nothing was
 * written in between — by this process or any other — so whatever was computed from the data
 * after the first read still holds.
 *   SQLite: PRAGMA data_version (moves on commits by other connections) and total_changes() (rows
 *   changed by this connection, the process's one).
 *   Postgres: the server's current write-ahead log position. Every committed write moves it, and so
 *   does other activity on the server (other databases, vacuum): a marker that moved for nothing
 *   costs its reader a recomputation, never a stale answer.
 * null when the database cannot tell (a Postgres standby in recovery): reuse nothing then.
 */
export async function dataVersion(db: Kysely<DB>): Promise<string | null> {
  if (capabilitiesOf(db).changeMarker === 'data-version') {
    const { rows } = await sql<{ marker: string }>`select (select data_version from pragma_data_version()) || ':' || total_changes() as marker`.execute(db);
    return rows[0]?.marker ?? null;
  }
  const { rows } = await sql<{ marker: string | null }>`select case when pg_is_in_recovery() then null else pg_current_wal_lsn()::text end as marker`.execute(db);
  return rows[0]?.marker ?? null;
}
