import type { Kysely } from 'kysely';
import { CREATED_AT, ensureIndex, ensureTable, ID } from './kit';

/** Monthly faturamento per Omie customer: unique (period, omie_codigo). */
export async function up(db: Kysely<any>): Promise<void> {
  await ensureTable(db, 'erp_revenue_snapshot', [
    ID,
    { name: 'period', kind: 'date', notNull: true },
    { name: 'omie_codigo', kind: 'text', notNull: true },
    { name: 'valor', kind: 'money', notNull: true },
    CREATED_AT,
  ]);
  await ensureIndex(db, 'erp_revenue_snapshot_period_omie_codigo_key', 'erp_revenue_snapshot', ['period', 'omie_codigo'], {
    unique: true,
  });
}
