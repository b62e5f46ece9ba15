import { type DialectAdapter, type Kysely, type MigrationLockOptions, sql, SqliteAdapter, SqliteDialect } from 'kysely';

/**
 * Kysely's SQLite adapter takes no migration lock ("one connection"), but two processes can open
 * the same file — two CLIs, or the desktop app and `ness-data migrate` starting at once — and then
 * both see the same pending migrations and both run them (the second fails on kysely_migration).
 * This adapter takes SQLite's write lock (BEGIN IMMEDIATE, waiting out the busy timeout) before
 * the migrator reads what is pending, and holds it until the migrator is done: the second process
 * waits, then finds nothing left to do. The migrations of one run are also committed together.
 */
class LockingSqliteAdapter extends SqliteAdapter {
  override async acquireMigrationLock(db: Kysely<unknown>, _options: MigrationLockOptions): Promise<void> {
    await sql`begin immediate`.execute(db);
  }

  override async releaseMigrationLock(db: Kysely<unknown>, _options: MigrationLockOptions): Promise<void> {
    try {
      await sql`commit`.execute(db);
    } catch {
      await sql`rollback`.execute(db).catch(() => {});
    }
  }
}

/** Kysely's SqliteDialect with the cross-process migration lock above. */
export class LockingSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new LockingSqliteAdapter();
  }
}
