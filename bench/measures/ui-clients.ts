/**
 * ui.clients.firstPaintMs: the Clientes page (`#/clientes`) of `ness-data serve` over a SQLite
 * database of 100,000 clients, in Chromium driven by Playwright: from navigation start to the first
 * frame painted with loaded rows of the clients table ([data-testid="clients-row"]).
 *
 * A script installed before the page's own watches the DOM; when the first loaded row appears it
 * waits for the next animation frame and the task after it (the frame has been painted by then) and
 * reports performance.now(), whose origin is the navigation's start, through a binding: of
 * Playwright's code only the binding's small shim is in the page. Waiting with waitForFunction would
 * inject Playwright's own script (~60–100 ms of the page's main thread on a 2-core machine) into the
 * interval measured.
 * Each navigation runs in a fresh browser context (no HTTP cache, no code cache, no session storage),
 * started once the browser has gone quiet after making the context and its page
 * (lib/browser-quiet.ts): the start-up of the context's renderer processes is Chromium's, not the
 * page's, and on 2 cores it took half the machine for the first ~400 ms of the navigation. One
 * untimed warm-up first. The same navigations started at once (the way this measure used to run)
 * are reported beside it as `immediateMs`.
 */
import { chromium } from '@playwright/test';
import { existsSync, rmSync } from 'node:fs';
import type { BenchContext } from '../lib/context';
import { round, sized } from '../lib/context';
import { startCli } from '../lib/child';
import { migratedSqlite, rawSqlite } from '../lib/databases';
import { ensureRendererBuilt } from '../lib/renderer-build';
import { seedClients } from '../lib/seed';
import { median } from '../lib/timing';
import { waitForBrowserQuiet } from '../lib/browser-quiet';

export const CHROMIUM = process.env.NESS_E2E_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
const ROWS = '[data-testid="clients-row"]';

export interface UiClientsFigures {
  firstPaintMs: number;
  /** The first (cold) navigation, not counted in the median. */
  coldMs: number;
  clients: number;
  rounds: number[];
  /** Median of as many navigations started as soon as the context and its page were made (info). */
  immediateMs: number;
  immediateRounds: number[];
  build: 'fresh' | 'built';
}

const PROBE = `(() => {
  const selector = ${JSON.stringify(ROWS)};
  let armed = false;
  const check = () => {
    if (armed || !document.querySelector(selector)) return false;
    armed = true;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { window.__benchFirstRows(performance.now()); };
      channel.port2.postMessage(0);
    });
    return true;
  };
  new MutationObserver((_, observer) => { if (check()) observer.disconnect(); }).observe(document, { childList: true, subtree: true });
})();`;

export async function measureUiClients(ctx: BenchContext): Promise<UiClientsFigures> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set NESS_E2E_CHROMIUM)`);
  const build = ensureRendererBuilt(ctx.log);
  const clients = sized(ctx, 100_000);
  const path = ctx.scratch.path('ui');
  await (await migratedSqlite(path)).destroy();
  const raw = rawSqlite(path);
  try {
    seedClients(raw, { clients, seed: 11, unlinked: 0.03 });
    raw.pragma('optimize');
    raw.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    raw.close();
  }

  const serve = await startCli(['--db', `sqlite:${path}`, 'serve', '--port', '0'], {}, /^(http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)$/, 'ness-data serve');
  const url = `${serve.match[1]}/?token=${serve.match[2]}#/clientes`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const navigate = async (settle: boolean): Promise<number> => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
      let timer: NodeJS.Timeout | undefined;
      try {
        const page = await context.newPage();
        let report!: (ms: number) => void;
        const painted = new Promise<number>((resolve, reject) => {
          report = resolve;
          timer = setTimeout(() => reject(new Error('ui: no rows painted within 60 s')), 60_000);
        });
        await page.exposeBinding('__benchFirstRows', (_source, ms: number) => report(ms));
        await page.addInitScript(PROBE);
        if (settle) await waitForBrowserQuiet();
        await page.goto(url, { waitUntil: 'commit' });
        return await painted;
      } finally {
        clearTimeout(timer);
        await context.close();
      }
    };
    const coldMs = await navigate(true);
    const rounds: number[] = [];
    const immediate: number[] = [];
    for (let i = 0; i < (ctx.quick ? 3 : Math.max(5, ctx.reps)); i++) {
      rounds.push(await navigate(true));
      immediate.push(await navigate(false));
    }
    const list = (values: number[]) => values.map((r) => r.toFixed(0)).join(', ');
    ctx.log(`ui: first rows painted after ${list(rounds)} ms (cold ${coldMs.toFixed(0)} ms); navigating at once: ${list(immediate)} ms`);
    return {
      firstPaintMs: round(median(rounds), 0),
      coldMs: round(coldMs, 0),
      clients,
      rounds: rounds.map((r) => round(r, 0)),
      immediateMs: round(median(immediate), 0),
      immediateRounds: immediate.map((r) => round(r, 0)),
      build,
    };
  } finally {
    await browser.close();
    await serve.stop();
    if (!ctx.keep) for (const s of ['', '-wal', '-shm']) rmSync(`${path}${s}`, { force: true });
  }
}
