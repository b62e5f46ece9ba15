import type { Kysely } from 'kysely';
import { instantOfWallTime, wallTimeOf } from '../brasilia-time';
import type { DB } from '../db/schema';

/**
 * The incremental window of the clients sync: `sync_cursors` row 'clients' holds the start time
 * of the last successful run; the next run asks Omie for records altered since that instant's
 * Brasília day minus an overlap, so clock skew and late commits on Omie's side are re-read.
 */
const CLIENTS_CURSOR = 'clients';
const OVERLAP_DAYS = 1;

export async function readClientsCursor(db: Kysely<DB>): Promise<string | null> {
  const row = await db.selectFrom('sync_cursors').select('cursor_value').where('name', '=', CLIENTS_CURSOR).executeTakeFirst();
  return row && !Number.isNaN(Date.parse(row.cursor_value)) ? row.cursor_value : null;
}

export async function writeClientsCursor(db: Kysely<DB>, value: string, now: string): Promise<void> {
  await db
    .insertInto('sync_cursors')
    .values({ name: CLIENTS_CURSOR, cursor_value: value, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ cursor_value: value, updated_at: now }))
    .execute();
}

/** Midnight (Brasília) of the cursor's Brasília day minus OVERLAP_DAYS, as an ISO instant. */
export function alteredSinceFor(cursor: string): string {
  const day = wallTimeOf(Date.parse(cursor));
  return new Date(instantOfWallTime({ ...day, day: day.day - OVERLAP_DAYS, hour: 0, minute: 0, second: 0 })).toISOString();
}

/** app_state 'clients.include_suppliers' = 'true' keeps suppliers and carriers as clients. */
export async function includeSuppliersSetting(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('app_state').select('value').where('key', '=', 'clients.include_suppliers').executeTakeFirst();
  return row?.value.trim().toLowerCase() === 'true';
}
