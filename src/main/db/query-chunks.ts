import type { CompiledQuery, Kysely } from 'kysely';
import type { DB } from './schema';

/** Rows per chunk unless asked otherwise: ~100 awaits for a 100k-row month, few rows held at once. */
const DEFAULT_CHUNK_ROWS = 1000;

/**
 * A query's rows in chunks, read as they are consumed (SQLite steps its statement, Postgres reads
 * a cursor), for results too big to want all of them in memory twice, raw and converted.
 * SQLite has one connection: it stays taken until the loop ends, so the loop's body must not
 * await another query on the same database.
 */
export async function* queryInChunks<R>(db: Kysely<DB>, query: CompiledQuery<R>, chunkRows = DEFAULT_CHUNK_ROWS): AsyncGenerator<R[]> {
  for await (const result of db.getExecutor().stream(query, chunkRows)) yield result.rows;
}
