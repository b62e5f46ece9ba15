import { Cron } from 'croner';
import { toErrorShape } from '../../shared/errors';
import { BRASILIA_TZ } from '../brasilia-time';
import type { ServiceDeps } from './deps';
import { claimNewRun, finishRun, type KnownRun, knownRuns, reclaimRun } from './job-runs';
import { DEFAULT_JOBS, type JobTable, type ScheduledJob } from './scheduled-jobs';

export { listJobRuns, type JobRunRow } from './job-runs';
export { DEFAULT_JOBS, type JobTable, type ScheduledJob } from './scheduled-jobs';

/**
 * The scheduler (DESIGN.md §4): the spec's crons, due on a persisted schedule (job_runs), run by
 * the desktop app every minute and by `ness-data run-due` from the OS scheduler.
 *
 * Which occurrences are due: for each job, its last `catchUp` occurrences up to now (croner, in
 * America/Sao_Paulo). Those newer than the newest due key the job ever recorded run, oldest first,
 * one by one; a job that never ran runs its latest occurrence only (no backfill of history). A
 * failed occurrence inside the window is retried after `retryAfterMs`; one left running by a dead
 * process is taken over after `staleAfterMs`. Each run is claimed in job_runs first, so two
 * run-due at once run every occurrence once: the loser skips it.
 */
export interface JobRunResult {
  job: string;
  dueKey: string;
  status: 'success' | 'error';
  message: string;
}

export interface RunDueOptions {
  /** Epoch ms; defaults to deps.clock.now(). */
  now?: number;
  jobs?: JobTable;
  timeZone?: string;
  /** A failed occurrence is retried when it finished longer ago than this (default 1 h). */
  retryAfterMs?: number;
  /** A run still `running` after this long is taken to be dead and claimed again (default 6 h). */
  staleAfterMs?: number;
  onJobFinished?: (result: JobRunResult) => void;
}

const HOUR = 3_600_000;

interface DueOccurrence {
  job: ScheduledJob;
  at: number;
  dueKey: string;
  known: KnownRun | undefined;
}

/** The occurrences of one job that should run now, oldest first. */
async function dueOccurrences(deps: ServiceDeps, job: ScheduledJob, now: number, timeZone: string): Promise<DueOccurrence[]> {
  const cron = new Cron(job.pattern, { timezone: timeZone, paused: true });
  // previousRuns excludes a run exactly at the reference: +1 ms makes "due at now" count.
  const occurrences = cron
    .previousRuns(Math.max(1, job.catchUp), new Date(now + 1))
    .map((d) => d.getTime())
    .sort((a, b) => a - b);
  const keyed = occurrences.map((at) => ({ at, dueKey: job.dueKeyFor(at, timeZone) }));
  const { byKey, lastKey } = await knownRuns(deps.db, job.name, keyed.map((o) => o.dueKey));
  if (lastKey === null) {
    const latest = keyed[keyed.length - 1];
    return latest ? [{ job, ...latest, known: undefined }] : [];
  }
  return keyed
    .map((o) => ({ job, ...o, known: byKey.get(o.dueKey) }))
    .filter((o) => (o.known ? o.known.status !== 'success' : o.dueKey > lastKey));
}

export async function runDueJobs(deps: ServiceDeps, options: RunDueOptions = {}): Promise<JobRunResult[]> {
  const now = options.now ?? deps.clock.now();
  const timeZone = options.timeZone ?? BRASILIA_TZ;
  const jobs = options.jobs ?? DEFAULT_JOBS;
  const retryAfterMs = options.retryAfterMs ?? HOUR;
  const staleAfterMs = options.staleAfterMs ?? 6 * HOUR;

  const due: DueOccurrence[] = [];
  for (const job of jobs) due.push(...(await dueOccurrences(deps, job, now, timeZone)));
  due.sort((a, b) => a.at - b.at || a.job.name.localeCompare(b.job.name));

  const results: JobRunResult[] = [];
  for (const occurrence of due) {
    const startedAt = options.now === undefined ? deps.clock.now() : now;
    const startIso = new Date(startedAt).toISOString();
    const id = occurrence.known
      ? await reclaimRun(
          deps.db,
          occurrence.known,
          startIso,
          new Date(startedAt - retryAfterMs).toISOString(),
          new Date(startedAt - staleAfterMs).toISOString(),
        )
      : await claimNewRun(deps.db, occurrence.job.name, occurrence.dueKey, startIso);
    if (id === null) continue; // another process has it (or it is not yet time to retry)

    let outcome: { status: 'success' | 'error'; message: string };
    try {
      outcome = await occurrence.job.run(deps, occurrence.dueKey);
    } catch (error) {
      outcome = { status: 'error', message: toErrorShape(error).message };
    }
    const finishedAt = options.now === undefined ? deps.clock.now() : now;
    await finishRun(deps.db, id, outcome.status, outcome.message, new Date(finishedAt).toISOString());
    const result = { job: occurrence.job.name, dueKey: occurrence.dueKey, ...outcome };
    results.push(result);
    options.onJobFinished?.(result);
  }
  return results;
}

export interface SchedulerOptions extends Omit<RunDueOptions, 'now'> {
  /** A tick failed as a whole (e.g. the database is unreachable). */
  onError?: (error: unknown) => void;
}

export interface RunningScheduler {
  /** Stops the minute timer and resolves when a tick in flight has finished. */
  stop(): Promise<void>;
  /** Resolves when the start-up catch-up tick has finished. */
  readonly started: Promise<void>;
}

/**
 * In-app scheduling: a catch-up tick at once (runs missed while the app was closed), then one
 * tick a minute. Ticks never overlap; each tick is runDueJobs, so another process running
 * run-due at the same time is harmless.
 */
export function startScheduler(deps: ServiceDeps, options: SchedulerOptions = {}): RunningScheduler {
  let stopped = false;
  let inFlight: Promise<void> | null = null;

  const tick = (): Promise<void> => {
    if (stopped || inFlight) return inFlight ?? Promise.resolve();
    inFlight = runDueJobs(deps, options)
      .then(() => undefined)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  const timer = new Cron('0 * * * * *', { timezone: options.timeZone ?? BRASILIA_TZ, protect: true }, () => tick());
  const started = tick();
  return {
    started,
    async stop() {
      stopped = true;
      timer.stop();
      await inFlight;
    },
  };
}
