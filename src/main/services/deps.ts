import { hostname, userInfo } from 'node:os';
import type { Kysely } from 'kysely';
import type { SyncProgress } from '../../shared/progress';
import type { Clock } from '../clock';
import type { DB } from '../db/schema';
import type { OmieClient } from '../omie/index';

/** What a service needs from the outside world; entry points (CLI, HTTP, Electron) build it. */
export interface ServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Builds the Omie client on first use; throws AppError('omie_not_configured') without keys. */
  omie: () => OmieClient;
  /** Who runs this (erp_sync_log.host / os_user). */
  actor: { host: string; user: string };
}

/** Cancellation and progress for long work. */
export interface RunControl {
  signal?: AbortSignal;
  onProgress?: (event: SyncProgress) => void;
}

export function currentActor(): { host: string; user: string } {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (containers): keep "unknown"
  }
  return { host: hostname(), user };
}
