import { type Kysely, Migrator, type MigrationResultSet, sql } from 'kysely';
import { migrations } from '../../../migrations/index';
import { AppError, toErrorShape } from '../../shared/errors';
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
  if (await upToDate(db, migrator)) return { applied: [], total: Object.keys(migrations).length };
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const shape = toErrorShape(result.error);
    if (shape.code === 'db_busy' || shape.code === 'db_unreachable') throw new AppError(shape.code, shape.message);
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new AppError('internal', `Migration ${failed ?? ''} failed: ${reason}`.replace(/\s+/g, ' '));
  }
  return {
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    total: Object.keys(migrations).length,
  };
}

/**
 * Every migration of the index ran and no other did: nothing to lock or write (another process may
 * hold SQLite's write lock for a while; reading still works). Anything else goes through the migrator.
 */
async function upToDate(db: Kysely<DB>, migrator: Migrator): Promise<boolean> {
  const known = await migrator.getMigrations();
  if (!known.every((m) => m.executedAt !== undefined)) return false;
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from kysely_migration`.execute(db);
  return Number(rows[0]?.n) === known.length;
}
