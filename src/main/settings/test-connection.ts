import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import type { CallOutput } from '../../shared/contract';
import { AppError, toErrorShape } from '../../shared/errors';
import { createDb } from '../db/create-db';
import { describeDatabase } from './database-info';

/**
 * "Testar conexão": opens the database a URL names, asks it one question and closes it.
 * A SQLite file that does not exist yet is not created (its directory must exist).
 */
export async function testDatabaseConnection(url: string): Promise<CallOutput<'settings:test-connection'>> {
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(url)) {
    return { reachable: false, database: null, error: { code: 'db_config', message: 'Use sqlite:PATH or postgres://user@host:port/database.' } };
  }
  const database = describeDatabase(url);
  try {
    if (database.kind === 'sqlite' && url !== 'sqlite::memory:' && !existsSync(database.location)) {
      if (!existsSync(dirname(database.location))) throw new AppError('db_config', `The directory ${dirname(database.location)} does not exist.`);
      return { reachable: true, database, error: null };
    }
    const db = await createDb(url);
    try {
      await sql`select 1`.execute(db);
    } finally {
      await db.destroy();
    }
    return { reachable: true, database, error: null };
  } catch (error) {
    return { reachable: false, database, error: toErrorShape(error) };
  }
}
