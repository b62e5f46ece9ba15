/**
 * Process-wide pacing per (app key scope, method): at most `maxInFlight` calls at once and at most
 * `perMinute` starts in any rolling minute and PACING_MARGIN_MS, measured with the caller's clock.
 */
import { cancelledError, type Clock } from '../clock';

interface Lane {
  inFlight: number;
  waiters: Array<{ grant: () => void }>;
  starts: number[];
}

const lanes = new Map<string, Lane>();

function laneOf(key: string): Lane {
  let lane = lanes.get(key);
  if (!lane) {
    lane = { inFlight: 0, waiters: [], starts: [] };
    lanes.set(key, lane);
  }
  return lane;
}

export interface PaceOptions {
  maxInFlight: number;
  perMinute: number;
  clock: Clock;
  signal?: AbortSignal;
  /** Called before a pacing sleep (so the UI can show it). */
  onWait?: (ms: number) => void;
}

const MINUTE = 60_000;
/**
 * A start counts against the rolling minute for this much longer. Omie counts calls as they
 * arrive, a varying delay after our starts; paced at exactly a minute, a slow arrival followed by a
 * prompt one put perMinute + 1 calls in Omie's minute (the bench at 240/min: one 429 and a 20 s
 * wait in 408 pages). A second of margin costs a paced run about a second a minute.
 */
export const PACING_MARGIN_MS = 1_000;
const WINDOW = MINUTE + PACING_MARGIN_MS;

/** Waits for a slot and a start in the rolling minute; resolves with the release function. */
export async function acquireSlot(key: string, options: PaceOptions): Promise<() => void> {
  const lane = laneOf(key);
  const max = Math.max(1, Math.floor(options.maxInFlight));
  await takeSlot(lane, max, options.signal);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const next = lane.waiters.shift();
    if (next) next.grant();
    else lane.inFlight -= 1;
  };
  try {
    await waitForStart(lane, options);
  } catch (error) {
    release();
    throw error;
  }
  return release;
}

function takeSlot(lane: Lane, max: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(cancelledError());
  if (lane.inFlight < max && lane.waiters.length === 0) {
    lane.inFlight += 1;
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const waiter = {
      // The releasing caller hands its slot over: inFlight stays the same.
      grant: () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
    };
    const onAbort = () => {
      const i = lane.waiters.indexOf(waiter);
      if (i >= 0) lane.waiters.splice(i, 1);
      reject(cancelledError());
    };
    lane.waiters.push(waiter);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function waitForStart(lane: Lane, { perMinute, clock, signal, onWait }: PaceOptions): Promise<void> {
  for (;;) {
    const now = clock.now();
    // Drop starts older than the window, and starts "in the future" (another clock, or time set back).
    lane.starts = lane.starts.filter((t) => t > now - WINDOW && t <= now);
    if (perMinute <= 0 || lane.starts.length < perMinute) {
      lane.starts.push(now);
      return;
    }
    const ms = lane.starts[lane.starts.length - perMinute]! + WINDOW - now;
    onWait?.(ms);
    await clock.sleep(ms, signal);
  }
}

/** For tests: forget every lane (in-flight counts of running calls are kept consistent by their release). */
export function resetPacing(): void {
  for (const lane of lanes.values()) lane.starts = [];
}
