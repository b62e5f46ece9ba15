/**
 * The HTTP transport under test: a real `serve` (runtime + node:http server) on a migrated
 * database, its Omie client talking HTTP to a real simulator, and small fetch/SSE helpers.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/main/db/schema';
import { forgetKnownBlocks, resetPacing } from '../../src/main/omie/index';
import { DEMO_APP_KEY, DEMO_APP_SECRET, type OmieSim, startOmieSim } from '../../src/main/omie-sim/index';
import { type ServedConsole, serveConsole } from '../../src/main/transport/serve-console';

/** `serve` in this process with a stand-in renderer (index.html + one hashed script). */
export interface ServedOnSim {
  console: ServedConsole;
  rendererDir: string;
  /** POST /api/<channel> with the session token (or the given one, or none). */
  call(channel: string, body: unknown, init?: { token?: string | null; rawBody?: string; headers?: Record<string, string> }): Promise<Response>;
  /** Stops the server and removes the renderer directory. */
  close(): Promise<void>;
}

/** `serve` over a migrated database, its Omie client talking HTTP to the simulator at `simUrl`. */
export async function serveOnSim(
  db: Kysely<DB>,
  dbUrl: string,
  simUrl: string,
  options: { env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {},
): Promise<ServedOnSim> {
  resetPacing();
  forgetKnownBlocks();
  const rendererDir = mkdtempSync(join(tmpdir(), 'ness-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ness.DATA</title><div id="root"></div><script type="module" src="/assets/index-abc.js"></script>');
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log("ness.DATA")');
  const served = await serveConsole({
    db,
    dbUrl,
    rendererDir,
    env: options.env ?? { OMIE_APP_KEY: DEMO_APP_KEY, OMIE_APP_SECRET: DEMO_APP_SECRET },
    log: options.log,
    omieOptions: { baseUrl: simUrl, pageSize: 20, backoff: { baseMs: 5, capMs: 20 }, requestsPerMinute: 0 },
  });
  return {
    console: served,
    rendererDir,
    call(channel, body, init = {}) {
      const token = init.token === undefined ? served.http.token : init.token;
      return fetch(`${served.http.url}/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers },
        body: init.rawBody ?? JSON.stringify(body),
      });
    },
    async close() {
      await served.stop();
      rmSync(rendererDir, { recursive: true, force: true });
    },
  };
}

export interface Served extends ServedOnSim {
  sim: OmieSim;
}

/** serveOnSim with a simulator of its own (closed with the server). */
export async function serveForTest(db: Kysely<DB>, dbUrl: string, options: { clients?: number; latencyMs?: number } = {}): Promise<Served> {
  const sim = await startOmieSim({ seed: 7, clients: options.clients ?? 45, months: 3, latencyMs: options.latencyMs ?? 0 });
  const served = await serveOnSim(db, dbUrl, sim.url);
  return {
    ...served,
    sim,
    async close() {
      await served.close();
      await sim.close();
    },
  };
}

export interface SseMessage {
  event: string;
  data: unknown;
}

/** Reads an SSE stream until `until` returns true for a message (or the stream ends); aborts afterwards. */
export async function readSse(url: string, until: (message: SseMessage, all: SseMessage[]) => boolean, onOpen?: () => void): Promise<SseMessage[]> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`SSE answered ${response.status}`);
  onOpen?.();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const messages: SseMessage[] = [];
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return messages;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!event || data === undefined) continue;
        const message = { event, data: JSON.parse(data) as unknown };
        messages.push(message);
        if (until(message, messages)) return messages;
      }
    }
  } finally {
    controller.abort();
  }
}
