import type { Kysely } from 'kysely';
import { ensureIndex, ensureTable, ID, UPDATED_AT } from './kit';

/** The analyst's note and "explained" flag per (month, row); subject = client id or "omie:<codigo>". */
export async function up(db: Kysely<any>): Promise<void> {
  await ensureTable(db, 'reconciliation_notes', [
    ID,
    { name: 'period', kind: 'date', notNull: true },
    { name: 'subject', kind: 'text', notNull: true },
    { name: 'note', kind: 'text', notNull: true, default: '' },
    { name: 'explained', kind: 'bool', notNull: true, default: false },
    { name: 'updated_by', kind: 'text' },
    UPDATED_AT,
  ]);
  await ensureIndex(db, 'reconciliation_notes_period_subject_key', 'reconciliation_notes', ['period', 'subject'], {
    unique: true,
  });
}
