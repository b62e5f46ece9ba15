import { type Kysely, sql } from 'kysely';
import { capabilitiesOf } from '../../src/main/db/capabilities';
import type { DB } from '../../src/main/db/schema';

/** The indexes of `table` as the catalog lists them (SQLite's pragma, Postgres' pg_indexes), sorted by name. */
export async function indexesOf(db: Kysely<DB>, table: keyof DB & string): Promise<string[]> {
  const { rows } = capabilitiesOf(db).schemas
    ? await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename = ${table}`.execute(db)
    : await sql<{ name: string }>`select name from pragma_index_list(${table})`.execute(db);
  return rows.map((r) => r.name).sort();
}

/** The indexes of `clients` a first sync builds after loading (withSecondaryIndexesDeferred). */
export const DEFERRED_CLIENT_INDEXES = ['clients_document_idx', 'clients_name_id_idx'];
