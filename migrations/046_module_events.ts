import type { Kysely } from 'kysely';
import { ensureIndex, ensureTable, ID } from './kit';

/** Raw app events (module, event_type, when), the input of event_aggregates. */
export async function up(db: Kysely<any>): Promise<void> {
  await ensureTable(db, 'module_events', [
    ID,
    { name: 'occurred_at', kind: 'timestamptz', notNull: true, default: 'now' },
    { name: 'module', kind: 'text', notNull: true },
    { name: 'event_type', kind: 'text', notNull: true },
    { name: 'detail', kind: 'text' },
  ]);
  await ensureIndex(db, 'module_events_occurred_idx', 'module_events', ['occurred_at']);
}
