import { type Kysely, sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { capabilitiesOf } from '../../src/main/db/capabilities';
import { restoreDeferredIndexes, withSecondaryIndexesDeferred } from '../../src/main/db/deferred-indexes';
import type { DB } from '../../src/main/db/schema';
import { describeBackends } from '../helpers/backends';
import { DEFERRED_CLIENT_INDEXES as DEFERRED, indexesOf } from '../helpers/indexes';

const clientIndexes = (db: Kysely<DB>) => indexesOf(db, 'clients');

const KEY = 'deferred_indexes:clients';

async function stateOf(db: Kysely<DB>): Promise<string[] | null> {
  const row = await db.selectFrom('app_state').select('value').where('key', '=', KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as string[]) : null;
}

/** What a load's process leaves when it dies before building the indexes again. */
async function leaveAsADeadLoadWould(db: Kysely<DB>): Promise<void> {
  let left: string[] = [];
  await withSecondaryIndexesDeferred(db, 'clients', async () => {
    left = (await stateOf(db)) ?? [];
  });
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('app_state').values({ key: KEY, value: JSON.stringify(left) }).execute();
    for (const name of DEFERRED) await sql`drop index ${sql.id(name)}`.execute(trx);
  });
}

describeBackends('withSecondaryIndexesDeferred', (t) => {
  let all: string[];

  beforeEach(async () => {
    await restoreDeferredIndexes(t.db, 'clients');
    await t.db.deleteFrom('clients').execute();
    all = await clientIndexes(t.db);
    expect(all).toEqual(expect.arrayContaining([...DEFERRED, 'clients_omie_codigo_key']));
  });

  it('loads without the non-unique indexes and builds them again after; the definitions are kept meanwhile', async () => {
    const during = await withSecondaryIndexesDeferred(t.db, 'clients', async () => {
      await t.db
        .insertInto('clients')
        .values([
          { id: '00000000-0000-7000-8000-000000000001', name: 'Zeta Ltda', document: '11222333000181', omie_codigo: '1' },
          { id: '00000000-0000-7000-8000-000000000002', name: 'Alfa Ltda', document: '99888777000166', omie_codigo: '2' },
        ])
        .execute();
      return { indexes: await clientIndexes(t.db), state: await stateOf(t.db) };
    });
    expect(during.indexes).toEqual(all.filter((name) => !DEFERRED.includes(name)));
    expect(during.state).toHaveLength(2);
    expect(during.state!.join('\n')).toMatch(/clients_document_idx[\s\S]*clients_name_id_idx/);
    expect(await clientIndexes(t.db)).toEqual(all);
    expect(await stateOf(t.db)).toBeNull();
    // the indexes built after the load hold the rows loaded without them (SQLite checks each index against its table)
    if (!capabilitiesOf(t.db).schemas) expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(t.db)).rows).toEqual([{ integrity_check: 'ok' }]);
  });

  it('builds them again when the load fails, and the failure comes through', async () => {
    const failing = withSecondaryIndexesDeferred(t.db, 'clients', async () => {
      throw new Error('Omie went away');
    });
    await expect(failing).rejects.toThrow('Omie went away');
    expect(await clientIndexes(t.db)).toEqual(all);
    expect(await stateOf(t.db)).toBeNull();
  });

  it('restoreDeferredIndexes builds what a dead load left dropped, once', async () => {
    await leaveAsADeadLoadWould(t.db);
    expect(await clientIndexes(t.db)).toEqual(all.filter((name) => !DEFERRED.includes(name)));
    expect(await restoreDeferredIndexes(t.db, 'clients')).toBe(2);
    expect(await clientIndexes(t.db)).toEqual(all);
    expect(await stateOf(t.db)).toBeNull();
    expect(await restoreDeferredIndexes(t.db, 'clients')).toBe(0);
  });

  it("a load after a dead one keeps the dead one's definitions and builds every index at its end", async () => {
    await leaveAsADeadLoadWould(t.db);
    const state = await withSecondaryIndexesDeferred(t.db, 'clients', () => stateOf(t.db));
    expect(state).toHaveLength(2);
    expect(await clientIndexes(t.db)).toEqual(all);
    expect(await stateOf(t.db)).toBeNull();
  });
});
