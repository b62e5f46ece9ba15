import type { SimLimits } from './types';

/** Every limit off (0), block length 30 min when blocking is switched on (omie-api.md §4.4). */
export const LIMITS_OFF: SimLimits = {
  requestsPerMinute: 0,
  maxConcurrentPerMethod: 0,
  redundancyWindowSec: 0,
  blockAfterConsecutiveErrors: 0,
  blockSeconds: 1800,
};

/**
 * Omie's consumption limits per (app key, method), all decided on the simulator's clock:
 * sliding-minute rate, calls in flight, identical-body redundancy, and the block after
 * consecutive faults.
 */
export class Limiter {
  limits: SimLimits = { ...LIMITS_OFF };
  private readonly served = new Map<string, number[]>();
  private readonly inFlight = new Map<string, number>();
  private readonly bodies = new Map<string, number>();
  private readonly consecutive = new Map<string, number>();
  private readonly blocked = new Map<string, number>();

  /** Seconds left on a block of `key`, or null. */
  blockedSeconds(key: string, now: number): number | null {
    const until = this.blocked.get(key);
    if (until === undefined) return null;
    if (until <= now) {
      this.blocked.delete(key);
      return null;
    }
    return Math.ceil((until - now) / 1000);
  }

  /** Latest block end still in the future, or null. */
  blockedUntil(now: number): number | null {
    let latest: number | null = null;
    for (const until of this.blocked.values()) if (until > now && (latest === null || until > latest)) latest = until;
    return latest;
  }

  overRate(key: string, now: number): boolean {
    const rpm = this.limits.requestsPerMinute;
    if (!(rpm > 0)) return false;
    const recent = (this.served.get(key) ?? []).filter((t) => t > now - 60_000);
    this.served.set(key, recent);
    return recent.length >= rpm;
  }

  overConcurrency(key: string): boolean {
    const max = this.limits.maxConcurrentPerMethod;
    return max > 0 && (this.inFlight.get(key) ?? 0) >= max;
  }

  /** Seconds until an identical body may be served again, or null. */
  redundantSeconds(bodyKey: string, now: number): number | null {
    const window = this.limits.redundancyWindowSec;
    if (!(window > 0)) return null;
    const at = this.bodies.get(bodyKey);
    if (at === undefined || now >= at + window * 1000) return null;
    return Math.max(1, Math.ceil((at + window * 1000 - now) / 1000));
  }

  /** A call passed the limits: count it for the rate and hold a concurrency slot. Returns the in-flight count. */
  admit(key: string, now: number): number {
    const list = this.served.get(key) ?? [];
    list.push(now);
    this.served.set(key, list);
    const n = (this.inFlight.get(key) ?? 0) + 1;
    this.inFlight.set(key, n);
    return n;
  }

  release(key: string): void {
    this.inFlight.set(key, Math.max(0, (this.inFlight.get(key) ?? 1) - 1));
  }

  recordServed(bodyKey: string, now: number): void {
    if (!(this.limits.redundancyWindowSec > 0)) return;
    if (this.bodies.size > 10_000) {
      const horizon = now - this.limits.redundancyWindowSec * 1000;
      for (const [k, at] of this.bodies) if (at < horizon) this.bodies.delete(k);
    }
    this.bodies.set(bodyKey, now);
  }

  /** Counts consecutive faults; at the threshold the key+method is blocked for `blockSeconds`. */
  recordOutcome(key: string, error: boolean, now: number): void {
    if (!error) {
      this.consecutive.delete(key);
      return;
    }
    const n = (this.consecutive.get(key) ?? 0) + 1;
    const threshold = this.limits.blockAfterConsecutiveErrors;
    if (threshold > 0 && n >= threshold) {
      this.blocked.set(key, now + this.limits.blockSeconds * 1000);
      this.consecutive.delete(key);
    } else this.consecutive.set(key, n);
  }

  reset(): void {
    this.served.clear();
    this.bodies.clear();
    this.consecutive.clear();
    this.blocked.clear();
  }
}
