import { type Kysely, sql } from 'kysely';
import { codecsFor } from '../db/codecs';
import type { DB } from '../db/schema';

/**
 * The Clientes page's read: clients ordered by name (then id, so pages never overlap), filtered
 * by "linked to Omie or not" and by a search text. The search matches a substring of the name or
 * e-mail (case-insensitive; `%` and `_` in it are literal characters), an exact omie_codigo, or —
 * when it holds 3 digits or more — a substring of the document's digits.
 */
export interface ClientsQuery {
  search?: string;
  /** true: only clients with an omie_codigo; false: only clients without; null/absent: all. */
  withOmie?: boolean | null;
  limit: number;
  offset: number;
}

export interface ClientListRow {
  id: string;
  name: string;
  document: string | null;
  contactEmail: string | null;
  omieCodigo: string | null;
  omieInativo: boolean;
  createdAt: string;
  updatedAt: string | null;
  /** A full sync did not see this Omie customer since then. */
  missingSince: string | null;
}

export interface ClientsPage {
  /** Clients matching the filters (all pages). */
  total: number;
  rows: ClientListRow[];
}

/** `text` as a LIKE pattern that matches it anywhere, its `\`, `%` and `_` escaped for `escape '\'`. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listClients(db: Kysely<DB>, input: ClientsQuery): Promise<ClientsPage> {
  const codecs = codecsFor(db);
  let query = db.selectFrom('clients');
  if (input.withOmie === true) query = query.where('omie_codigo', 'is not', null);
  if (input.withOmie === false) query = query.where('omie_codigo', 'is', null);
  const search = input.search?.trim();
  if (search) {
    const like = containsPattern(search.toLowerCase());
    const digits = search.replace(/\D/g, '');
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['name']), 'like', sql`${like} escape '\\'`),
        eb(eb.fn('lower', ['contact_email']), 'like', sql`${like} escape '\\'`),
        eb('omie_codigo', '=', search),
        ...(digits.length >= 3 ? [eb('document', 'like', `%${digits}%`)] : []),
      ]),
    );
  }
  const [{ total } = { total: 0 }] = await query.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await query
    .select(['id', 'name', 'document', 'contact_email', 'omie_codigo', 'omie_inativo', 'created_at', 'updated_at', 'omie_missing_since'])
    .orderBy('name')
    .orderBy('id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return {
    total: Number(total),
    rows: rows.map((r) => ({
      id: String(r.id),
      name: r.name,
      document: r.document,
      contactEmail: r.contact_email,
      omieCodigo: r.omie_codigo,
      omieInativo: codecs.boolFromDb(r.omie_inativo),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      missingSince: r.omie_missing_since,
    })),
  };
}
