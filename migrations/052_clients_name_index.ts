import type { Kysely } from 'kysely';
import { ensureIndex } from './kit';

/**
 * The Clientes page lists clients ordered by (name, id), a page at a time, over up to ~100k rows:
 * this index hands them over in that order instead of sorting the whole table for every page.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await ensureIndex(db, 'clients_name_id_idx', 'clients', ['name', 'id']);
}
