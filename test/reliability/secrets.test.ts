/**
 * §6 Secrets. A unique Omie app secret (and key) per run, served by the simulator, used by:
 * `ness-data sync clients` (with transient faults, so retries are logged), `sync revenue`,
 * `reconcile --csv` (an export), and the browser flow of `ness-data serve` (every call the console
 * makes, the SSE stream, a CSV download, the pages). Then every place it could have leaked to is
 * searched — the SQLite file with its -wal/-shm, a pg_dump of the Postgres schema, stdout/stderr and
 * the diagnostic logs, the exported CSVs, every file the processes wrote under their HOME (settings),
 * and every byte the renderer received — case-insensitively: 0 occurrences. A wrong secret gives a
 * clear authentication message (CLI and console) that does not echo it either.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OmieSim, startOmieSim } from '../../src/main/omie-sim/index';
import { type BackendName, backendNames, freshDatabase, type TestDatabase } from '../helpers/backends';
import { childEnv, runCli } from '../helpers/cli-process';
import { captureSse, inParallel, omieEnv, report, serveForTest } from './harness';

const PERIOD = '2026-10';
const execFileAsync = promisify(execFile);

interface Haystack {
  place: string;
  text: string;
}

/** Every file under `dir` (settings, exports, temporary files), as latin1 text so binary bytes survive. */
function filesUnder(dir: string, label: string): Haystack[] {
  const out: Haystack[] = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const info = statSync(path);
    if (info.isDirectory()) out.push(...filesUnder(path, `${label}/${name}`));
    else if (info.isFile()) out.push({ place: `${label}/${name}`, text: readFileSync(path).toString('latin1') });
  }
  return out;
}

function occurrences(haystacks: Haystack[], needle: string): { count: number; places: string[] } {
  const lower = needle.toLowerCase();
  let count = 0;
  const places: string[] = [];
  for (const h of haystacks) {
    const text = h.text.toLowerCase();
    let at = text.indexOf(lower);
    if (at >= 0) places.push(h.place);
    while (at >= 0) {
      count += 1;
      at = text.indexOf(lower, at + 1);
    }
  }
  return { count, places };
}

/** One backend's database, simulator, HOME and everything collected from its flows. */
interface SecretsLane {
  backend: BackendName;
  appSecret: string;
  appKey: string;
  wrongSecret: string;
  sim: OmieSim;
  database: TestDatabase;
  home: string;
  haystacks: Haystack[];
  flows: string[];
}

async function openLane(backend: BackendName): Promise<SecretsLane> {
  const appSecret = randomBytes(16).toString('hex');
  const appKey = String(randomInt(10 ** 12, 10 ** 13));
  return {
    backend,
    appSecret,
    appKey,
    wrongSecret: randomBytes(16).toString('hex'),
    sim: await startOmieSim({ seed: 860, clients: 80, months: 2, lastMonth: PERIOD, appKey, appSecret }),
    database: await freshDatabase(backend),
    home: mkdtempSync(join(tmpdir(), 'ness-rel-home-')),
    haystacks: [],
    flows: [],
  };
}

function laneEnv(lane: SecretsLane, secret = lane.appSecret): NodeJS.ProcessEnv {
  const { home } = lane;
  return childEnv({ ...omieEnv(lane.sim.url, { appKey: lane.appKey, appSecret: secret, pageSize: 20 }), HOME: home, XDG_CONFIG_HOME: join(home, '.config'), APPDATA: join(home, 'AppData') });
}

function keep(lane: SecretsLane, place: string, outcome: { stdout: string; stderr: string }): void {
  lane.haystacks.push({ place: `${place} stdout`, text: outcome.stdout }, { place: `${place} stderr`, text: outcome.stderr });
}

