import type { Kysely } from 'kysely';
import { CREATED_AT, ensureTable, ID } from './kit';

/** The spec's `clients` (ness.FIN register): id, name, document, contact_email, created_at. */
export async function up(db: Kysely<any>): Promise<void> {
  await ensureTable(db, 'clients', [
    ID,
    { name: 'name', kind: 'text', notNull: true },
    { name: 'document', kind: 'text' },
    { name: 'contact_email', kind: 'text' },
    CREATED_AT,
  ]);
}
