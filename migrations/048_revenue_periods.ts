import type { Kysely } from 'kysely';
import { CREATED_AT, ensureIndex, ensureTable, ID } from './kit';

/** Per month: when its snapshot was taken and whether it is closed; and every restated value. */
export async function up(db: Kysely<any>): Promise<void> {
  await ensureTable(db, 'erp_revenue_period', [
    { name: 'period', kind: 'date', primaryKey: true, notNull: true },
    { name: 'synced_at', kind: 'timestamptz' },
    { name: 'run_id', kind: 'uuid' },
    { name: 'clients', kind: 'int', notNull: true, default: 0 },
    { name: 'titles', kind: 'int', notNull: true, default: 0 },
    { name: 'total', kind: 'money', notNull: true, default: 0 },
    { name: 'closed_at', kind: 'timestamptz' },
    { name: 'closed_by', kind: 'text' },
  ]);
  await ensureTable(db, 'erp_revenue_restatement', [
    ID,
    { name: 'period', kind: 'date', notNull: true },
    { name: 'omie_codigo', kind: 'text', notNull: true },
    { name: 'old_valor', kind: 'money' },
    { name: 'new_valor', kind: 'money' },
    { name: 'run_id', kind: 'uuid' },
    CREATED_AT,
  ]);
  await ensureIndex(db, 'erp_revenue_restatement_period_idx', 'erp_revenue_restatement', ['period']);
}
