/**
 * Shared pieces of the reliability suite: the environment of a `ness-data` child that talks to the
 * simulator (the child itself is started by ../helpers/cli-process), the suite's own reading of
 * what the simulator holds (who is a customer, with which name/document/e-mail), a clients-table
 * audit (missing, duplicated, stale, extra), a seeded RNG, and the one summary line per section.
 * Nothing here imports the rule under test; the product is driven only through its CLI, its services
 * and its transports, against a real simulator over HTTP and real databases.
 */
import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../../src/main/clock';
import type { DB } from '../../src/main/db/schema';
import { createOmieClient, forgetKnownBlocks, resetPacing } from '../../src/main/omie/index';
import type { OmieClientOptions } from '../../src/main/omie/types';
import { DEMO_APP_KEY, DEMO_APP_SECRET, type RawCliente } from '../../src/main/omie-sim/index';
import type { ServiceDeps } from '../../src/main/services/deps';
import { appStateBlockStore } from '../../src/main/services/omie-block-store';
import { type ServedOnSim, serveOnSim } from '../transport/harness';

// ── summary lines ───────────────────────────────────────────────────────────────────────────
/** Prints the section's one summary line: `[reliability] crash [sqlite]: trials=10 kills=10 …`. */
export function report(section: string, fields: Record<string, string | number>): string {
  const line = `[reliability] ${section}: ${Object.entries(fields)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`;
  console.log(line);
  return line;
}

// ── the CLI as a child process (started by ../helpers/cli-process) ─────────────────────────
/** Env for a CLI that talks to a simulator. */
export function omieEnv(simUrl: string, options: { appKey?: string; appSecret?: string; pageSize?: number } = {}): Record<string, string> {
  return {
    OMIE_BASE_URL: simUrl,
    OMIE_APP_KEY: options.appKey ?? DEMO_APP_KEY,
    OMIE_APP_SECRET: options.appSecret ?? DEMO_APP_SECRET,
    ...(options.pageSize ? { OMIE_PAGE_SIZE: String(options.pageSize) } : {}),
  };
}

/** Non-empty lines of a text. */
export function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

// ── a seeded RNG (mulberry32), so a failing random trial can be replayed with its seed ─────
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** NESS_RELIABILITY_SEED when given (to replay), else a fresh one; always printed in the summary. */
export function suiteSeed(): number {
  const given = Number(process.env.NESS_RELIABILITY_SEED);
  return Number.isInteger(given) && given > 0 ? given : Math.floor(Math.random() * 1e9) + 1;
}

// ── service deps talking HTTP to a simulator ────────────────────────────────────────────────
export function simDeps(db: Kysely<DB>, simUrl: string, options: Partial<OmieClientOptions> & { clock?: Clock } = {}): ServiceDeps {
  resetPacing();
  forgetKnownBlocks();
  const clock = options.clock ?? systemClock;
  const omie = createOmieClient({
    appKey: DEMO_APP_KEY,
    appSecret: DEMO_APP_SECRET,
    baseUrl: simUrl,
    pageSize: 20,
    requestsPerMinute: 0,
    backoff: { baseMs: 5, capMs: 20 },
    blockStore: appStateBlockStore(db),
    ...options,
    clock,
  });
  return { db, clock, omie: () => omie, actor: { host: 'reliability-test', user: 'tester' } };
}

// ── the suite's own reading of the simulator's customers ────────────────────────────────────
export interface ExpectedClient {
  name: string;
  document: string | null;
  email: string | null;
}

const trimmed = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Customers (tagged Cliente, or without a supplier/carrier tag) by code, as the spec maps them. */
export function expectedClients(raws: readonly RawCliente[]): Map<string, ExpectedClient> {
  const out = new Map<string, ExpectedClient>();
  for (const raw of raws) {
    const tags = (raw.tags ?? []).map((t) => t.tag.trim().toLowerCase());
    const customer = tags.includes('cliente') || !tags.some((t) => t === 'fornecedor' || t === 'transportadora');
    if (!customer) continue;
    const code = String(raw.codigo_cliente_omie);
    const document = trimmed(raw.cnpj_cpf)?.replace(/[^0-9A-Za-z]/g, '').toUpperCase() ?? null;
    out.set(code, { name: trimmed(raw.razao_social) ?? trimmed(raw.nome_fantasia) ?? '', document, email: trimmed(raw.email) });
  }
  return out;
}

