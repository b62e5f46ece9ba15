import type { Command } from 'commander';
import { emit, fail, type GlobalOptions, withDb } from '../runtime';
import { migrateToLatest } from '../../db/migrator';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('create or bring the database schema up to date (also done on every start)')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      try {
        const outcome = await withDb(options, (db) => migrateToLatest(db), { migrate: false });
        emit(options, outcome, (o) =>
          o.applied.length > 0 ? `Applied ${o.applied.length} migration(s): ${o.applied.join(', ')}` : `Schema up to date (${o.total} migrations).`,
        );
      } catch (error) {
        fail(options, error);
      }
    });
}
