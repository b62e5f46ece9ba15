import type { Kysely } from 'kysely';
import type { DB, SyncKind, SyncLogRow, SyncStatus } from '../db/schema';

/** What ness.DATA shows about the persisted data (spec §3): clients, linked clients, the last clients sync. */
export interface ErpSummary {
  totalClients: number;
  clientsWithOmie: number;
  lastSync: LastSync | null;
}

export interface LastSync {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  status: SyncStatus;
  recordCount: number | null;
  errorMessage: string | null;
}

export interface SyncRunEntry extends LastSync {
  kind: SyncKind;
  /** "YYYY-MM" for revenue runs. */
  period: string | null;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  pages: number;
  /** null while running. */
  durationMs: number | null;
  errorCode: string | null;
  host: string | null;
  user: string | null;
}

export interface SkippedRecordEntry {
  omieCodigo: string | null;
  reason: string;
  excerpt: string | null;
  createdAt: string;
}

export async function getErpSummary(db: Kysely<DB>): Promise<ErpSummary> {
  const counts = await db
    .selectFrom('clients')
    .select((eb) => [eb.fn.countAll().as('total'), eb.fn.count('omie_codigo').as('with_omie')])
    .executeTakeFirstOrThrow();
  return { totalClients: Number(counts.total), clientsWithOmie: Number(counts.with_omie), lastSync: await getLastErpSync(db) };
}

/** The last clients sync (the spec's getLastErpSync), whatever its status. */
export async function getLastErpSync(db: Kysely<DB>): Promise<LastSync | null> {
  const row = await db.selectFrom('erp_sync_log').selectAll().where('kind', '=', 'clients').orderBy('started_at', 'desc').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  if (!row) return null;
  const { id, startedAt, finishedAt, status, recordCount, errorMessage } = toEntry(row);
  return { id, startedAt, finishedAt, status, recordCount, errorMessage };
}

export async function listSyncRuns(db: Kysely<DB>, options: { limit?: number; offset?: number; kind?: SyncKind } = {}): Promise<SyncRunEntry[]> {
  let query = db.selectFrom('erp_sync_log').selectAll();
  if (options.kind) query = query.where('kind', '=', options.kind);
  const rows = await query
    .orderBy('started_at', 'desc')
    .orderBy('created_at', 'desc')
    .limit(options.limit ?? 20)
    .offset(options.offset ?? 0)
    .execute();
  return rows.map(toEntry);
}

export async function listSkippedRecords(db: Kysely<DB>, runId: string): Promise<SkippedRecordEntry[]> {
  const rows = await db.selectFrom('erp_sync_skipped').selectAll().where('run_id', '=', runId).orderBy('created_at').orderBy('omie_codigo').execute();
  return rows.map((r) => ({ omieCodigo: r.omie_codigo, reason: r.reason, excerpt: r.record_excerpt, createdAt: r.created_at }));
}

function toEntry(row: SyncLogRow): SyncRunEntry {
  return {
    id: row.id,
    kind: row.kind,
    period: row.period ? row.period.slice(0, 7) : null,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.finished_at ? Date.parse(row.finished_at) - Date.parse(row.started_at) : null,
    recordCount: row.record_count,
    inserted: Number(row.inserted),
    updated: Number(row.updated),
    unchanged: Number(row.unchanged),
    skipped: Number(row.skipped),
    pages: Number(row.pages),
    errorMessage: row.error_message,
    errorCode: row.error_code,
    host: row.host,
    user: row.os_user,
  };
}
