/**
 * executeBulk on each backend (SQLite: RowBatches of the prepared one-row statement, a slice of rows
 * per turn of the event loop; Postgres: the unnest form, one array per column): awkward text
 * survives both, nulls stay null, booleans and instants keep their values, an upsert updates in
 * place, every row of several slices is written, and a statement with a constant parameter is refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codecsFor } from '../../src/main/db/codecs';
import { unnestColumn } from '../../src/main/db/postgres-unnest';
import { executeBulk } from '../../src/main/services/bulk-statement';
import { backendNames, freshDatabase, type TestDatabase } from '../helpers/backends';

const AWKWARD = ['Padaria "Pão, Queijo & Cia"', 'chaves {a,b}', 'barra \\ invertida', "aspas 'simples'", 'NULL', '', '  espaços  ', 'ção ü 漢字 😀'];

describe.each(backendNames())('executeBulk [%s]', (backend) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(backend);
  });
  afterEach(async () => {
    await t.drop();
  });

  function upsert(rows: ReturnType<typeof clientRow>[]) {
    const { db } = t;
    return executeBulk(db, 'test.clients.upsert', rows, (chunk) =>
      db
        .insertInto('clients')
        .values(chunk)
        .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), omie_inativo: eb.ref('excluded.omie_inativo') }))),
    );
  }

  function clientRow(i: number, name: string) {
    return {
      id: `0190aaaa-aaaa-7000-8000-${String(i).padStart(12, '0')}`,
      name,
      document: i % 2 === 0 ? null : `1234567890${i}`,
      omie_codigo: String(1000 + i),
      omie_inativo: codecsFor(t.db).boolToDb(i % 3 === 0),
      omie_altered_at: i % 2 === 0 ? '2024-02-29T23:59:59.000Z' : null,
    };
  }

  it('stores every row exactly, and updates in place on conflict', async () => {
    await upsert(AWKWARD.map((name, i) => clientRow(i, name)));
    await upsert([clientRow(1, 'renamed'), clientRow(AWKWARD.length, 'new')]);
    const { boolFromDb } = codecsFor(t.db);
    const stored = await t.db.selectFrom('clients').select(['id', 'name', 'document', 'omie_codigo', 'omie_inativo', 'omie_altered_at']).orderBy('omie_codigo').execute();
    const expected = [...AWKWARD.map((name, i) => clientRow(i, i === 1 ? 'renamed' : name)), clientRow(AWKWARD.length, 'new')];
    expect(stored.map((r) => ({ ...r, omie_inativo: boolFromDb(r.omie_inativo), omie_altered_at: r.omie_altered_at && new Date(r.omie_altered_at).toISOString() }))).toEqual(
      expected.map((r) => ({ ...r, omie_inativo: boolFromDb(r.omie_inativo) })),
    );
  });

  it('writes a few hundred rows; on SQLite in slices, with other work let in between', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => clientRow(i, `Cliente ${i}`));
    const count = async () => Number((await t.db.selectFrom('clients').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const writing = upsert(rows);
    // SQLite runs on this thread: work waiting for a turn runs once the first slice is in
    const midway = new Promise<number>((resolve, reject) => setImmediate(() => count().then(resolve, reject)));
    await writing;
    expect(await count()).toBe(rows.length);
    const seen = await midway;
    if (backend === 'sqlite') expect(seen).toBe(100);
  });

  it('refuses a statement with a parameter that is no row column', async () => {
    const { db } = t;
    const build = (chunk: ReturnType<typeof clientRow>[]) => db.insertInto('clients').values(chunk).onConflict((oc) => oc.column('id').doUpdateSet({ name: 'constant' }));
    await expect(executeBulk(db, 'test.constant', [clientRow(1, 'x')], build)).rejects.toThrow(/must be a row's column/);
  });
});

describe('unnestColumn (the Postgres array literal of one column)', () => {
  it('quotes every value, escapes backslashes and double quotes, writes NULL for null and undefined', () => {
    const rows = [{ v: 'a"b\\c' }, { v: null }, {}, { v: 12.5 }, { v: 10n ** 20n }, { v: false }, { v: '' }];
    expect(unnestColumn(rows, 'v')).toBe('{"a\\"b\\\\c",NULL,NULL,"12.5","100000000000000000000","false",""}');
  });

  it('a column with any other kind of value goes as an array, for node-postgres to convert', () => {
    const at = new Date('2026-11-01T00:00:00Z');
    expect(unnestColumn([{ v: 'x' }, { v: at }, {}], 'v')).toEqual(['x', at, null]);
  });
});
