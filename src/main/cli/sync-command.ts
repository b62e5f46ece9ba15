import type { ServiceDeps } from '../services/deps';
import { cliServiceDeps } from './omie-deps';
import { type ProgressPrinter, progressPrinter } from './progress';
import { emit, fail, type GlobalOptions, withDb } from './runtime';

/** What a sync service's result tells the command about how the run ended. */
interface SyncOutcome {
  status: 'success' | 'error';
  errorMessage: string | null;
}

export interface SyncCommandOutput<R> {
  /** The --json document. */
  json(result: R): unknown;
  /** The human summary. */
  human(result: R): string;
  /** Said on stderr when the run ended in error without a message of its own. */
  failed: string;
}

/**
 * Runs a sync service for a `sync …` command: progress on stderr, Ctrl-C cancels the run (which then
 * ends as `error`), the result printed by emit; a run that ended in error exits 1 with its message on
 * stderr; a thrown error (already running, no keys, bad input) goes through fail.
 */
export async function runSyncCommand<R extends SyncOutcome>(
  options: GlobalOptions,
  run: (deps: ServiceDeps, control: { signal: AbortSignal; onProgress: ProgressPrinter }) => Promise<R>,
  output: SyncCommandOutput<R>,
): Promise<void> {
  const printer = progressPrinter();
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  try {
    const result = await withDb(options, (db) =>
      run(cliServiceDeps(db, (line) => process.stderr.write(`${line}\n`)), { signal: stop.signal, onProgress: printer }),
    );
    printer.close();
    emit(options, output.json(result), () => output.human(result));
    if (result.status === 'error') {
      if (!options.json) process.stderr.write(`ness-data: ${result.errorMessage ?? output.failed}\n`);
      process.exitCode = 1;
    }
  } catch (error) {
    printer.close();
    fail(options, error);
  } finally {
    process.off('SIGINT', onSignal);
  }
}
