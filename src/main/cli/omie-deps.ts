import type { Kysely } from 'kysely';
import { systemClock } from '../clock';
import type { DB } from '../db/schema';
import { omieClientFromEnv } from '../omie/index';
import type { OmieClient } from '../omie/types';
import { currentActor, type ServiceDeps } from '../services/deps';
import { appStateBlockStore } from '../services/omie-block-store';

/**
 * ServiceDeps for a CLI command: the real clock, this machine's host/user, and an Omie client from
 * OMIE_APP_KEY / OMIE_APP_SECRET / OMIE_BASE_URL (built on first use, so commands that never call
 * Omie work without keys). A 425 block's end is kept in app_state. OMIE_PAGE_SIZE (optional)
 * overrides registros_por_pagina.
 */
export function cliServiceDeps(db: Kysely<DB>, log?: (line: string) => void): ServiceDeps {
  let client: OmieClient | undefined;
  return {
    db,
    clock: systemClock,
    actor: currentActor(),
    omie() {
      client ??= omieClientFromEnv({ blockStore: appStateBlockStore(db), pageSize: pageSizeFromEnv(), log });
      return client;
    },
  };
}

function pageSizeFromEnv(): number | undefined {
  const value = Number(process.env.OMIE_PAGE_SIZE);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}
