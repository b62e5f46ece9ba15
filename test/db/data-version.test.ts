/**
 * dataVersion: the marker moves when this process writes and when another connection does; on
 * SQLite, where nothing else shares the file, it stays put while nobody writes.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/main/db/create-db';
import { dataVersion } from '../../src/main/db/data-version';
import type { DB } from '../../src/main/db/schema';
import { describeBackends } from '../helpers/backends';

const addClient = (db: Kysely<DB>) => db.insertInto('clients').values({ id: randomUUID(), name: 'Cliente', document: null, omie_codigo: null }).execute();

describeBackends('dataVersion', (t) => {
  it('moves after a write through this connection', async () => {
    const before = await dataVersion(t.db);
    expect(before).not.toBeNull();
    await addClient(t.db);
    expect(await dataVersion(t.db)).not.toBe(before);
  });

  it('moves after a write committed by another connection', async () => {
    const other = await createDb(t.url);
    try {
      const before = await dataVersion(t.db);
      await addClient(other);
      expect(await dataVersion(t.db)).not.toBe(before);
    } finally {
      await other.destroy();
    }
  });

  if (t.backend === 'sqlite') {
    describe('with nobody writing', () => {
      it('stays put, reads included', async () => {
        const before = await dataVersion(t.db);
        await t.db.selectFrom('clients').select('id').execute();
        expect(await dataVersion(t.db)).toBe(before);
      });
    });
  }
});