export interface ClientsAudit {
  expected: number;
  stored: number;
  /** Expected codes with no row. */
  missing: number;
  /** Rows beyond one per code. */
  duplicated: number;
  /** Rows whose name/document/e-mail differ from the simulator's. */
  stale: number;
  /** Codes stored that the simulator does not list as customers. */
  extra: number;
}

/** The clients table against the simulator: every number but `expected`/`stored` must be 0. */
export async function auditClients(db: Kysely<DB>, raws: readonly RawCliente[]): Promise<ClientsAudit> {
  const expected = expectedClients(raws);
  const rows = await db.selectFrom('clients').select(['omie_codigo', 'name', 'document', 'contact_email']).where('omie_codigo', 'is not', null).execute();
  const byCode = new Map<string, (typeof rows)[number]>();
  let duplicated = 0;
  for (const row of rows) {
    if (byCode.has(row.omie_codigo!)) duplicated += 1;
    else byCode.set(row.omie_codigo!, row);
  }
  let missing = 0;
  let stale = 0;
  for (const [code, want] of expected) {
    const got = byCode.get(code);
    if (!got) missing += 1;
    else if (got.name !== want.name || got.document !== want.document || got.contact_email !== want.email) stale += 1;
  }
  const extra = [...byCode.keys()].filter((code) => !expected.has(code)).length;
  return { expected: expected.size, stored: rows.length, missing, duplicated, stale, extra };
}

export function cleanAudit(audit: ClientsAudit): Omit<ClientsAudit, 'expected' | 'stored'> {
  const { missing, duplicated, stale, extra } = audit;
  return { missing, duplicated, stale, extra };
}

export const NO_LOSS = { missing: 0, duplicated: 0, stale: 0, extra: 0 };

// ── `ness-data serve` in this process, its Omie client talking HTTP to a simulator ──────────
export interface ServedForTest extends ServedOnSim {
  logs: string[];
}

export async function serveForTest(db: Kysely<DB>, dbUrl: string, simUrl: string, env: NodeJS.ProcessEnv = { OMIE_APP_KEY: DEMO_APP_KEY, OMIE_APP_SECRET: DEMO_APP_SECRET }): Promise<ServedForTest> {
  const logs: string[] = [];
  return { ...(await serveOnSim(db, dbUrl, simUrl, { env, log: (line) => logs.push(line) })), logs };
}

// ── Server-Sent Events, as the renderer receives them ───────────────────────────────────────
export interface SseCapture {
  /** Every byte the stream delivered, as text. */
  raw: string;
  messages: { event: string; data: unknown }[];
}

/**
 * Opens the SSE stream, calls `whileOpen` once it is connected, and reads until `until` accepts a
 * message (or timeoutMs). Returns the raw text too, for content checks.
 */
export async function captureSse(url: string, until: (m: { event: string; data: unknown }) => boolean, whileOpen: () => Promise<unknown>, timeoutMs = 30_000): Promise<SseCapture> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const response = await fetch(url, { signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`SSE answered ${response.status}`);
  const capture: SseCapture = { raw: '', messages: [] };
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const opened = whileOpen();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      capture.raw += value;
      buffer += value;
      let cut: number;
      let finished = false;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!event || data === undefined) continue;
        const message = { event, data: JSON.parse(data) as unknown };
        capture.messages.push(message);
        if (until(message)) finished = true;
      }
      if (finished) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
    await opened;
  }
  return capture;
}

/**
 * Runs `fn` for every lane at once (e.g. one lane per database backend) and waits for all of them,
 * then rethrows the first failure — so a failing lane never keeps running into the next test.
 */
export async function inParallel<L>(lanes: readonly L[], fn: (lane: L) => Promise<void>): Promise<void> {
  const outcomes = await Promise.allSettled(lanes.map(fn));
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
}
