import type { Kysely } from 'kysely';
import { ensureIndex, ensureTable, ID } from './kit';

/** Scheduler: one row per (job, due occurrence); the unique key makes a job run once. */
export async function up(db: Kysely<any>): Promise<void> {
  await ensureTable(db, 'job_runs', [
    ID,
    { name: 'job', kind: 'text', notNull: true },
    { name: 'due_key', kind: 'text', notNull: true },
    { name: 'started_at', kind: 'timestamptz', notNull: true, default: 'now' },
    { name: 'finished_at', kind: 'timestamptz' },
    { name: 'status', kind: 'text', notNull: true, default: 'running' },
    { name: 'message', kind: 'text' },
  ]);
  await ensureIndex(db, 'job_runs_job_due_key', 'job_runs', ['job', 'due_key'], { unique: true });
}
