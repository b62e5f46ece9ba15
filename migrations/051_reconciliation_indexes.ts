import type { Kysely } from 'kysely';
import { ensureIndex } from './kit';

/**
 * Covering indexes for the month's reconciliation (one grouped statement over 100k clients):
 * contracted MRR per client for a month reads only (client_id, start_date, end_date, mrr), and
 * each client's faturamento is one probe of (period, omie_codigo) that also yields valor.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await ensureIndex(db, 'contracts_client_dates_mrr_idx', 'contracts', ['client_id', 'start_date', 'end_date', 'mrr']);
  await ensureIndex(db, 'erp_revenue_snapshot_period_omie_codigo_valor_idx', 'erp_revenue_snapshot', ['period', 'omie_codigo', 'valor']);
}
