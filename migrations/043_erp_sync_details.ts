import type { Kysely } from 'kysely';
import { CREATED_AT, ensureIndex, ensureTable, ID } from './kit';

/** Run counters, who ran it, a heartbeat; and the records a run skipped, with reasons. */
export async function up(db: Kysely<any>): Promise<void> {
  await ensureTable(db, 'erp_sync_log', [
    { name: 'kind', kind: 'text', notNull: true, default: 'clients' },
    { name: 'period', kind: 'date' },
    { name: 'inserted', kind: 'int', notNull: true, default: 0 },
    { name: 'updated', kind: 'int', notNull: true, default: 0 },
    { name: 'unchanged', kind: 'int', notNull: true, default: 0 },
    { name: 'skipped', kind: 'int', notNull: true, default: 0 },
    { name: 'pages', kind: 'int', notNull: true, default: 0 },
    { name: 'host', kind: 'text' },
    { name: 'os_user', kind: 'text' },
    { name: 'error_code', kind: 'text' },
    { name: 'heartbeat_at', kind: 'timestamptz' },
  ]);
  await ensureIndex(db, 'erp_sync_log_started_idx', 'erp_sync_log', ['started_at']);
  await ensureTable(db, 'erp_sync_skipped', [
    ID,
    { name: 'run_id', kind: 'uuid', notNull: true, references: 'erp_sync_log(id)' },
    { name: 'omie_codigo', kind: 'text' },
    { name: 'reason', kind: 'text', notNull: true },
    { name: 'record_excerpt', kind: 'text' },
    CREATED_AT,
  ]);
  await ensureIndex(db, 'erp_sync_skipped_run_idx', 'erp_sync_skipped', ['run_id']);
}
