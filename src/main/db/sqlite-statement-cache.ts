import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { iterateRowObjects, rowObjectMaker } from './sqlite-row-objects';

/**
 * The parameters of many runs of one statement, passed to Kysely as the only parameter of a
 * CompiledQuery: the SQLite connection below runs the prepared statement once per row, in one
 * call, instead of paying Kysely's per-query round (≈4 µs a row, ~40 % of a bulk upsert's time).
 * Only for statements that return no rows, and only on the SQLite connection createDb opens
 * (executeBulk sends one only where capabilities.inProcess).
 */
export class RowBatch {
  constructor(readonly rows: readonly (readonly unknown[])[]) {}
}

/** The rows changed by all runs, and the last run's rowid (as a single run reports it). */
function runBatch(statement: Database.Statement, batch: RowBatch): Database.RunResult {
  const total: Database.RunResult = { changes: 0, lastInsertRowid: 0 };
  for (const row of batch.rows) {
    const { changes, lastInsertRowid } = statement.run(row);
    total.changes += changes;
    total.lastInsertRowid = lastInsertRowid;
  }
  return total;
}

/**
 * The statement Kysely gets: better-sqlite3's own, except that `run` also takes a RowBatch and
 * `iterate` (a streamed query's rows) makes its row objects in JS (sqlite-row-objects.ts).
 */
function batchable(statement: Database.Statement): SqliteStatement {
  let makeRow: ReturnType<typeof rowObjectMaker> | undefined;
  return {
    get reader() {
      return statement.reader;
    },
    all: (parameters) => (statement.reader ? statement.raw(false) : statement).all(parameters),
    iterate: (parameters) => {
      if (!statement.reader) return statement.iterate(parameters);
      if (makeRow === undefined) makeRow = rowObjectMaker(statement); // null (no maker) is kept too
      return makeRow ? iterateRowObjects(statement, parameters, makeRow) : statement.raw(false).iterate(parameters);
    },
    run: (parameters) => {
      const only = parameters.length === 1 ? parameters[0] : undefined;
      if (only instanceof RowBatch) {
        if (statement.reader) throw new Error('A RowBatch runs statements that return no rows.');
        return runBatch(statement, only);
      }
      return statement.run(parameters);
    },
  };
}

/**
 * Kysely's SQLite driver prepares every query anew; a sync runs the same few statements hundreds
 * of times (a 500-row upsert binds 5,000 parameters, and SQLite parses and plans it on each
 * prepare). This hands Kysely the connection with its prepared statements kept by SQL text, the
 * most recently used `size` of them. A statement still busy (an open iterator of a streamed
 * query) is never handed out twice: that call gets a fresh one.
 */
export function withStatementCache(sqlite: Database.Database, size = 64): SqliteDatabase {
  const cache = new Map<string, { statement: Database.Statement; handed: SqliteStatement }>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached && !cached.statement.busy) {
        cache.delete(sql); // re-inserted below: the map's order is recency
        cache.set(sql, cached);
        return cached.handed;
      }
      const statement = sqlite.prepare(sql);
      const handed = batchable(statement);
      if (!cached) {
        cache.set(sql, { statement, handed });
        if (cache.size > size) cache.delete(cache.keys().next().value as string);
      }
      return handed;
    },
  };
}
