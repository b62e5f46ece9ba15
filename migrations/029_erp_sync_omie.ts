import type { Kysely } from 'kysely';
import { CREATED_AT, ensureIndex, ensureTable, ID } from './kit';

/** `clients.omie_codigo` (unique when filled) and the sync audit log `erp_sync_log`. */
export async function up(db: Kysely<any>): Promise<void> {
  await ensureTable(db, 'clients', [{ name: 'omie_codigo', kind: 'text' }]);
  await ensureIndex(db, 'clients_omie_codigo_key', 'clients', ['omie_codigo'], {
    unique: true,
    where: 'omie_codigo is not null',
  });
  await ensureTable(db, 'erp_sync_log', [
    ID,
    { name: 'started_at', kind: 'timestamptz', notNull: true, default: 'now' },
    { name: 'finished_at', kind: 'timestamptz' },
    { name: 'status', kind: 'text', notNull: true, check: "status in ('running', 'success', 'error')" },
    { name: 'record_count', kind: 'int' },
    { name: 'error_message', kind: 'text' },
    CREATED_AT,
  ]);
}
