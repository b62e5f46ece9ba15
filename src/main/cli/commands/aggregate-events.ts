import type { Command } from 'commander';
import { isDay, isPeriod } from '../../../shared/period';
import { aggregateModuleEventsForPeriod } from '../../services/event-aggregates';
import { badInput, emit, fail, type GlobalOptions, withDb } from '../runtime';

export function registerAggregateEvents(program: Command): void {
  program
    .command('aggregate-events')
    .description('count module_events per (day, module, event_type) for a day or a month (Brasília days); re-running replaces')
    .argument('<day-or-month>', 'YYYY-MM-DD or YYYY-MM')
    .action(async (dayOrMonth: string, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      try {
        if (!isDay(dayOrMonth) && !isPeriod(dayOrMonth)) throw badInput(`Expected a day (YYYY-MM-DD) or a month (YYYY-MM), got "${dayOrMonth}".`);
        const outcome = await withDb(options, (db) => aggregateModuleEventsForPeriod(db, dayOrMonth));
        emit(options, outcome, (o) =>
          `Aggregated ${o.events} event(s) into ${o.rows} row(s) for ${o.from === o.to ? o.from : `${o.from} … ${o.to}`} (${o.days} day(s) replaced).`,
        );
      } catch (error) {
        fail(options, error);
      }
    });
}
