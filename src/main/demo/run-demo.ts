/**
 * `ness-data demo`: the whole console on the embedded default, with nothing to configure.
 * An Omie simulator in this process, a seeded SQLite database in a temp directory, the first
 * syncs (clients, 12 months of faturamento snapshots, event aggregates, indices), then the
 * console served on 127.0.0.1. The Omie keys are the simulator's demo pair, set in this process only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { addMonths, type Period, periodFirstDay, periodLastDay } from '../../shared/period';
import { systemClock } from '../clock';
import { createDb } from '../db/create-db';
import { migrateToLatest } from '../db/migrator';
import type { DB } from '../db/schema';
import { createOmieClient } from '../omie/index';
import { DEMO_APP_KEY, DEMO_APP_SECRET, type OmieSim, startOmieSim } from '../omie-sim/index';
import { syncOmieErp } from '../services/clients-sync';
import { computeDataIndices } from '../services/data-indices';
import { currentActor, type ServiceDeps } from '../services/deps';
import { aggregateModuleEventsForPeriod } from '../services/event-aggregates';
import { closeMonth } from '../services/month-close';
import { appStateBlockStore } from '../services/omie-block-store';
import { syncOmieRevenueSnapshot } from '../services/revenue-snapshot';
import { dayOfInstant } from '../services/zoned-days';
import { type ServedConsole, serveConsole } from '../transport/serve-console';
import { demoFaker } from './demo-rng';
import { seedDemoActivity } from './seed-activity';
import { seedDemoContracts } from './seed-contracts';
import { seedHandMadeClients } from './seed-hand-made-clients';

export interface DemoOptions {
  clients?: number;
  /** Months of history in the simulator (the current one included). */
  months?: number;
  /** Simulator latency once the console is up, so a sync's progress can be watched. */
  latencyMs?: number;
  /** Page size of the console's Omie client (small pages: more progress steps). */
  pageSize?: number;
  host?: string;
  port?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface RunningDemo {
  served: ServedConsole;
  sim: OmieSim;
  db: Kysely<DB>;
  dbUrl: string;
  stop(): Promise<void>;
}

export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 2026;
  const months = options.months ?? 13;
  const dir = mkdtempSync(join(tmpdir(), 'ness-data-demo-'));
  const dbUrl = `sqlite:${join(dir, 'ness-data-demo.sqlite')}`;
  const sim = await startOmieSim({ seed, clients: options.clients ?? 1500, months });
  process.env.OMIE_BASE_URL = sim.url;
  process.env.OMIE_APP_KEY = DEMO_APP_KEY;
  process.env.OMIE_APP_SECRET = DEMO_APP_SECRET;
  const db = await createDb(dbUrl);
  const cleanup = async () => {
    await db.destroy().catch(() => {});
    await sim.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await migrateToLatest(db);
    log(`demo: Omie simulator at ${sim.url}; database ${dbUrl}`);
    await seedDatabase(db, sim, seed, months, log);
    sim.control.setLatency(options.latencyMs ?? 300);
    const served = await serveConsole({
      db,
      dbUrl,
      host: options.host,
      port: options.port,
      env: { OMIE_APP_KEY: DEMO_APP_KEY, OMIE_APP_SECRET: DEMO_APP_SECRET },
      omieOptions: { baseUrl: sim.url, pageSize: options.pageSize ?? 100 },
      log,
    });
    return {
      served,
      sim,
      db,
      dbUrl,
      async stop() {
        await served.stop();
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function seedDatabase(db: Kysely<DB>, sim: OmieSim, seed: number, months: number, log: (line: string) => void): Promise<void> {
  const faker = demoFaker(seed);
  // The simulator's limits are off: no pacing, so the first syncs take seconds, not minutes.
  const omie = createOmieClient({ appKey: DEMO_APP_KEY, appSecret: DEMO_APP_SECRET, baseUrl: sim.url, pageSize: 500, requestsPerMinute: 0, blockStore: appStateBlockStore(db) });
  const deps: ServiceDeps = { db, clock: systemClock, actor: currentActor(), omie: () => omie };
  const today = dayOfInstant(systemClock.now());
  const currentMonth = today.slice(0, 7);
  const firstMonth: Period = addMonths(currentMonth, -(months - 1));
  const pastMonths = Array.from({ length: 12 }, (_, i) => addMonths(currentMonth, -12 + i));

  const handMade = await seedHandMadeClients(db, faker, sim.control.clientes());
  const clients = await syncOmieErp(deps, { full: true });
  log(`demo: clients sync ${clients.status}: ${clients.inserted} new, ${clients.updated} updated, ${clients.skipped} skipped`);

  // Every month the simulator knows has a snapshot (the current one stays open), so the console
  // answers from the database; live Omie reads are left for drill-downs and new syncs.
  for (const period of [...pastMonths, currentMonth]) {
    const snapshot = await syncOmieRevenueSnapshot(deps, period);
    log(`demo: faturamento snapshot ${period}: ${snapshot.status}, ${snapshot.clients} customers`);
  }
  const contracts = await seedDemoContracts(db, faker, firstMonth, handMade.unlinked);
  log(
    `demo: ${contracts.contracts} contracts (${contracts.underInvoiced} above invoicing, ${contracts.overInvoiced} below, ${contracts.notInvoiced} never invoiced, ${contracts.unlinked} unlinked, ${contracts.withoutContract} customers without contract)`,
  );
  const activity = await seedDemoActivity(db, faker, periodFirstDay(firstMonth), today);
  log(`demo: ${activity.events} app events, ${activity.leads} leads`);

  for (let period = firstMonth; period <= currentMonth; period = addMonths(period, 1)) {
    await aggregateModuleEventsForPeriod(db, period);
    await computeDataIndices(db, period);
  }
  // The older months are closed, as the finance team would have done; the last two stay open.
  for (const period of pastMonths.slice(0, -2)) await closeMonth(db, period, 'financeiro@demo', systemClock);
  log(`demo: event aggregates and indices from ${firstMonth} to ${currentMonth} (up to ${periodLastDay(currentMonth)})`);
}
