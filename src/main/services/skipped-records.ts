import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { SkippedRecord } from '../omie/types';
import { executeBulk } from './bulk-statement';

/** Rows per insert: 5 parameters each, well under SQLite's 32,766. */
const ROWS_PER_INSERT = 1000;

/** Keeps the Omie records a run skipped, with their reasons, in erp_sync_skipped. */
export async function storeSkippedRecords(db: Kysely<DB>, runId: string, skipped: readonly SkippedRecord[]): Promise<void> {
  const rows = skipped.map((s) => ({ id: randomUUID(), run_id: runId, omie_codigo: s.omieCodigo, reason: s.reason, record_excerpt: s.excerpt || null }));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await executeBulk(db, 'erp_sync_skipped.insert', rows.slice(i, i + ROWS_PER_INSERT), (chunk) => db.insertInto('erp_sync_skipped').values(chunk));
  }
}
