import type { SyncProgress } from '../../shared/progress';
import type { Clock } from '../clock';
import type { OmieProgress } from '../omie/types';

/**
 * Turns a run's pages and the Omie client's waits into SyncProgress events, with an ETA from the
 * pace so far. A listener that throws never breaks the run.
 */
export interface ProgressReporter {
  starting(): void;
  /** After a page was committed. */
  page(page: number, totalPages: number | null, records: number, totalRecords: number | null): void;
  /** The client's own progress: forwarded as `waiting` when Omie (or pacing/backoff) makes us wait. */
  fromClient(progress: OmieProgress): void;
  finished(status: 'success' | 'error', message?: string): void;
}

export function progressReporter(runId: string, kind: SyncProgress['kind'], clock: Clock, listener?: (event: SyncProgress) => void): ProgressReporter {
  const startedAt = clock.now();
  let last: Omit<SyncProgress, 'runId' | 'kind' | 'phase' | 'wait' | 'etaMs'> = { page: 0, totalPages: null, records: 0, totalRecords: null };
  let etaMs: number | null = null;
  const send = (phase: SyncProgress['phase'], extra: Partial<SyncProgress> = {}) => {
    if (!listener) return;
    try {
      listener({ runId, kind, phase, ...last, etaMs, wait: null, ...extra });
    } catch {
      // a broken listener must not fail the sync
    }
  };
  return {
    starting: () => send('starting'),
    page(page, totalPages, records, totalRecords) {
      last = { page, totalPages, records, totalRecords };
      const elapsed = clock.now() - startedAt;
      etaMs = totalPages !== null && page > 0 ? Math.max(0, Math.round((elapsed / page) * (totalPages - page))) : null;
      send('fetching');
    },
    fromClient(progress) {
      if (!progress.wait) return;
      send('waiting', { wait: { ms: progress.wait.ms, until: progress.wait.until, reason: progress.wait.reason } });
    },
    finished(status, message) {
      etaMs = 0;
      send('finished', { status, ...(message === undefined ? {} : { message }) });
    },
  };
}
