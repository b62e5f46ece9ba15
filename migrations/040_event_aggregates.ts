import type { Kysely } from 'kysely';
import { CREATED_AT, ensureIndex, ensureTable, ID } from './kit';

/** Event counts per (period = day, module, event_type). */
export async function up(db: Kysely<any>): Promise<void> {
  await ensureTable(db, 'event_aggregates', [
    ID,
    { name: 'period', kind: 'date', notNull: true },
    { name: 'module', kind: 'text', notNull: true },
    { name: 'event_type', kind: 'text', notNull: true },
    { name: 'count', kind: 'int', notNull: true, default: 0 },
    CREATED_AT,
  ]);
  await ensureIndex(db, 'event_aggregates_period_module_type_key', 'event_aggregates', ['period', 'module', 'event_type'], {
    unique: true,
  });
}
