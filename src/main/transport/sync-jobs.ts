import { AppError, ErrorCode, toErrorShape } from '../../shared/errors';
import type { SyncProgress } from '../../shared/progress';
import type { EventBus } from './event-bus';

/** What a background sync reports when it ends. */
export interface SyncJobOutcome {
  runId: string;
  status: 'success' | 'error';
  recordCount: number | null;
  errorCode: string | null;
  errorMessage: string | null;
}

export type SyncJobRunner = (control: { signal: AbortSignal; onProgress: (event: SyncProgress) => void }) => Promise<SyncJobOutcome>;

interface ActiveJob {
  runId: string;
  kind: SyncProgress['kind'];
  startedAt: string;
  controller: AbortController;
  progress: SyncProgress | null;
}

/**
 * Syncs started from the UI run in the background of this process: start() resolves with the
 * run id as soon as the service has opened its erp_sync_log row (its first progress event), and
 * rejects when the service refuses to start (already running, Omie not configured). Progress
 * and the end are pushed on the event bus; cancel() aborts a run by id.
 */
export class SyncJobs {
  private readonly active = new Map<string, ActiveJob>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly events: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  start(kind: SyncProgress['kind'], run: SyncJobRunner): Promise<{ runId: string }> {
    const controller = new AbortController();
    return new Promise((resolve, reject) => {
      let job: ActiveJob | null = null;
      const onProgress = (event: SyncProgress) => {
        if (!job) {
          job = { runId: event.runId, kind, startedAt: new Date(this.now()).toISOString(), controller, progress: null };
          this.active.set(event.runId, job);
          resolve({ runId: event.runId });
        }
        job.progress = event;
        this.events.emit('sync:progress', event);
      };
      const done: Promise<void> = Promise.resolve()
        .then(() => run({ signal: controller.signal, onProgress }))
        .then(
        (outcome) => {
          this.finish(kind, outcome);
          if (!job) resolve({ runId: outcome.runId });
        },
        (error: unknown) => {
          const shape = toErrorShape(error);
          if (!job) return reject(error instanceof AppError ? error : new AppError(shape.code, shape.message));
          this.finish(kind, { runId: job.runId, status: 'error', recordCount: null, errorCode: shape.code, errorMessage: shape.message });
        },
      ).finally(() => this.running.delete(done));
      this.running.add(done);
    });
  }

  private finish(kind: SyncProgress['kind'], outcome: SyncJobOutcome): void {
    this.active.delete(outcome.runId);
    const code = ErrorCode.safeParse(outcome.errorCode);
    this.events.emit('sync:finished', {
      runId: outcome.runId,
      kind,
      status: outcome.status,
      errorCode: outcome.status === 'error' ? (code.success ? code.data : 'internal') : null,
      message: outcome.errorMessage,
      recordCount: outcome.recordCount,
    });
  }

  cancel(runId: string): boolean {
    const job = this.active.get(runId);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  /** The running job of a kind, if any, with its latest progress. */
  current(kind: SyncProgress['kind']): Omit<ActiveJob, 'controller'> | null {
    for (const job of this.active.values()) {
      if (job.kind === kind) return { runId: job.runId, kind: job.kind, startedAt: job.startedAt, progress: job.progress };
    }
    return null;
  }

  /** Cancels every run and waits for them to end (shutdown). */
  async stopAll(): Promise<void> {
    for (const job of this.active.values()) job.controller.abort();
    await Promise.allSettled([...this.running]);
  }
}
