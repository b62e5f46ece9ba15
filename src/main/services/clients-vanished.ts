import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

const CODES_PER_UPDATE = 5000;

/**
 * After a complete (--full) read: clients whose omie_codigo Omie did not list are reported and
 * get `omie_missing_since` (kept from the first time they went missing). Nothing is deleted;
 * the next sync that sees the code again clears the mark.
 */
export async function markVanishedClients(db: Kysely<DB>, seen: ReadonlySet<string>, now: string): Promise<string[]> {
  const linked = await db.selectFrom('clients').select(['omie_codigo']).where('omie_codigo', 'is not', null).execute();
  const vanished = linked.map((r) => r.omie_codigo as string).filter((code) => !seen.has(code));
  vanished.sort();
  for (let i = 0; i < vanished.length; i += CODES_PER_UPDATE) {
    await db
      .updateTable('clients')
      .set({ omie_missing_since: now })
      .where('omie_codigo', 'in', vanished.slice(i, i + CODES_PER_UPDATE))
      .where('omie_missing_since', 'is', null)
      .execute();
  }
  return vanished;
}
