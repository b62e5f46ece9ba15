import type { Command } from 'commander';
import { isPeriod } from '../../../shared/period';
import { computeDataIndices } from '../../services/data-indices';
import { badInput, emit, fail, type GlobalOptions, withDb } from '../runtime';

export function registerComputeIndices(program: Command): void {
  program
    .command('compute-indices')
    .description('compute leads_mes, contratos_ativos and mrr_total for a month into data_indices')
    .argument('<month>', 'YYYY-MM')
    .action(async (period: string, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      try {
        if (!isPeriod(period)) throw badInput(`Expected a month (YYYY-MM), got "${period}".`);
        const outcome = await withDb(options, (db) => computeDataIndices(db, period));
        emit(options, outcome, (o) => [`Indices for ${o.period}:`, ...o.indices.map((i) => `  ${i.indexKey.padEnd(17)} ${i.value}`)].join('\n'));
      } catch (error) {
        fail(options, error);
      }
    });
}
