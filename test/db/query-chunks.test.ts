import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { queryInChunks } from '../../src/main/db/query-chunks';
import { describeBackends } from '../helpers/backends';

/** Seven rows on either backend: k 1..7, a bigint count and a date (each backend's own types). */
const sevenRows = sql<{ k: number; n: number; d: unknown }>`
  with recursive s(k) as (select 1 union all select k + 1 from s where k < 7)
  select k, count(*) over () as n, current_date as d from s order by k`;

async function collect<R>(chunks: AsyncGenerator<R[]>): Promise<R[][]> {
  const all: R[][] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

describeBackends('queryInChunks', (t) => {
  it('yields a sql template’s rows in order, chunkRows at a time, as execute returns them', async () => {
    const chunks = await collect(queryInChunks(t.db, sevenRows.compile(t.db), 3));
    expect(chunks.map((c) => c.length)).toEqual([3, 3, 1]);
    const streamed = chunks.flat();
    expect(streamed.map((r) => r.k)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(streamed.every((r) => r.n === 7)).toBe(true); // a bigint count read as a number on Postgres too
    expect(streamed).toEqual((await sevenRows.execute(t.db)).rows);
  });

  it('yields nothing for no rows, and one chunk when the rows fit', async () => {
    expect(await collect(queryInChunks(t.db, sql`select 1 as k where 1 = 0`.compile(t.db), 5))).toEqual([]);
    expect((await collect(queryInChunks(t.db, sevenRows.compile(t.db)))).map((c) => c.length)).toEqual([7]);
  });

  it('gives the connection back when the loop stops early or the query fails', async () => {
    for await (const chunk of queryInChunks(t.db, sevenRows.compile(t.db), 2)) {
      expect(chunk).toHaveLength(2);
      break;
    }
    await expect(collect(queryInChunks(t.db, sql`select * from no_such_table`.compile(t.db), 2))).rejects.toThrow(/no_such_table/);
    // SQLite has one connection: a query after both would wait forever had either kept it,
    // and a write would find it busy had the stopped statement been left open
    expect((await sql<{ one: number }>`select 1 as one`.execute(t.db)).rows).toEqual([{ one: 1 }]);
    await sql`update clients set name = name where 1 = 0`.execute(t.db);
  });

  it('refuses a chunk size that is not a whole number ≥ 1', async () => {
    await expect(collect(queryInChunks(t.db, sevenRows.compile(t.db), 0))).rejects.toThrow(/chunkSize/);
  });
});

describeBackends('queryInChunks row objects', (t) => {
  it('makes the objects execute makes: key order, repeated names, odd names, nulls and blobs', async () => {
    const odd = sql`select 2 as b, 'x' as a, null as "with space", 3 as b, X'0102' as "quo""te", 1.5 as "1"`;
    const [streamed] = await collect(queryInChunks(t.db, odd.compile(t.db)));
    const executed = (await odd.execute(t.db)).rows;
    expect(streamed).toEqual(executed);
    expect(Object.keys(streamed![0]!)).toEqual(Object.keys(executed[0]!));
    expect(Object.getPrototypeOf(streamed![0])).toBe(Object.prototype);
  });

  it('gives what execute gives for a column named __proto__', async () => {
    const proto = sql`select null as "__proto__", 2 as k`;
    const streamed = (await collect(queryInChunks(t.db, proto.compile(t.db)))).flat()[0] as Record<string, unknown>;
    const [executed] = (await proto.execute(t.db)).rows as Record<string, unknown>[];
    expect(Object.getOwnPropertyNames(streamed)).toEqual(Object.getOwnPropertyNames(executed));
    expect(Object.getPrototypeOf(streamed)).toBe(Object.getPrototypeOf(executed));
    expect(streamed.k).toBe(2);
  });

  it('leaves the same statement run with execute making its own objects', async () => {
    await collect(queryInChunks(t.db, sevenRows.compile(t.db), 2));
    const executed = (await sevenRows.execute(t.db)).rows;
    expect(executed.map((r) => r.k)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Array.isArray(executed[0])).toBe(false);
  });
});
