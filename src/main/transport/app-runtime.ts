import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../clock';
import type { DB } from '../db/schema';
import { createOmieClient } from '../omie/index';
import type { OmieClient, OmieClientOptions } from '../omie/types';
import { currentActor, type ServiceDeps } from '../services/deps';
import { appStateBlockStore } from '../services/omie-block-store';
import { AppError } from '../../shared/errors';
import type { SecretVault } from '../settings/secret-vault';
import { createSettingsStore, type SettingsStore } from '../settings/settings-store';
import { createEventBus, type EventBus } from './event-bus';
import { OmieStatus } from './omie-status';
import { SyncJobs } from './sync-jobs';

/** Everything a handler may use, built once per process by the entry point (Electron, serve, demo). */
export interface AppRuntime {
  transport: 'ipc' | 'http';
  version: string;
  dbUrl: string;
  deps: ServiceDeps;
  events: EventBus;
  syncJobs: SyncJobs;
  settings: SettingsStore;
  omieStatus: OmieStatus;
  scheduler: { running: boolean };
}

export interface AppRuntimeOptions {
  db: Kysely<DB>;
  dbUrl: string;
  transport: 'ipc' | 'http';
  vault: SecretVault;
  version: string;
  clock?: Clock;
  /** Diagnostic lines of the Omie client (never the secret). */
  log?: (line: string) => void;
  /** Client options beyond the keys (tests and the demo: baseUrl, pageSize, backoff). */
  omieOptions?: Omit<OmieClientOptions, 'appKey' | 'appSecret'>;
}

export function createAppRuntime(options: AppRuntimeOptions): AppRuntime {
  const { db, dbUrl, transport, vault, version, clock = systemClock, log, omieOptions } = options;
  const events = createEventBus();
  const settings = createSettingsStore({ db, vault, transport, dbUrl, now: () => clock.now() });
  const blockStore = appStateBlockStore(db);
  let client: OmieClient | null = null;
  settings.onCredentialsChanged(() => {
    client = null;
  });
  const deps: ServiceDeps = {
    db,
    clock,
    actor: currentActor(),
    omie() {
      if (client) return client;
      const credentials = settings.omieCredentials();
      if (!credentials) {
        const where = vault.editable ? 'in Configurações' : 'in OMIE_APP_KEY and OMIE_APP_SECRET';
        throw new AppError('omie_not_configured', `The Omie app key and secret are not configured (set them ${where}).`);
      }
      client = createOmieClient({ clock, blockStore, log, pageSize: pageSizeFromEnv(), ...omieOptions, ...credentials });
      return client;
    },
  };
  return {
    transport,
    version,
    dbUrl,
    deps,
    events,
    syncJobs: new SyncJobs(events, () => clock.now()),
    settings,
    omieStatus: new OmieStatus({ credentials: () => settings.omieCredentials(), blockStore, clock, events, baseUrl: omieOptions?.baseUrl ? () => omieOptions.baseUrl ?? '' : undefined }),
    scheduler: { running: false },
  };
}

function pageSizeFromEnv(): number | undefined {
  const value = Number(process.env.OMIE_PAGE_SIZE);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}
