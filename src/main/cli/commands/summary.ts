import type { Command } from 'commander';
import { formatBrasiliaDateTime } from '../../brasilia-time';
import { type ErpSummary, getErpSummary } from '../../services/summary';
import { emit, fail, type GlobalOptions, withDb } from '../runtime';

/** `ness-data summary`: clients, clients linked to Omie, the last clients sync (spec §3). */
export function registerSummary(program: Command): void {
  program
    .command('summary')
    .description('how many clients, how many linked to Omie, and the last clients sync')
    .action(async (_own: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      try {
        const summary = await withDb(options, (db) => getErpSummary(db));
        emit(options, summary, humanSummary);
      } catch (error) {
        fail(options, error);
      }
    });
}

function humanSummary(s: ErpSummary): string {
  const lines = [`Clients: ${s.totalClients}`, `With Omie code: ${s.clientsWithOmie}`];
  const last = s.lastSync;
  if (!last) lines.push('Last sync: never');
  else {
    const count = last.recordCount === null ? '' : ` · ${last.recordCount} inserted or updated`;
    const error = last.errorMessage ? ` · ${last.errorMessage}` : '';
    lines.push(`Last sync: ${last.status} · started ${formatBrasiliaDateTime(last.startedAt)}${count}${error}`);
  }
  return lines.join('\n');
}
