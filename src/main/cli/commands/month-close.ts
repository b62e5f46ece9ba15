import type { Command } from 'commander';
import { isPeriod } from '../../../shared/period';
import { formatBrasiliaDateTime } from '../../brasilia-time';
import { currentActor } from '../../services/deps';
import { closeMonth, type MonthState, reopenMonth } from '../../services/month-close';
import { badInput, emit, fail, type GlobalOptions, withDb } from '../runtime';

/** `ness-data close-month YYYY-MM` and `ness-data reopen-month YYYY-MM`. */
export function registerMonthClose(program: Command): void {
  monthCommand(program, 'close-month', 'close a month: its snapshot then changes only with sync revenue --force', (db, period) =>
    closeMonth(db, period, currentActor()),
  );
  monthCommand(program, 'reopen-month', 'reopen a closed month', (db, period) => reopenMonth(db, period));
}

function monthCommand(
  program: Command,
  name: string,
  description: string,
  run: (db: Parameters<Parameters<typeof withDb>[1]>[0], period: string) => Promise<MonthState>,
): void {
  program
    .command(name)
    .description(description)
    .argument('<month>', 'YYYY-MM')
    .action(async (period: string, _own: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      try {
        if (!isPeriod(period)) throw badInput(`Expected a month (YYYY-MM), got "${period}".`);
        const state = await withDb(options, (db) => run(db, period));
        emit(options, { period: state.period, closed: state.closedAt !== null, closedAt: state.closedAt, closedBy: state.closedBy }, (s) =>
          s.closedAt ? `Month ${s.period} is closed (since ${formatBrasiliaDateTime(s.closedAt)}, by ${s.closedBy ?? 'unknown'}).` : `Month ${s.period} is open.`,
        );
      } catch (error) {
        fail(options, error);
      }
    });
}
