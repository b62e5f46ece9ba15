/**
 * Test harness for the Omie client: a real simulator over HTTP sharing one ManualClock with the
 * client, plus recorders for log lines and progress events, and a secret-leak check.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import {
  createOmieClient,
  forgetKnownBlocks,
  resetPacing,
  type OmieClient,
  type OmieClientOptions,
  type OmiePage,
  type OmieProgress,
  type RunOptions,
} from '../../src/main/omie';
import { startOmieSim, type OmieSim } from '../../src/main/omie-sim';

export const APP_KEY = '4471029384756';
export const APP_SECRET = '9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a90';

export interface Harness {
  sim: OmieSim;
  clock: ManualClock;
  logs: string[];
  progress: OmieProgress[];
  client(extra?: Partial<OmieClientOptions>): OmieClient;
  run(extra?: RunOptions): RunOptions;
  /** Every text the client let out so far (logs, progress), for the secret check. */
  emitted(): string;
}

/** Starts one simulator for the file; resets clock, stats, pacing and known blocks before each test. */
export function useSim(options: { clients?: number; months?: number; seed?: number } = {}): Harness {
  const h = {
    logs: [] as string[],
    progress: [] as OmieProgress[],
  } as Harness;
  beforeAll(async () => {
    h.clock = new ManualClock();
    h.sim = await startOmieSim({
      seed: options.seed ?? 7,
      clients: options.clients ?? 30,
      months: options.months ?? 3,
      clock: h.clock,
      appKey: APP_KEY,
      appSecret: APP_SECRET,
    });
  });
  afterAll(async () => {
    await h.sim?.close();
  });
  beforeEach(() => {
    h.sim.control.resetStats();
    h.sim.control.setLimits({ requestsPerMinute: 0, maxConcurrentPerMethod: 0, redundancyWindowSec: 0, blockAfterConsecutiveErrors: 0 });
    h.sim.control.setFaults({ rate: 0, kinds: [] });
    h.sim.control.setLatency(0);
    h.sim.control.setNoRecordsWording('registros');
    h.clock.sleeps.length = 0;
    h.logs.length = 0;
    h.progress.length = 0;
    forgetKnownBlocks();
    resetPacing();
  });
  afterEach(() => {
    expect(h.emitted()).not.toContain(APP_SECRET);
  });
  h.client = (extra = {}) =>
    createOmieClient({
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      baseUrl: h.sim.url,
      clock: h.clock,
      pageSize: 10,
      backoff: { baseMs: 1000, capMs: 60_000 },
      log: (line) => h.logs.push(line),
      ...extra,
    });
  h.run = (extra = {}) => ({ onProgress: (p) => h.progress.push(p), ...extra });
  h.emitted = () => [...h.logs, ...h.progress.map((p) => JSON.stringify(p))].join('\n');
  return h;
}

/** Drains a listing into its pages. */
export async function pages<T>(gen: AsyncGenerator<OmiePage<T>>): Promise<OmiePage<T>[]> {
  const out: OmiePage<T>[] = [];
  for await (const page of gen) out.push(page);
  return out;
}

/** Runs `fn`, expecting it to reject; returns the error (and checks it leaks no secret). */
export async function failure(fn: () => Promise<unknown>): Promise<Error & { code?: string; kind?: string; details?: Record<string, unknown> }> {
  try {
    await fn();
  } catch (error) {
    const e = error as Error & { code?: string; details?: Record<string, unknown> };
    const text = `${e.message}\n${e.stack ?? ''}\n${JSON.stringify(e.details ?? {})}\n${String((e as { cause?: unknown }).cause ?? '')}`;
    expect(text).not.toContain(APP_SECRET);
    return e;
  }
  throw new Error('expected a failure, but it succeeded');
}

/** The waits the client announced through progress events, as [reason, ms]. */
export function announcedWaits(progress: OmieProgress[]): [string, number][] {
  return progress.filter((p) => p.wait).map((p) => [p.wait!.reason, p.wait!.ms]);
}
