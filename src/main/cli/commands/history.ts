import type { Command } from 'commander';
import { formatBrasiliaDateTime } from '../../brasilia-time';
import { listSyncRuns, type SyncRunEntry } from '../../services/summary';
import { badInput, emit, fail, type GlobalOptions, withDb } from '../runtime';

/** `ness-data history [--limit N]`: sync runs (clients and revenue), newest first. */
export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('list sync runs, newest first')
    .option('--limit <n>', 'how many runs (1–1000)', '20')
    .action(async (own: { limit: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      try {
        const limit = Number(own.limit);
        if (!/^\d+$/.test(own.limit.trim()) || limit < 1 || limit > 1000) throw badInput(`--limit must be a whole number from 1 to 1000, got "${own.limit}"`);
        const runs = await withDb(options, (db) => listSyncRuns(db, { limit }));
        emit(options, { runs }, ({ runs: list }) => (list.length === 0 ? 'No sync has run yet.' : list.map(runLine).join('\n')));
      } catch (error) {
        fail(options, error);
      }
    });
}

function runLine(r: SyncRunEntry): string {
  const what = r.period ? `${r.kind} ${r.period}` : r.kind;
  const duration = r.durationMs === null ? '' : ` ${(r.durationMs / 1000).toFixed(1)} s`;
  const counts = r.kind === 'clients' ? ` · +${r.inserted} ~${r.updated} =${r.unchanged} skipped ${r.skipped}` : '';
  const who = r.host ? ` · ${r.user ?? '?'}@${r.host}` : '';
  const error = r.errorMessage ? ` · ${r.errorMessage}` : '';
  return `${formatBrasiliaDateTime(r.startedAt)}  ${what.padEnd(16)} ${r.status.padEnd(7)}${duration} · ${r.recordCount ?? 0} records${counts}${who}${error}`;
}
