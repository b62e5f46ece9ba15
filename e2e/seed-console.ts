/**
 * Seeds the end-to-end database in one process (run by e2e/fixtures.ts through tsx, before
 * `ness-data serve` starts): hand-made clients, a full clients sync against the running
 * simulator, faturamento snapshots of the last 12 months, contracts with deliberate mismatches, app events and leads,
 * event aggregates and indices, older months closed — the same building blocks as `ness-data demo`,
 * on a smaller scale. Prints one line `seeded {...}` on stdout when done.
 *
 *   node --import tsx e2e/seed-console.ts <db-url> <omie-sim-url> <app-key> <app-secret>
 */
import { addMonths, type Period, periodFirstDay } from '../src/shared/period';
import { systemClock } from '../src/main/clock';
import { createDb } from '../src/main/db/create-db';
import { migrateToLatest } from '../src/main/db/migrator';
import { demoFaker } from '../src/main/demo/demo-rng';
import { seedDemoActivity } from '../src/main/demo/seed-activity';
import { seedDemoContracts } from '../src/main/demo/seed-contracts';
import { seedHandMadeClients } from '../src/main/demo/seed-hand-made-clients';
import { createOmieClient } from '../src/main/omie/index';
import type { RawCliente } from '../src/main/omie-sim/index';
import { syncOmieErp } from '../src/main/services/clients-sync';
import { computeDataIndices } from '../src/main/services/data-indices';
import { currentActor, type ServiceDeps } from '../src/main/services/deps';
import { aggregateModuleEventsForPeriod } from '../src/main/services/event-aggregates';
import { closeMonth } from '../src/main/services/month-close';
import { appStateBlockStore } from '../src/main/services/omie-block-store';
import { syncOmieRevenueSnapshot } from '../src/main/services/revenue-snapshot';
import { dayOfInstant } from '../src/main/services/zoned-days';

const MONTHS_BACK = 11;

async function main(): Promise<void> {
  const [dbUrl, simUrl, appKey, appSecret] = process.argv.slice(2);
  if (!dbUrl || !simUrl || !appKey || !appSecret) throw new Error('usage: seed-console.ts <db-url> <omie-sim-url> <app-key> <app-secret>');
  const db = await createDb(dbUrl);
  try {
    await migrateToLatest(db);
    const faker = demoFaker(7);
    const omie = createOmieClient({ appKey, appSecret, baseUrl: simUrl, pageSize: 500, requestsPerMinute: 0, blockStore: appStateBlockStore(db) });
    const deps: ServiceDeps = { db, clock: systemClock, actor: currentActor(), omie: () => omie };
    const today = dayOfInstant(systemClock.now());
    const currentMonth: Period = today.slice(0, 7);
    const firstMonth = addMonths(currentMonth, -MONTHS_BACK);

    const clientes = (await (await fetch(`${simUrl.replace(/\/api\/v1\/?$/, '')}/__sim/clientes`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).json()) as RawCliente[];
    const handMade = await seedHandMadeClients(db, faker, clientes);
    const sync = await syncOmieErp(deps, { full: true });
    if (sync.status !== 'success') throw new Error(`clients sync failed: ${sync.errorMessage}`);

    // Every month from snapshots (the current one too, still open), so pages answer from the
    // database; live Omie reads are left for drill-downs and the syncs the tests run.
    for (let period = firstMonth; period <= currentMonth; period = addMonths(period, 1)) await syncOmieRevenueSnapshot(deps, period);
    const contracts = await seedDemoContracts(db, faker, firstMonth, handMade.unlinked);
    const activity = await seedDemoActivity(db, faker, periodFirstDay(firstMonth), today);
    for (let period = firstMonth; period <= currentMonth; period = addMonths(period, 1)) {
      await aggregateModuleEventsForPeriod(db, period);
      await computeDataIndices(db, period);
    }
    // Older months closed, the last two open — as the finance team leaves them.
    for (let period = firstMonth; period < addMonths(currentMonth, -2); period = addMonths(period, 1)) await closeMonth(db, period, 'financeiro@e2e', systemClock);
    process.stdout.write(`seeded ${JSON.stringify({ clients: sync.inserted, contracts: contracts.contracts, events: activity.events, leads: activity.leads })}\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed-console: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
