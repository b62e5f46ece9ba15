/** ServiceDeps for running the product's services in the bench process against a simulator. */
import type { Kysely } from 'kysely';
import { systemClock } from '../../src/main/clock';
import type { DB } from '../../src/main/db/schema';
import { createOmieClient } from '../../src/main/omie/index';
import type { OmieClient, OmieClientOptions } from '../../src/main/omie/types';
import type { ServiceDeps } from '../../src/main/services/deps';
import { appStateBlockStore } from '../../src/main/services/omie-block-store';
import { SIM_APP_KEY, SIM_APP_SECRET } from './sim-process';

export function simClient(baseUrl: string, extra: Partial<OmieClientOptions> = {}): OmieClient {
  // requestsPerMinute 0 = pacing off, unless the measure sets it.
  return createOmieClient({ appKey: SIM_APP_KEY, appSecret: SIM_APP_SECRET, baseUrl, requestsPerMinute: 0, ...extra });
}

/** As the CLI and the app build them: the client keeps a 425 block's end in the database's app_state. */
export function benchDeps(db: Kysely<DB>, baseUrl: string, extra: Partial<OmieClientOptions> = {}): ServiceDeps {
  let client: OmieClient | undefined;
  return {
    db,
    clock: systemClock,
    actor: { host: 'bench', user: 'bench' },
    omie: () => (client ??= simClient(baseUrl, { blockStore: appStateBlockStore(db), ...extra })),
  };
}
