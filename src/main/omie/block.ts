/**
 * The 425 circuit breaker: once Omie blocks a key, no call leaves this process (nor, through the
 * BlockStore, a restarted one) before the block ends.
 */
import { createHash } from 'node:crypto';
import { OmieError } from './omie-error';
import type { BlockStore } from './types';

/** A stable, non-reversible name for an app key: the first 16 hex chars of its sha256. */
export function omieScope(appKey: string): string {
  return createHash('sha256').update(appKey).digest('hex').slice(0, 16);
}

/** Blocks known to this process, whatever BlockStore each client was given. */
const knownBlocks = new Map<string, number>();

/** A BlockStore that lives as long as the object (useful for tests and the CLI). */
export function memoryBlockStore(): BlockStore & { entries: Map<string, number> } {
  const entries = new Map<string, number>();
  return {
    entries,
    get: async (scope) => entries.get(scope) ?? null,
    set: async (scope, until) => {
      entries.set(scope, until);
    },
  };
}

/**
 * A BlockStore read at most once per `maxAgeMs` (by `now`): the first call of a client always
 * reads it (a block recorded before a restart is honoured at once), later calls trust that read
 * for a while — the store is a database row, and asking for it before every page queued each
 * request behind the sync's own writes. Blocks this process records go through at once.
 */
export function cachedBlockStore(store: BlockStore, now: () => number, maxAgeMs: number): BlockStore {
  const read = new Map<string, { at: number; until: Promise<number | null> }>();
  return {
    get(scope) {
      const last = read.get(scope);
      if (last && now() - last.at < maxAgeMs) return last.until;
      const until = store.get(scope);
      read.set(scope, { at: now(), until });
      until.catch(() => read.delete(scope)); // a failed read is tried again on the next call
      return until;
    },
    async set(scope, until) {
      read.delete(scope);
      await store.set(scope, until);
    },
  };
}

export function blockedError(until: number, reason: string): OmieError {
  const iso = new Date(until).toISOString();
  return new OmieError('omie_blocked', 'blocked', `Omie blocked this app key for misuse (425) until ${iso}: ${reason}`, {
    until: iso,
    untilEpochMs: until,
  });
}

/**
 * Throws omie_blocked (without any HTTP request) when a block on `scope` has not ended at `now`.
 * A store that cannot be read is logged and the process memory decides.
 */
export async function assertNotBlocked(scope: string, now: number, store?: BlockStore, log?: (line: string) => void): Promise<void> {
  let until = knownBlocks.get(scope) ?? null;
  if (store) {
    let stored: number | null = null;
    try {
      stored = await store.get(scope);
    } catch (error) {
      log?.(`omie: could not read the 425 block end: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (stored !== null && Number.isFinite(stored) && (until === null || stored > until)) until = stored;
  }
  if (until !== null && until > now) throw blockedError(until, 'a previous call was blocked; not calling Omie before then');
}

/** Records a block end in this process and in the store (a failing store never hides the block). */
export async function recordBlock(
  scope: string,
  until: number,
  store: BlockStore | undefined,
  log?: (line: string) => void,
): Promise<void> {
  knownBlocks.set(scope, Math.max(until, knownBlocks.get(scope) ?? 0));
  if (!store) return;
  try {
    await store.set(scope, until);
  } catch (error) {
    log?.(`omie: could not persist the 425 block end: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** For tests: forget blocks known to this process. */
export function forgetKnownBlocks(): void {
  knownBlocks.clear();
}
