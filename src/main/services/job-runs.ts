import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/**
 * job_runs: one row per (job, due key). Claiming is an INSERT … ON CONFLICT DO NOTHING on the
 * unique (job, due_key) index, so of two processes (or two machines on one Postgres) claiming the
 * same occurrence exactly one gets it. A failed run may be claimed again later (a retry), and a
 * run left `running` by a process that died is taken over once it is stale.
 */
export type JobRunStatus = 'running' | 'success' | 'error';

export interface JobRunRow {
  id: string;
  job: string;
  dueKey: string;
  startedAt: string;
  finishedAt: string | null;
  status: JobRunStatus;
  message: string | null;
}

export interface KnownRun {
  id: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
}

/** The recorded runs of one job for some due keys, and the newest due key it ever recorded. */
export async function knownRuns(
  db: Kysely<DB>,
  job: string,
  dueKeys: string[],
): Promise<{ byKey: Map<string, KnownRun>; lastKey: string | null }> {
  const byKey = new Map<string, KnownRun>();
  if (dueKeys.length > 0) {
    const rows = await db
      .selectFrom('job_runs')
      .select(['id', 'due_key', 'status', 'started_at', 'finished_at'])
      .where('job', '=', job)
      .where('due_key', 'in', dueKeys)
      .execute();
    for (const r of rows) byKey.set(r.due_key, { id: r.id, status: r.status, startedAt: r.started_at, finishedAt: r.finished_at });
  }
  const last = await db
    .selectFrom('job_runs')
    .select((eb) => eb.fn.max('due_key').as('last'))
    .where('job', '=', job)
    .executeTakeFirst();
  return { byKey, lastKey: last?.last ?? null };
}

/** Claims a never-run occurrence; null when another process got it first. */
export async function claimNewRun(db: Kysely<DB>, job: string, dueKey: string, nowIso: string): Promise<string | null> {
  const id = randomUUID();
  const result = await db
    .insertInto('job_runs')
    .values({ id, job, due_key: dueKey, started_at: nowIso, status: 'running' })
    .onConflict((oc) => oc.columns(['job', 'due_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1 ? id : null;
}

/**
 * Claims again a run that failed before `retryBeforeIso` or was left running since before
 * `staleBeforeIso`; a conditional UPDATE, so only one claimer wins. Returns the run id or null.
 */
export async function reclaimRun(
  db: Kysely<DB>,
  run: KnownRun,
  nowIso: string,
  retryBeforeIso: string,
  staleBeforeIso: string,
): Promise<string | null> {
  const result = await db
    .updateTable('job_runs')
    .set({ status: 'running', started_at: nowIso, finished_at: null, message: null })
    .where('id', '=', run.id)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'error'), eb('finished_at', '<', retryBeforeIso)]),
        eb.and([eb('status', '=', 'running'), eb('started_at', '<', staleBeforeIso)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? run.id : null;
}

export async function finishRun(db: Kysely<DB>, id: string, status: 'success' | 'error', message: string, nowIso: string): Promise<void> {
  await db.updateTable('job_runs').set({ status, message, finished_at: nowIso }).where('id', '=', id).execute();
}

/** Recorded runs, newest first. */
export async function listJobRuns(db: Kysely<DB>, { limit = 50, job }: { limit?: number; job?: string } = {}): Promise<JobRunRow[]> {
  let query = db.selectFrom('job_runs').selectAll();
  if (job) query = query.where('job', '=', job);
  const rows = await query
    .orderBy('started_at', 'desc')
    .orderBy('due_key', 'desc')
    .limit(Math.max(1, Math.min(1000, Math.floor(limit))))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    job: r.job,
    dueKey: r.due_key,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status as JobRunStatus,
    message: r.message,
  }));
}
