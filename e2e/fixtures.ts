/**
 * The one fixture file of the end-to-end suite (after usebruno/bruno's playwright/index.ts):
 * a worker-scoped stack — the Omie simulator, a fresh temp SQLite database seeded through the
 * CLI, and `ness-data serve` — each started by waiting for its ready line (never a sleep) and
 * stopped with a bounded shutdown. Tests get `consoleUrl` (with the session token), the database
 * path for checking numbers, and `openConsole(route)`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startCli } from '../test/helpers/cli-process';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';

const READY_TIMEOUT_MS = 60_000;
const SIM_LATENCY_MS = 150;
export const SCREENSHOT_DIR = join(ROOT, 'e2e-artifacts', 'screenshots');

/** Omie credentials the simulator accepts and serve is given (test-only values). */
const APP_KEY = 'e2e-app-key';
const APP_SECRET = 'e2e-app-secret';

export interface ConsoleStack {
  /** http://127.0.0.1:PORT/?token=TOKEN as printed by `ness-data serve`. */
  url: string;
  origin: string;
  token: string;
  dbPath: string;
  simUrl: string;
  dir: string;
}


/** The simulator's control surface (POST /__sim/{op}). */
async function simControl(simUrl: string, op: string, body: object): Promise<void> {
  const response = await fetch(`${simUrl.replace(/\/api\/v1\/?$/, '')}/__sim/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`omie-sim ${op} answered ${response.status}`);
}

/**
 * Starts the simulator, seeds a fresh database from it, and serves the console. `omieOffline`
 * stops the simulator once the data is in, so the console runs with Omie unreachable.
 */
async function startStack({ omieOffline = false } = {}): Promise<{ stack: ConsoleStack; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ness-e2e-'));
  const dbPath = join(dir, 'console.sqlite');
  const db = `sqlite:${dbPath}`;
  const sim = await startCli(
    ['omie-sim', '--port', '0', '--clients', '300', '--latency', String(SIM_LATENCY_MS), '--seed', '7', '--months', '14', '--app-key', APP_KEY, '--app-secret', APP_SECRET],
    {},
    /listening on (http:\/\/\S+)/,
    'omie-sim',
    READY_TIMEOUT_MS,
  );
  const simUrl = sim.match[1]!;
  const omieEnv = { OMIE_BASE_URL: simUrl, OMIE_APP_KEY: APP_KEY, OMIE_APP_SECRET: APP_SECRET, NESS_DATA_DB: db };
  try {
    // Seed at full speed, then give Omie its latency back for the console.
    await simControl(simUrl, 'setLatency', { ms: 0 });
    await seedDatabase(db, simUrl);
    await simControl(simUrl, 'setLatency', { ms: SIM_LATENCY_MS });
    if (omieOffline) await sim.stop();
    // Small pages so a sync takes a few seconds against the simulator's latency: progress is observable.
    const serve = await startCli(['serve', '--port', '0'], { ...omieEnv, OMIE_PAGE_SIZE: '20' }, /^(http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)$/, 'ness-data serve', READY_TIMEOUT_MS);
    const origin = serve.match[1]!;
    const token = serve.match[2]!;
    return {
      stack: { url: `${origin}/?token=${token}`, origin, token, dbPath, simUrl, dir },
      stop: async () => {
        await serve.stop();
        await sim.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The data the console shows before any test acts (e2e/seed-console.ts, one tsx process): a first
 * clients sync, faturamento snapshots, contracts with deliberate mismatches, events, indices.
 */
function seedDatabase(db: string, simUrl: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'e2e', 'seed-console.ts'), db, simUrl, APP_KEY, APP_SECRET], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), READY_TIMEOUT_MS * 2);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 && /^seeded /m.test(out)) resolvePromise();
      else reject(new Error(`seeding the e2e database failed (${code}):\n${err}`));
    });
  });
}

type Fixtures = {
  /** Opens the console at a hash route ("/", "/conciliacao" …) with the session token. */
  openConsole: (route?: string) => Promise<Page>;
  /** A stack of its own whose Omie is down (the simulator stopped after seeding). */
  offlineStack: ConsoleStack;
};
type WorkerFixtures = { stack: ConsoleStack };

export const test = base.extend<Fixtures, WorkerFixtures>({
  stack: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { stack, stop } = await startStack();
      try {
        await use(stack);
      } finally {
        await stop();
      }
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  offlineStack: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { stack, stop } = await startStack({ omieOffline: true });
      try {
        await use(stack);
      } finally {
        await stop();
      }
    },
    { timeout: 120_000 },
  ],
  openConsole: async ({ page, stack }, use) => {
    await use(async (route = '/') => {
      await page.goto(`${stack.url}#${route}`);
      await expect(page.getByTestId('omie-status')).toBeVisible();
      return page;
    });
  },
});

/** Saves a full-window screenshot of the page under e2e-artifacts/screenshots and attaches it to the report. */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

export { expect };
