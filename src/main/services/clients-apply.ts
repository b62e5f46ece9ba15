import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { codecsFor } from '../db/codecs';
import type { DB } from '../db/schema';
import type { OmieCliente, SkippedRecord } from '../omie/types';
import { executeBulk } from './bulk-statement';
import { notACustomerReason, tagsToDb } from './clients-roles';
import { storeSkippedRecords } from './skipped-records';

/**
 * One page of Omie customers into `clients`, inside the caller's transaction: existing rows are
 * read in one query per kind (by omie_codigo, then hand-made rows by document), the diff is made in
 * memory, and every insert/update goes out as multi-row upserts. Nothing is ever deleted.
 */
export interface ClientsPageOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** Every omie_codigo the page carried (customers or not): for --full's vanished report. */
  seen: string[];
}

export interface ApplyClientsOptions {
  runId: string;
  /** ISO instant written to updated_at of changed rows. */
  now: string;
  /** app_state 'clients.include_suppliers': keep suppliers/carriers too. */
  includeSuppliers: boolean;
  /**
   * Whether hand-made clients with a document exist (see handMadeClientsExist): when none do, the
   * per-page lookup by document is skipped. Default true.
   */
  linkByDocument?: boolean;
  /**
   * When given, the only omie_codigo values `clients` can hold (the table had no Omie client when
   * the run began, so these are the codes the run itself stored): other codes are not looked up.
   */
  storedCodes?: ReadonlySet<string>;
}

/** Bound parameters per statement stay far below SQLite's 32,766 (and Postgres' 65,535). */
const ROWS_PER_UPSERT = 1000;
const KEYS_PER_LOOKUP = 5000;

const STORED_COLUMNS = ['id', 'name', 'document', 'contact_email', 'omie_codigo', 'omie_inativo', 'omie_tags', 'omie_altered_at', 'omie_missing_since'] as const;

type ClientValues = {
  id: string;
  name: string;
  document: string | null;
  contact_email: string | null;
  omie_codigo: string;
  /** codecs.boolToDb: 0/1 on SQLite, boolean on Postgres. */
  omie_inativo: boolean | number;
  omie_tags: string | null;
  omie_altered_at: string | null;
  omie_missing_since: null;
  updated_at: string;
};

type StoredClient = {
  id: string;
  name: string;
  document: string | null;
  contact_email: string | null;
  omie_codigo: string | null;
  omie_inativo: unknown;
  omie_tags: string | null;
  omie_altered_at: string | null;
  omie_missing_since: string | null;
};

export async function applyClientsPage(
  trx: Kysely<DB>,
  page: { records: readonly OmieCliente[]; skipped: readonly SkippedRecord[] },
  options: ApplyClientsOptions,
): Promise<ClientsPageOutcome> {
  const codecs = codecsFor(trx);
  const skipped: SkippedRecord[] = [...page.skipped];
  const customers = new Map<string, OmieCliente>();
  for (const record of page.records) {
    const reason = options.includeSuppliers ? null : notACustomerReason(record.tags);
    if (reason) skipped.push({ omieCodigo: record.codigoClienteOmie, reason, excerpt: excerptOf(record) });
    else customers.set(record.codigoClienteOmie, record); // a code twice in a page: the last wins
  }

  const codes = [...customers.keys()];
  const storedCodes = options.storedCodes;
  const byCode = await storedByCode(trx, storedCodes ? codes.filter((code) => storedCodes.has(code)) : codes);
  const missingDocs = options.linkByDocument === false ? [] : [...customers.values()].filter((c) => !byCode.has(c.codigoClienteOmie) && c.document).map((c) => c.document as string);
  const handMade = await handMadeByDocument(trx, missingDocs);

  const writes: ClientValues[] = [];
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  for (const record of customers.values()) {
    const stored = byCode.get(record.codigoClienteOmie) ?? takeHandMade(handMade, record.document);
    const values = valuesOf(record, stored?.id ?? timeOrderedUuid(), options.now, codecs.boolToDb(record.inativo));
    if (!stored) {
      inserted += 1;
      writes.push(values);
    } else if (sameAsStored(values, stored, codecs.boolFromDb)) {
      unchanged += 1;
    } else {
      updated += 1;
      writes.push(values);
    }
  }

  for (let i = 0; i < writes.length; i += ROWS_PER_UPSERT) {
    await executeBulk(trx, 'clients.upsert', writes.slice(i, i + ROWS_PER_UPSERT), (rows) =>
      trx
        .insertInto('clients')
        .values(rows)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            document: eb.ref('excluded.document'),
            contact_email: eb.ref('excluded.contact_email'),
            omie_codigo: eb.ref('excluded.omie_codigo'),
            omie_inativo: eb.ref('excluded.omie_inativo'),
            omie_tags: eb.ref('excluded.omie_tags'),
            omie_altered_at: eb.ref('excluded.omie_altered_at'),
            omie_missing_since: eb.ref('excluded.omie_missing_since'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        ),
    );
  }
  await storeSkippedRecords(trx, options.runId, skipped);

  const seen = [...customers.keys()];
  for (const s of skipped) if (s.omieCodigo) seen.push(s.omieCodigo);
  return { inserted, updated, unchanged, skipped: skipped.length, seen };
}

