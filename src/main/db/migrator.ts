import { type Kysely, Migrator, type MigrationResultSet, sql } from 'kysely';
import { migrations } from '../../../migrations/index';
import { AppError } from '../../shared/errors';
import { capabilitiesOf } from './capabilities';
import type { DB } from './schema';

export interface MigrateOutcome {
  applied: string[];
  total: number;
}

/** Runs every pending migration of the static index, under Kysely's migration lock. */
export async function migrateToLatest(db: Kysely<DB>): Promise<MigrateOutcome> {
  const schema = capabilitiesOf(db).schemas
    ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
    : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema,
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new AppError('internal', `Migration ${failed ?? ''} failed: ${reason}`.replace(/\s+/g, ' '));
  }
  return {
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    total: Object.keys(migrations).length,
  };
}
