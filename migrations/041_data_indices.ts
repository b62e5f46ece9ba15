import type { Kysely } from 'kysely';
import { CREATED_AT, ensureIndex, ensureTable, ID } from './kit';

/** Monthly derived indices (leads_mes, contratos_ativos, mrr_total): unique (period, index_key). */
export async function up(db: Kysely<any>): Promise<void> {
  await ensureTable(db, 'data_indices', [
    ID,
    { name: 'period', kind: 'date', notNull: true },
    { name: 'index_key', kind: 'text', notNull: true },
    { name: 'value', kind: 'fixed', notNull: true },
    CREATED_AT,
  ]);
  await ensureIndex(db, 'data_indices_period_index_key_key', 'data_indices', ['period', 'index_key'], { unique: true });
}
