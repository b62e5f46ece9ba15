/** Shared pieces of the clients-sync tests: a simulator, deps whose Omie client talks HTTP to it, expectations from its records. */
import type { Kysely } from 'kysely';
import type { Clock } from '../../src/main/clock';
import type { DB } from '../../src/main/db/schema';
import { createOmieClient, forgetKnownBlocks, resetPacing } from '../../src/main/omie/index';
import { DEMO_APP_KEY, DEMO_APP_SECRET, type RawCliente } from '../../src/main/omie-sim/index';
import type { ServiceDeps } from '../../src/main/services/deps';
import { appStateBlockStore } from '../../src/main/services/omie-block-store';

export function simDeps(db: Kysely<DB>, simUrl: string, clock: Clock, pageSize = 500): ServiceDeps {
  resetPacing();
  forgetKnownBlocks();
  const omie = createOmieClient({
    appKey: DEMO_APP_KEY,
    appSecret: DEMO_APP_SECRET,
    baseUrl: simUrl,
    clock,
    pageSize,
    backoff: { baseMs: 10, capMs: 50 },
    blockStore: appStateBlockStore(db),
  });
  return { db, clock, omie: () => omie, actor: { host: 'test-host', user: 'tester' } };
}

export function tagsOf(raw: RawCliente): string[] {
  return (raw.tags ?? []).map((t) => t.tag);
}

/** The test's own rule: a customer is tagged Cliente, or carries no supplier/carrier tag at all. */
export function isCustomer(raw: RawCliente): boolean {
  const tags = tagsOf(raw);
  return tags.includes('Cliente') || !tags.some((t) => t === 'Fornecedor' || t === 'Transportadora');
}

export function customersOf(records: readonly RawCliente[]): RawCliente[] {
  return records.filter(isCustomer);
}

export function digits(text: string): string {
  return text.replace(/\D/g, '');
}

export function expectedName(raw: RawCliente): string {
  return raw.razao_social.trim() || raw.nome_fantasia.trim();
}

export async function resetTables(db: Kysely<DB>): Promise<void> {
  for (const table of ['erp_sync_skipped', 'erp_sync_log', 'clients', 'sync_cursors', 'sync_leases', 'app_state', 'module_events'] as const) {
    await db.deleteFrom(table).execute();
  }
}

export async function clientRows(db: Kysely<DB>) {
  return db.selectFrom('clients').selectAll().orderBy('omie_codigo').execute();
}
