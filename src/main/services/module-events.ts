import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** The console's own actions are app events too: module `data` (sync, export, import …). */
export async function recordModuleEvent(
  db: Kysely<DB>,
  eventType: string,
  detail?: Record<string, unknown>,
  occurredAt: string = new Date().toISOString(),
  module = 'data',
): Promise<void> {
  await db
    .insertInto('module_events')
    .values({ id: randomUUID(), module, event_type: eventType, occurred_at: occurredAt, detail: detail ? JSON.stringify(detail) : null })
    .execute();
}
