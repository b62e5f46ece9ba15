import { Command, CommanderError, Option } from 'commander';
import { defaultDbUrl } from '../paths';
import { registerMigrate } from './commands/migrate';
import { registerOmieSim } from './commands/omie-sim';
import { registerSync } from './commands/sync';
import './commands/sync-revenue';
import { registerMonthClose } from './commands/month-close';
import { registerSummary } from './commands/summary';
import { registerHistory } from './commands/history';
import { registerAggregateEvents } from './commands/aggregate-events';
import { registerComputeIndices } from './commands/compute-indices';
import { registerRunDue } from './commands/run-due';
import { registerImport } from './commands/import';
import { registerServe } from './commands/serve';
import { registerDemo } from './commands/demo';
import { registerReconcile } from './commands/reconcile';
import { fail, type GlobalOptions } from './runtime';

/** The `ness-data` program: global options plus one register function per command. */
function buildProgram(): Command {
  const program = new Command('ness-data')
    .description('ness.DATA console: Omie ERP mirror, faturamento snapshots and MRR reconciliation.')
    .addOption(new Option('--db <url>', 'database URL: sqlite:PATH, sqlite::memory: or postgres://…').env('NESS_DATA_DB'))
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', `\nDefault database: ${defaultDbUrl()}\nOmie: OMIE_APP_KEY, OMIE_APP_SECRET, OMIE_BASE_URL\nExit codes: 0 done, 1 failed, 2 bad usage.`)
    .showSuggestionAfterError(true)
    .exitOverride();
  registerMigrate(program);
  registerOmieSim(program);
  registerSync(program);
  registerMonthClose(program);
  registerSummary(program);
  registerHistory(program);
  registerAggregateEvents(program);
  registerComputeIndices(program);
  registerRunDue(program);
  registerImport(program);
  registerServe(program);
  registerDemo(program);
  registerReconcile(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI; usage errors exit 2 with one line, failures 1. */
export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        process.exitCode = 0;
        return;
      }
      const options = program.opts<GlobalOptions>();
      if (options.json) process.stdout.write(`${JSON.stringify({ error: { code: 'bad_input', message: error.message.replace(/^error: /, '') } })}\n`);
      process.exitCode = 2;
      return;
    }
    fail(program.opts<GlobalOptions>(), error);
  }
}
