import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Kysely's SQLite driver prepares every query anew; a sync runs the same few statements hundreds
 * of times (a 500-row upsert binds 5,000 parameters, and SQLite parses and plans it on each
 * prepare). This hands Kysely the connection with its prepared statements kept by SQL text, the
 * most recently used `size` of them. A statement still busy (an open iterator of a streamed
 * query) is never handed out twice: that call gets a fresh one.
 */
export function withStatementCache(sqlite: Database.Database, size = 64): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        cache.delete(sql); // re-inserted below: the map's order is recency
        cache.set(sql, cached);
        return cached as unknown as SqliteStatement;
      }
      const statement = sqlite.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value as string);
      }
      return statement as unknown as SqliteStatement;
    },
  };
}
