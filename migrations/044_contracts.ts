import type { Kysely } from 'kysely';
import { CREATED_AT, ensureIndex, ensureTable, ID, UPDATED_AT } from './kit';

/** ness.FIN contracts: the contracted monthly value (MRR) per client and its dates. */
export async function up(db: Kysely<any>): Promise<void> {
  await ensureTable(db, 'contracts', [
    ID,
    { name: 'client_id', kind: 'uuid', notNull: true, references: 'clients(id)' },
    { name: 'description', kind: 'text', notNull: true, default: '' },
    { name: 'mrr', kind: 'money', notNull: true },
    { name: 'start_date', kind: 'date', notNull: true },
    { name: 'end_date', kind: 'date' },
    { name: 'status', kind: 'text', notNull: true, default: 'active' },
    CREATED_AT,
    UPDATED_AT,
  ]);
  await ensureIndex(db, 'contracts_client_description_start_key', 'contracts', ['client_id', 'description', 'start_date'], {
    unique: true,
  });
}
