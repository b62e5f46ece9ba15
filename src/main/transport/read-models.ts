/**
 * Small read queries the UI needs and no service module provides (run counts, the last clients
 * sync, the clients behind faturamento rows). Services own the domain's reads, writes and decisions.
 */
import type { Kysely } from 'kysely';
import type { SyncRun } from '../../shared/contract';
import type { DB, SyncKind } from '../db/schema';
import type { SyncRunEntry } from '../services/summary';

export async function countSyncRuns(db: Kysely<DB>, kind?: SyncKind): Promise<number> {
  let query = db.selectFrom('erp_sync_log');
  if (kind) query = query.where('kind', '=', kind);
  const row = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst();
  return Number(row?.total ?? 0);
}

export async function lastSuccessfulClientsSync(db: Kysely<DB>): Promise<string | null> {
  const row = await db
    .selectFrom('erp_sync_log')
    .select('finished_at')
    .where('kind', '=', 'clients')
    .where('status', '=', 'success')
    .orderBy('finished_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.finished_at ?? null;
}

export function toSyncRun(entry: SyncRunEntry): SyncRun {
  return {
    id: entry.id,
    kind: entry.kind,
    period: entry.period,
    status: entry.status,
    startedAt: entry.startedAt,
    finishedAt: entry.finishedAt,
    durationMs: entry.durationMs,
    recordCount: entry.recordCount,
    inserted: entry.inserted,
    updated: entry.updated,
    unchanged: entry.unchanged,
    skipped: entry.skipped,
    pages: entry.pages,
    errorCode: entry.errorCode,
    errorMessage: entry.errorMessage,
    host: entry.host,
    osUser: entry.user,
  };
}

/** Name and document of the clients linked to these Omie codes (for faturamento rows). */
export async function clientsByOmieCodigo(db: Kysely<DB>, codes: readonly string[]): Promise<Map<string, { id: string; name: string; document: string | null }>> {
  const out = new Map<string, { id: string; name: string; document: string | null }>();
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db.selectFrom('clients').select(['id', 'name', 'document', 'omie_codigo']).where('omie_codigo', 'in', chunk).execute();
    for (const r of rows) if (r.omie_codigo) out.set(r.omie_codigo, { id: String(r.id), name: r.name, document: r.document });
  }
  return out;
}
