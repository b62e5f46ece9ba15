import {
  type CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type MigrationLockOptions,
  type QueryResult,
  sql,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';

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

/**
 * The rows of a query, `chunkSize` at a time, stepped from the statement as they are consumed.
 * Kysely's own SQLite connection streams only query-builder selects, one row per chunk (an async
 * step per row); this streams any statement that returns rows, e.g. a `sql` template.
 */
async function* streamRows<R>(database: SqliteDatabase, query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error('chunkSize must be a whole number ≥ 1');
  const statement = database.prepare(query.sql);
  if (!statement.reader) throw new Error('Only a statement that returns rows can be streamed.');
  let rows: R[] = [];
  for (const row of statement.iterate(query.parameters)) {
    rows.push(row as R);
    if (rows.length === chunkSize) {
      yield { rows };
      rows = [];
    }
  }
  if (rows.length > 0) yield { rows };
}

/** Kysely's SqliteDriver (one connection behind a mutex) whose connection streams with streamRows. */
class StreamingSqliteDriver extends SqliteDriver {
  #streaming: DatabaseConnection | undefined;

  constructor(private readonly database: SqliteDatabase) {
    super({ database });
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    this.#streaming ??= {
      executeQuery: (query) => connection.executeQuery(query),
      streamQuery: (query, chunkSize = 1) => streamRows(this.database, query, chunkSize),
    };
    return this.#streaming;
  }
}

/** Kysely's SqliteDialect with the cross-process migration lock above and streams of any query. */
export class LockingSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SqliteDatabase) {
    super({ database });
  }

  override createDriver(): Driver {
    return new StreamingSqliteDriver(this.database);
  }

  override createAdapter(): DialectAdapter {
    return new LockingSqliteAdapter();
  }
}
