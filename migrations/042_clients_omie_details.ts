import type { Kysely } from 'kysely';
import { ensureIndex, ensureTable } from './kit';

/** What the console keeps about each Omie customer beyond the spec's four mapped fields. */
export async function up(db: Kysely<any>): Promise<void> {
  await ensureTable(db, 'clients', [
    { name: 'updated_at', kind: 'timestamptz' },
    { name: 'omie_inativo', kind: 'bool', notNull: true, default: false },
    { name: 'omie_tags', kind: 'text' },
    { name: 'omie_altered_at', kind: 'timestamptz' },
    { name: 'omie_missing_since', kind: 'timestamptz' },
  ]);
  await ensureIndex(db, 'clients_document_idx', 'clients', ['document']);
}
