import { type Kysely, sql } from 'kysely';
import { capabilitiesOf } from './capabilities';
import type { DB } from './schema';

/**
 * Filling an empty table in bulk without its secondary indexes, built once the rows are in.
 * Rows arriving in Omie's order land all over an index by name or by document: every insert
 * touches another page, and on SQLite every commit writes each page it touched again. Built after
 * the load, an index costs one sort. Measured on the bench's first sync of 100k clients (SQLite):
 * the database's share of the main thread went from ~3.4 to ~2.6 s and the sync from ~1.4× to
 * ~1.1–1.2× its floor; the two indexes take ~0.1 s to build.
 *
 * Only non-unique indexes are dropped: unique ones keep enforcing their constraint and serve the
 * load's own lookups. Their definitions are kept in app_state (`deferred_indexes:<table>`), written
 * in the transaction that drops them and deleted in the one that builds them again, so a process
 * that dies during the load leaves them to restoreDeferredIndexes (the next load calls it first).
 */
type Table = keyof DB & string;

interface SecondaryIndex {
  name: string;
  definition: string;
}

const stateKey = (table: Table) => `deferred_indexes:${table}`;

async function secondaryIndexes(db: Kysely<DB>, table: Table): Promise<SecondaryIndex[]> {
  const { rows } = capabilitiesOf(db).schemas
    ? await sql<SecondaryIndex>`select indexname as name, indexdef as definition from pg_indexes
        where schemaname = current_schema() and tablename = ${table} order by indexname`.execute(db)
    : await sql<SecondaryIndex>`select name, sql as definition from sqlite_master
        where type = 'index' and tbl_name = ${table} and sql is not null order by name`.execute(db);
  return rows.filter((index) => !/^\s*create\s+unique\s/i.test(index.definition));
}

/** The index's definition, harmless when it exists already. */
function ifNotExists(definition: string): string {
  return definition.replace(/^\s*create\s+index\s+(?!if\s+not\s+exists\s)/i, 'CREATE INDEX IF NOT EXISTS ');
}

/**
 * Runs `load` with the table's non-unique indexes dropped, and builds them again after it,
 * whether it succeeded or not. Meant for a table that is empty when the load begins (while it runs,
 * queries that used those indexes scan the table instead), under a lock that keeps a second load of
 * the same table out.
 */
export async function withSecondaryIndexesDeferred<T>(db: Kysely<DB>, table: Table, load: () => Promise<T>): Promise<T> {
  await restoreDeferredIndexes(db, table); // a dead load's indexes first: their definitions are only in app_state
  const indexes = await secondaryIndexes(db, table);
  if (indexes.length === 0) return load();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('app_state')
      .values({ key: stateKey(table), value: JSON.stringify(indexes.map((index) => index.definition)) })
      .execute();
    for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(trx);
  });
  try {
    return await load();
  } finally {
    await restoreDeferredIndexes(db, table);
  }
}

/** Builds the indexes a load dropped and did not build again (its process died). The number built. */
export async function restoreDeferredIndexes(db: Kysely<DB>, table: Table): Promise<number> {
  const row = await db.selectFrom('app_state').select('value').where('key', '=', stateKey(table)).executeTakeFirst();
  if (!row) return 0;
  const definitions = JSON.parse(row.value) as string[];
  await db.transaction().execute(async (trx) => {
    for (const definition of definitions) await sql.raw(ifNotExists(definition)).execute(trx);
    await trx.deleteFrom('app_state').where('key', '=', stateKey(table)).execute();
  });
  return definitions.length;
}
