import { type Kysely, PostgresAdapter } from 'kysely';

/**
 * What the storage underneath can do. This is the one place that looks at which
 * dialect a Kysely instance runs on; everything else asks for a capability.
 */
export interface Capabilities {
  /** Money columns hold integer cents (SQLite) instead of numeric(14,2) reais (Postgres). */
  moneyAsCents: boolean;
  /** Boolean columns are real booleans (Postgres) instead of 0/1 integers (SQLite). */
  nativeBooleans: boolean;
  /** Session advisory locks exist (Postgres); otherwise a lease row guards single runs. */
  advisoryLocks: boolean;
  /** Tables live in a named schema (Postgres search_path). */
  schemas: boolean;
  /** A write-ahead log whose checkpoint interval can be tuned for bulk writes (SQLite WAL). */
  walCheckpoints: boolean;
  /**
   * The engine runs on this thread (SQLite, its prepared statements cached): each statement and
   * commit holds the event loop while it works. Bulk writes then go row by row through one
   * prepared single-row statement (faster there than a multi-row VALUES list) and a sync groups
   * its pages into fewer commits. A server (Postgres) takes multi-row statements — one round
   * trip for many rows — and commits that cost the process nothing but the wait.
   */
  inProcess: boolean;
  /**
   * How to tell that nothing was written (db/data-version.ts): the server's write-ahead log
   * position (Postgres), or SQLite's data_version with this connection's change count.
   */
  changeMarker: 'wal-position' | 'data-version';
}

const POSTGRES: Capabilities = { moneyAsCents: false, nativeBooleans: true, advisoryLocks: true, schemas: true, walCheckpoints: false, inProcess: false, changeMarker: 'wal-position' };
const SQLITE: Capabilities = { moneyAsCents: true, nativeBooleans: false, advisoryLocks: false, schemas: false, walCheckpoints: true, inProcess: true, changeMarker: 'data-version' };

// biome-ignore lint: migrations receive Kysely<any>, services Kysely<DB>; both work here.
export function capabilitiesOf(db: Kysely<any>): Capabilities {
  return db.getExecutor().adapter instanceof PostgresAdapter ? POSTGRES : SQLITE;
}