describe.sequential(`§6 secrets never leave the process [${backendNames().join(', ')}]`, () => {
  const lanes: SecretsLane[] = [];
  beforeAll(async () => {
    for (const backend of backendNames()) lanes.push(await openLane(backend));
  });
  afterAll(async () => {
    for (const lane of lanes) {
      await lane.sim.close();
      await lane.database.drop();
      rmSync(lane.home, { recursive: true, force: true });
    }
  });

  it('CLI: sync (with retried faults), snapshot and CSV export run with the secret', () =>
    inParallel(lanes, async (lane) => {
      const { sim, database, home } = lane;
      sim.control.resetStats();
      sim.control.injectNext('fault-in-200', 1, 'ListarClientes');
      sim.control.injectNext('html-502', 1, 'ListarClientes');
      const sync = await runCli(['--db', database.url, 'sync', 'clients'], laneEnv(lane));
      expect(sim.control.stats().faults).toEqual({ 'fault-in-200': 1, 'html-502': 1 });
      expect(sync.code, sync.stderr).toBe(0);
      keep(lane, 'sync clients', sync);
      expect(sync.stderr).toMatch(/sync clients: retrying in \d+ s \(server\)/);

      const revenue = await runCli(['--db', database.url, '--json', 'sync', 'revenue', PERIOD], laneEnv(lane));
      expect(revenue.code, revenue.stderr).toBe(0);
      keep(lane, 'sync revenue', revenue);

      mkdirSync(join(home, 'exports'), { recursive: true });
      const csv = join(home, 'exports', 'conciliacao.csv');
      const reconcile = await runCli(['--db', database.url, 'reconcile', PERIOD, '--csv', csv], laneEnv(lane));
      expect(reconcile.code, reconcile.stderr).toBe(0);
      keep(lane, 'reconcile --csv', reconcile);
      expect(existsSync(csv)).toBe(true);

      const wrong = await runCli(['--db', database.url, 'sync', 'clients'], laneEnv(lane, lane.wrongSecret));
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/ness-data: Omie refused the app key\/secret \(HTTP 403\)/);
      expect(`${wrong.stdout}${wrong.stderr}`.toLowerCase()).not.toContain(lane.wrongSecret);
      keep(lane, 'sync clients (wrong secret)', wrong);
      lane.flows.push('cli-sync', 'cli-snapshot', 'cli-export', 'cli-wrong-secret');
    }));

  it('serve: every call the console makes, the SSE stream and a download carry no secret', () =>
    inParallel(lanes, async (lane) => {
      const served = await serveForTest(lane.database.db, lane.database.url, lane.sim.url, { OMIE_APP_KEY: lane.appKey, OMIE_APP_SECRET: lane.appSecret });
      try {
        const bodies: string[] = [];
        const call = async (channel: string, body: unknown) => {
          const response = await served.call(channel, body);
          const text = await response.text();
          bodies.push(`${channel} ${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${text}`);
          return JSON.parse(text) as { ok: boolean; data?: Record<string, unknown> };
        };
        const url = served.console.http.url;
        for (const path of ['/', '/assets/index-abc.js', '/reconciliation']) {
          const page = await fetch(`${url}${path}`);
          bodies.push(await page.text());
        }
        for (const channel of ['app:info', 'settings:get', 'omie:status', 'summary:get'] as const) {
          expect((await call(channel, {})).ok, channel).toBe(true);
        }
        const sse = await captureSse(
          `${url}/api/events?token=${served.console.http.token}`,
          (m) => m.event === 'sync:finished',
          async () => {
            const started = await call('sync:start-clients', { full: true });
            expect(started.ok).toBe(true);
          },
        );
        bodies.push(sse.raw);
        expect(sse.messages.some((m) => m.event === 'sync:progress')).toBe(true);
        expect((await call('snapshot:sync', { period: PERIOD, force: true })).ok).toBe(true);
        const runs = await call('sync:list-runs', { limit: 50 });
        for (const run of (runs.data?.rows ?? []) as { id: string }[]) await call('sync:list-skipped', { runId: run.id });
        for (const [channel, body] of [
          ['snapshot:list', {}],
          ['faturamento:get-range', { from: '2026-09', to: PERIOD }],
          ['reconciliation:get', { period: PERIOD }],
          ['clients:list', { limit: 1000 }],
          ['events:get-aggregates', { from: '2026-10-01', to: '2026-12-31' }],
          ['indices:get', { from: '2026-09', to: PERIOD }],
        ] as const) {
          expect((await call(channel, body)).ok, channel).toBe(true);
        }
        const rec = await call('reconciliation:get', { period: PERIOD });
        const codigo = ((rec.data?.rows ?? []) as { omieCodigo: string | null }[]).find((r) => r.omieCodigo)?.omieCodigo;
        if (codigo) expect((await call('reconciliation:get-titles', { period: PERIOD, omieCodigo: codigo })).ok).toBe(true);
        const download = await served.call('reconciliation:export-csv', { period: PERIOD, dialect: 'rfc4180' });
        expect(download.status).toBe(200);
        expect(download.headers.get('content-disposition')).toMatch(/attachment/);
        bodies.push(await download.text());
        lane.haystacks.push(...bodies.map((text, i) => ({ place: `http response ${i}`, text })));
        lane.haystacks.push({ place: 'serve log', text: served.logs.join('\n') });
        lane.flows.push('serve+api+sse+download');
      } finally {
        await served.close();
      }
    }));

  it('serve: a wrong secret ends the sync with a clear message that does not echo it', () =>
    inParallel(lanes, async (lane) => {
      const served = await serveForTest(lane.database.db, lane.database.url, lane.sim.url, { OMIE_APP_KEY: lane.appKey, OMIE_APP_SECRET: lane.wrongSecret });
      try {
        const sse = await captureSse(
          `${served.console.http.url}/api/events?token=${served.console.http.token}`,
          (m) => m.event === 'sync:finished',
          async () => {
            const response = await served.call('sync:start-clients', {});
            lane.haystacks.push({ place: 'wrong-secret start', text: await response.text() });
          },
        );
        const finished = sse.messages.find((m) => m.event === 'sync:finished')!.data as { status: string; errorCode: string; message: string };
        expect(finished).toMatchObject({ status: 'error', errorCode: 'omie_auth' });
        expect(finished.message).toMatch(/Omie refused the app key\/secret/);
        const statusText = await (await served.call('omie:status', {})).text();
        expect(`${sse.raw}${statusText}`.toLowerCase()).not.toContain(lane.wrongSecret);
        lane.haystacks.push({ place: 'wrong-secret sse', text: sse.raw }, { place: 'wrong-secret status', text: statusText }, { place: 'wrong-secret serve log', text: served.logs.join('\n') });
        lane.flows.push('serve-wrong-secret');
      } finally {
        await served.close();
      }
    }));

  it('0 occurrences in the database, logs, outputs, exports, settings and everything the renderer got', () =>
    inParallel(lanes, async (lane) => {
      const { backend, database, haystacks } = lane;
      if (backend === 'sqlite') {
        const file = database.url.slice('sqlite:'.length);
        for (const suffix of ['', '-wal', '-shm']) {
          if (existsSync(file + suffix)) haystacks.push({ place: `sqlite${suffix || ' main'}`, text: readFileSync(file + suffix).toString('latin1') });
        }
      } else {
        const url = new URL(database.url);
        const schema = url.searchParams.get('schema')!;
        url.searchParams.delete('schema');
        const { stdout } = await execFileAsync('pg_dump', ['--dbname', url.toString(), '--schema', schema, '--no-owner'], { maxBuffer: 256 * 1024 * 1024 });
        expect(stdout).toContain('erp_sync_log');
        haystacks.push({ place: 'pg_dump', text: stdout });
      }
      haystacks.push(...filesUnder(lane.home, 'HOME'));
      // the database holds what the runs did: runs, errors (the wrong-secret ones), skips, events
      const log = await database.db.selectFrom('erp_sync_log').select(['status', 'error_code']).execute();
      expect(log.some((r) => r.error_code === 'omie_auth')).toBe(true);

      const secret = occurrences(haystacks, lane.appSecret);
      const wrong = occurrences(haystacks, lane.wrongSecret);
      const key = occurrences(haystacks, lane.appKey);
      report(`secrets [${backend}]`, {
        flows: lane.flows.length,
        'flows.list': `"${lane.flows.join(', ')}"`,
        places_searched: haystacks.length,
        bytes_searched: haystacks.reduce((n, h) => n + h.text.length, 0),
        'secret.occurrences': secret.count,
        'wrong_secret.occurrences': wrong.count,
        'app_key.occurrences': key.count,
      });
      expect(secret.places, 'the app secret leaked').toEqual([]);
      expect(wrong.places, 'the wrong secret was echoed').toEqual([]);
      expect(key.places, 'the app key leaked').toEqual([]);
      expect(lane.flows).toHaveLength(6);
    }));
});

describe('§6 secrets: the search would find a leak', () => {
  it('finds the needle in any case, in binary text', () => {
    const secret = randomBytes(16).toString('hex');
    expect(occurrences([{ place: 'x', text: `\u0000${secret.toUpperCase()}\u0001` }], secret).count).toBe(1);
  });
});
