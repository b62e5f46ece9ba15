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
   * The engine runs in-process with its prepared statements cached (SQLite): bulk writes go
   * row by row through one prepared single-row statement, which SQLite runs faster than the
   * same rows as one multi-row VALUES list. A server (Postgres) takes multi-row statements,
   * one round trip for many rows.
   */
  rowAtATimeWrites: boolean;
}

const POSTGRES: Capabilities = { moneyAsCents: false, nativeBooleans: true, advisoryLocks: true, schemas: true, walCheckpoints: false, rowAtATimeWrites: false };
const SQLITE: Capabilities = { moneyAsCents: true, nativeBooleans: false, advisoryLocks: false, schemas: false, walCheckpoints: true, rowAtATimeWrites: true };

// biome-ignore lint: migrations receive Kysely<any>, services Kysely<DB>; both work here.
export function capabilitiesOf(db: Kysely<any>): Capabilities {
  return db.getExecutor().adapter instanceof PostgresAdapter ? POSTGRES : SQLITE;
}
