import { randomUUID } from 'node:crypto';
import type { Faker } from '@faker-js/faker';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { RawCliente } from '../omie-sim/index';

export interface HandMadeClients {
  /** Clients an analyst typed in with a document Omie does not know: they stay unlinked. */
  unlinked: string[];
  /** Typed in with the document of an Omie customer: the first clients sync links them. */
  toBeLinked: string[];
}

/** Clients created by hand before the first sync (the spec's clients table predates the Omie link). */
export async function seedHandMadeClients(db: Kysely<DB>, faker: Faker, omieClientes: readonly RawCliente[]): Promise<HandMadeClients> {
  const now = new Date().toISOString();
  const unlinked = Array.from({ length: 6 }, () => ({
    id: randomUUID(),
    name: faker.company.name(),
    document: faker.string.numeric(14),
    contact_email: faker.internet.email().toLowerCase(),
    omie_codigo: null,
    created_at: now,
  }));
  const customers = omieClientes.filter((c) => c.cnpj_cpf && (c.tags ?? []).some((t) => t.tag === 'Cliente'));
  const toBeLinked = faker.helpers.arrayElements(customers, Math.min(4, customers.length)).map((c) => ({
    id: randomUUID(),
    name: (c.nome_fantasia || c.razao_social).trim(),
    document: c.cnpj_cpf.replace(/\D/g, ''),
    contact_email: null,
    omie_codigo: null,
    created_at: now,
  }));
  await db.insertInto('clients').values([...unlinked, ...toBeLinked]).execute();
  return { unlinked: unlinked.map((c) => c.id), toBeLinked: toBeLinked.map((c) => c.id) };
}
