import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb } from '../../src/main/db/create-db';
import type { DB } from '../../src/main/db/schema';
import { RowBatch } from '../../src/main/db/sqlite-statement-cache';

describe('RowBatch on the SQLite connection of createDb', () => {
  let db: Kysely<DB>;
  beforeEach(async () => {
    db = await createDb(`sqlite:${join(mkdtempSync(join(tmpdir(), 'ness-batch-')), 'x.sqlite')}`);
    await sql`create table t (k integer primary key, v text not null)`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
  });

  const upsert = 'insert into t (k, v) values (?, ?) on conflict (k) do update set v = excluded.v where v <> excluded.v';

  it('runs the statement once per row, in order, and reports the rows changed and the last rowid', async () => {
    const first = await db.executeQuery(CompiledQuery.raw(upsert, [new RowBatch([[1, 'a'], [2, 'b'], [3, 'c']])]));
    expect(first.numAffectedRows).toBe(3n);
    expect(first.insertId).toBe(3n); // the last run's rowid
    // the same key twice: the later row wins; an unchanged row changes nothing
    const second = await db.executeQuery(CompiledQuery.raw(upsert, [new RowBatch([[2, 'x'], [2, 'y'], [3, 'c']])]));
    expect(second.numAffectedRows).toBe(2n);
    const rows = await sql<{ k: number; v: string }>`select k, v from t order by k`.execute(db);
    expect(rows.rows).toEqual([{ k: 1, v: 'a' }, { k: 2, v: 'y' }, { k: 3, v: 'c' }]);
  });

  it('is all or nothing inside a transaction when one row fails', async () => {
    const failing = db.transaction().execute(async (trx) => {
      await trx.executeQuery(CompiledQuery.raw('insert into t (k, v) values (?, ?)', [new RowBatch([[1, 'a'], [2, null]])]));
    });
    await expect(failing).rejects.toThrow(/NOT NULL/);
    expect((await sql`select count(*) as n from t`.execute(db)).rows).toEqual([{ n: 0 }]);
  });

  it('refuses a statement that returns rows, and a plain query still binds its own parameters', async () => {
    await expect(db.executeQuery(CompiledQuery.raw('select k from t where k = ?', [new RowBatch([[1]])]))).rejects.toThrow();
    await db.executeQuery(CompiledQuery.raw('insert into t (k, v) values (?, ?)', [7, 'seven']));
    expect((await db.executeQuery(CompiledQuery.raw('select v from t where k = ?', [7]))).rows).toEqual([{ v: 'seven' }]);
  });
});
