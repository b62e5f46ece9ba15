import type { SyncProgress } from '../../shared/progress';

/**
 * Sync progress on stderr (never stdout, which belongs to --json): a redrawn bar when stderr is a
 * terminal, one plain line per event otherwise (logs, CI, a parent process reading the pipe).
 */
export interface ProgressPrinter {
  (event: SyncProgress): void;
  /** Ends the bar's line (call once when the run is over). */
  close(): void;
}

interface Output {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const BAR_WIDTH = 24;

export function progressPrinter(out: Output = process.stderr): ProgressPrinter {
  const tty = out.isTTY === true;
  let drawn = false;
  const printer = ((event: SyncProgress) => {
    if (tty && event.phase !== 'finished') {
      const line = barLine(event).slice(0, Math.max(20, (out.columns ?? 100) - 1));
      out.write(`\r\x1b[2K${line}`);
      drawn = true;
      return;
    }
    if (drawn) {
      out.write('\n');
      drawn = false;
    }
    out.write(`${plainLine(event)}\n`);
  }) as ProgressPrinter;
  printer.close = () => {
    if (drawn) out.write('\n');
    drawn = false;
  };
  return printer;
}

function plainLine(e: SyncProgress): string {
  const what = `sync ${e.kind}`;
  switch (e.phase) {
    case 'starting':
      return `${what}: starting (run ${e.runId})`;
    case 'fetching':
      return `${what}: page ${e.page}/${e.totalPages ?? '?'} · ${e.records}${e.totalRecords !== null ? `/${e.totalRecords}` : ''} records${eta(e)}`;
    case 'waiting':
      return `${what}: ${waitText(e)}`;
    case 'finished':
      return `${what}: ${e.status ?? 'finished'}${e.message ? ` — ${e.message}` : ''}`;
  }
}

function barLine(e: SyncProgress): string {
  const fraction = e.totalPages ? Math.min(1, e.page / e.totalPages) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  const tail = e.phase === 'waiting' ? ` · ${waitText(e)}` : eta(e);
  return `${bar} page ${e.page}/${e.totalPages ?? '?'} · ${e.records} records${tail}`;
}

/** Waits Omie itself asked for; the others are our own backoff or pacing. */
const OMIE_ASKED = new Set(['redundant', 'duplicate', 'method_lock', 'rate_limit']);

function waitText(e: SyncProgress): string {
  if (!e.wait) return 'waiting';
  const seconds = Math.max(1, Math.ceil(e.wait.ms / 1000));
  return OMIE_ASKED.has(e.wait.reason) ? `Omie asked to wait ${seconds} s (${e.wait.reason})` : `retrying in ${seconds} s (${e.wait.reason})`;
}

function eta(e: SyncProgress): string {
  if (e.etaMs === null || e.phase !== 'fetching' || e.page === e.totalPages) return '';
  return ` · ~${Math.max(1, Math.round(e.etaMs / 1000))} s left`;
}
