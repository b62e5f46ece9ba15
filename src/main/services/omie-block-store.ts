import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { BlockStore } from '../omie/types';

const KEY_PREFIX = 'omie.blocked_until:';

/**
 * Where the end of an Omie 425 block is kept (app_state 'omie.blocked_until:<scope>', epoch ms),
 * so a restarted process — or another workstation on the same database — waits it out too.
 * The scope is a hash of the app key, never the key.
 */
export function appStateBlockStore(db: Kysely<DB>): BlockStore {
  return {
    async get(scope) {
      const row = await db.selectFrom('app_state').select('value').where('key', '=', KEY_PREFIX + scope).executeTakeFirst();
      const until = row ? Number(row.value) : Number.NaN;
      return Number.isFinite(until) ? until : null;
    },
    async set(scope, untilEpochMs) {
      const value = String(Math.trunc(untilEpochMs));
      const updatedAt = new Date().toISOString();
      await db
        .insertInto('app_state')
        .values({ key: KEY_PREFIX + scope, value, updated_at: updatedAt })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: updatedAt }))
        .execute();
    },
  };
}
