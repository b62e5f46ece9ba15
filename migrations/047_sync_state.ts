import type { Kysely } from 'kysely';
import { ensureTable } from './kit';

/** Sync cursors, single-run leases (SQLite) and small persisted facts (e.g. an Omie block's end). */
export async function up(db: Kysely<any>): Promise<void> {
  await ensureTable(db, 'sync_cursors', [
    { name: 'name', kind: 'text', primaryKey: true, notNull: true },
    { name: 'cursor_value', kind: 'text', notNull: true },
    { name: 'updated_at', kind: 'timestamptz', notNull: true, default: 'now' },
  ]);
  await ensureTable(db, 'sync_leases', [
    { name: 'name', kind: 'text', primaryKey: true, notNull: true },
    { name: 'holder', kind: 'text', notNull: true },
    { name: 'acquired_at', kind: 'timestamptz', notNull: true, default: 'now' },
    { name: 'heartbeat_at', kind: 'timestamptz', notNull: true, default: 'now' },
  ]);
  await ensureTable(db, 'app_state', [
    { name: 'key', kind: 'text', primaryKey: true, notNull: true },
    { name: 'value', kind: 'text', notNull: true },
    { name: 'updated_at', kind: 'timestamptz', notNull: true, default: 'now' },
  ]);
}