let lastMs = 0;
let sequence = 0;
/** "tttttttt-tttt-7" for lastMs: made when lastMs moves, not once per id. */
let msPrefix = '';
const SEQUENCE_HEX = Array.from({ length: 0x1000 }, (_, n) => n.toString(16).padStart(3, '0'));

function startMillisecond(ms: number): void {
  lastMs = ms;
  sequence = 0;
  const hex = ms.toString(16).padStart(12, '0');
  msPrefix = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7`;
}

/**
 * A UUID version 7 (RFC 9562: 48-bit Unix ms, then a 12-bit counter for ids made in the same ms,
 * then random bits): new clients' ids grow with time, so the primary-key index takes each page's
 * inserts at its end instead of dirtying hundreds of random index pages per commit.
 */
function timeOrderedUuid(): string {
  const now = Date.now();
  if (now > lastMs) startMillisecond(now);
  else if (++sequence > 0xfff) startMillisecond(lastMs + 1);
  return msPrefix + SEQUENCE_HEX[sequence] + randomUUID().slice(18);
}

function valuesOf(record: OmieCliente, id: string, now: string, inativo: boolean | number): ClientValues {
  return {
    id,
    name: record.name.trim() || `Cliente Omie ${record.codigoClienteOmie}`,
    document: record.document || null,
    contact_email: record.email?.trim() || null,
    omie_codigo: record.codigoClienteOmie,
    omie_inativo: inativo,
    omie_tags: tagsToDb(record.tags),
    omie_altered_at: record.alteredAt ? canonicalInstant(record.alteredAt) : null,
    omie_missing_since: null,
    updated_at: now,
  };
}

function sameAsStored(values: ClientValues, stored: StoredClient, boolFromDb: (v: unknown) => boolean): boolean {
  return (
    stored.omie_codigo === values.omie_codigo &&
    stored.name === values.name &&
    stored.document === values.document &&
    stored.contact_email === values.contact_email &&
    boolFromDb(stored.omie_inativo) === boolFromDb(values.omie_inativo) &&
    stored.omie_tags === values.omie_tags &&
    sameInstant(stored.omie_altered_at, values.omie_altered_at) &&
    stored.omie_missing_since === null
  );
}

const CANONICAL_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** The same instant as Date#toISOString writes it (what both backends give back). */
function canonicalInstant(iso: string): string {
  return CANONICAL_INSTANT.test(iso) ? iso : new Date(iso).toISOString();
}

function sameInstant(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return Date.parse(a) === Date.parse(b);
}

async function storedByCode(trx: Kysely<DB>, codes: string[]): Promise<Map<string, StoredClient>> {
  const found = new Map<string, StoredClient>();
  for (let i = 0; i < codes.length; i += KEYS_PER_LOOKUP) {
    const rows = await trx.selectFrom('clients').select(STORED_COLUMNS).where('omie_codigo', 'in', codes.slice(i, i + KEYS_PER_LOOKUP)).execute();
    for (const row of rows) if (row.omie_codigo) found.set(row.omie_codigo, row);
  }
  return found;
}

/** Whether any client carries an omie_codigo (if none, a run only finds the codes it stored itself). */
export async function omieClientsExist(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('clients').select('id').where('omie_codigo', 'is not', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Whether `clients` has no row at all. */
export async function clientsTableEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('clients').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** Whether any client without omie_codigo has a document, i.e. whether a sync may have to link one. */
export async function handMadeClientsExist(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('clients').select('id').where('omie_codigo', 'is', null).where('document', 'is not', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Hand-made clients (no omie_codigo) by document, oldest first: the ones a sync links instead of duplicating. */
async function handMadeByDocument(trx: Kysely<DB>, documents: string[]): Promise<Map<string, StoredClient[]>> {
  const found = new Map<string, StoredClient[]>();
  if (documents.length === 0) return found;
  const unique = [...new Set(documents)];
  for (let i = 0; i < unique.length; i += KEYS_PER_LOOKUP) {
    const rows = await trx
      .selectFrom('clients')
      .select(STORED_COLUMNS)
      .where('omie_codigo', 'is', null)
      .where('document', 'in', unique.slice(i, i + KEYS_PER_LOOKUP))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const row of rows) {
      const list = found.get(row.document as string) ?? [];
      list.push(row);
      found.set(row.document as string, list);
    }
  }
  return found;
}

/** Each hand-made row is linked to at most one Omie code. */
function takeHandMade(handMade: Map<string, StoredClient[]>, document: string | null): StoredClient | undefined {
  return document ? handMade.get(document)?.shift() : undefined;
}

function excerptOf(record: OmieCliente): string {
  return `${record.codigoClienteOmie} ${record.name} [${record.tags.join(', ')}]`.slice(0, 200);
}
