import type { Kysely } from 'kysely';
import { ensureIndex, ensureTable, ID } from './kit';

/** GROWTH leads, the input of leads_mes; import_key makes re-imports idempotent. */
export async function up(db: Kysely<any>): Promise<void> {
  await ensureTable(db, 'leads', [
    ID,
    { name: 'name', kind: 'text', notNull: true },
    { name: 'document', kind: 'text' },
    { name: 'source', kind: 'text' },
    { name: 'created_at', kind: 'timestamptz', notNull: true, default: 'now' },
    { name: 'import_key', kind: 'text' },
  ]);
  await ensureIndex(db, 'leads_import_key_key', 'leads', ['import_key'], { unique: true });
  await ensureIndex(db, 'leads_created_idx', 'leads', ['created_at']);
}
