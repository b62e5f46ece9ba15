import type { Command } from 'commander';
import { type JobRunResult, runDueJobs } from '../../services/scheduler';
import { cliServiceDeps } from '../omie-deps';
import { emit, fail, type GlobalOptions, withDb } from '../runtime';

/** For the OS scheduler (cron, Task Scheduler, launchd): runs every job occurrence that is due, once. */
export function registerRunDue(program: Command): void {
  program
    .command('run-due')
    .description('run the scheduled jobs that are due (revenue snapshot, event aggregation, indices), catching up missed runs')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      try {
        const results = await withDb(options, (db) => {
          const deps = cliServiceDeps(db, (line) => process.stderr.write(`${line}\n`));
          return runDueJobs(deps, {
            onJobFinished: (r) => {
              if (options.json) process.stderr.write(`${r.job} ${r.dueKey}: ${r.status}\n`);
            },
          });
        });
        emit(options, { ran: results }, (o) => describe(o.ran));
        if (results.some((r) => r.status === 'error')) process.exitCode = 1;
      } catch (error) {
        fail(options, error);
      }
    });
}

function describe(results: JobRunResult[]): string {
  if (results.length === 0) return 'Nothing due.';
  return results.map((r) => `${r.status === 'success' ? 'ok   ' : 'ERROR'} ${r.job} ${r.dueKey}: ${r.message}`).join('\n');
}
