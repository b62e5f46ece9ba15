import type { Command } from 'commander';
import { type ClientsSyncResult, syncOmieErp } from '../../services/clients-sync';
import type { GlobalOptions } from '../runtime';
import { runSyncCommand } from '../sync-command';

/**
 * The `sync` command group. `sync clients` lives here; other subcommands (e.g. `sync revenue`)
 * register themselves from their own file: `addSyncSubcommand((sync) => sync.command('revenue')…)`
 * at module load, before registerSync runs (program.ts imports them first).
 */
type SyncSubcommand = (sync: Command) => void;
const subcommands: SyncSubcommand[] = [registerSyncClients];

export function addSyncSubcommand(register: SyncSubcommand): void {
  subcommands.push(register);
}

export function registerSync(program: Command): Command {
  const sync = program.command('sync').description('bring data from Omie into the database');
  for (const register of subcommands) register(sync);
  for (const command of sync.commands) command.exitOverride();
  sync.exitOverride();
  return sync;
}

/** The --json document of `sync clients` (issue 4); `vanished` only with --full. */
function clientsSyncJson(result: ClientsSyncResult, full: boolean): Record<string, unknown> {
  const { runId, status, recordCount, inserted, updated, unchanged, skipped, pages, durationMs, errorMessage } = result;
  const doc: Record<string, unknown> = { runId, status, recordCount, inserted, updated, unchanged, skipped, pages, durationMs, errorMessage };
  if (full) doc.vanished = result.vanished;
  return doc;
}

function registerSyncClients(sync: Command): void {
  sync
    .command('clients')
    .description('sync Omie customers (ListarClientes) into clients; incremental unless --full')
    .option('--full', 're-read every customer and report the ones that vanished from Omie')
    .action(async (own: { full?: boolean }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { full?: boolean }>();
      const full = own.full === true;
      await runSyncCommand(options, (deps, control) => syncOmieErp(deps, { full, ...control }), {
        json: (result) => clientsSyncJson(result, full),
        human: (result) => humanSummary(result, full),
        failed: 'the sync failed',
      });
    });
}

function humanSummary(r: ClientsSyncResult, full: boolean): string {
  const lines = [
    `Clients sync ${r.status} (run ${r.runId}, ${(r.durationMs / 1000).toFixed(1)} s): ${r.recordCount} inserted or updated — ` +
      `${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} skipped, ${r.pages} page(s).`,
  ];
  if (full) {
    lines.push(
      r.vanished.length === 0
        ? 'No client vanished from Omie.'
        : `${r.vanished.length} client(s) no longer listed by Omie (kept, marked missing): ${r.vanished.slice(0, 20).join(', ')}${r.vanished.length > 20 ? ' …' : ''}`,
    );
  }
  return lines.join('\n');
}
