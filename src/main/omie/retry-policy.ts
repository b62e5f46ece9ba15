/** How long to wait before retrying each retryable fault. Pure: the caller does the waiting. */
import { nextBrasiliaWallTime } from './brasilia';
import type { Fault } from './faults';

export interface Backoff {
  baseMs: number;
  capMs: number;
}

/** Omie's own "no number given" default for redundancy / duplicates: its 60 s release window. */
const DEFAULT_REDUNDANT_WAIT_MS = 60_000;
/** Omie's documented block length when a 425 does not say. */
const DEFAULT_BLOCK_MS = 30 * 60_000;
/** 429: long waits, 20 s per failed attempt (20, 40, 60 … capped). */
const RATE_LIMIT_STEP_MS = 20_000;
/** Never wait less than this for a wall-clock retry time that has (per our clock) just passed. */
const MIN_WALL_WAIT_MS = 1_000;

/** Exponential with jitter: min(cap, base·2^(n−1)), then shortened by up to 20 %. n = failed attempts so far (≥ 1). */
export function exponential(n: number, backoff: Backoff, random: () => number): number {
  const raw = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, n - 1));
  return Math.round(raw * (0.8 + 0.2 * random()));
}

/** The wait before the next attempt after `fault`, the `n`-th failure of this call. */
export function waitFor(fault: Fault, n: number, now: number, backoff: Backoff, random: () => number): number {
  switch (fault.kind) {
    case 'redundant':
      // "Aguarde N segundos" → N + 1 s; no number → 60 s.
      return fault.waitMs !== undefined ? fault.waitMs + 1000 : DEFAULT_REDUNDANT_WAIT_MS;
    case 'duplicate': {
      const at = fault.retryAt ? nextBrasiliaWallTime(fault.retryAt, now) : null;
      if (at === null) return DEFAULT_REDUNDANT_WAIT_MS;
      return Math.max(MIN_WALL_WAIT_MS, at - now);
    }
    case 'rate_limit': {
      if (fault.waitMs !== undefined) return fault.waitMs + 1000;
      const raw = Math.min(Math.max(backoff.capMs, RATE_LIMIT_STEP_MS), RATE_LIMIT_STEP_MS * n);
      return Math.round(raw * (0.8 + 0.2 * random()));
    }
    case 'method_lock':
    case 'server':
    case 'network':
    case 'timeout':
      return exponential(n, backoff, random);
    default:
      throw new Error(`not a retryable fault: ${fault.kind}`);
  }
}

/** The end of a 425 block: "N segundos"/"N minutos" from now (+1 s), else Omie's 30 minutes. */
export function blockEnd(fault: Fault, now: number): number {
  return now + (fault.waitMs !== undefined ? fault.waitMs + 1000 : DEFAULT_BLOCK_MS);
}

export const RETRYABLE = new Set<Fault['kind']>(['redundant', 'duplicate', 'method_lock', 'rate_limit', 'server', 'network', 'timeout']);
