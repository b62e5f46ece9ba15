import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { AppError } from '../../src/shared/errors';
import type { ServiceDeps } from '../../src/main/services/deps';
import { getEventAggregates } from '../../src/main/services/event-aggregates';
import { getDataIndices } from '../../src/main/services/data-indices';
import { aggregateEventsJob, computeIndicesJob, type JobTable } from '../../src/main/services/scheduled-jobs';
import { type JobRunResult, listJobRuns, runDueJobs, startScheduler } from '../../src/main/services/scheduler';
import { createDb } from '../../src/main/db/create-db';
import { startOmieSim } from '../../src/main/omie-sim/index';
import { DEFAULT_JOBS } from '../../src/main/services/scheduler';
import { backendNames, describeBackends, freshDatabase, freshDatabaseUrl } from '../helpers/backends';
import { childEnv, runCli } from '../helpers/cli-process';
import { entries, expectedFaturamento, revenueDeps, snapshotRows } from './revenue.fixture';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The real aggregation and indices services; Omie's revenue job is left out (no simulator here). */
const JOBS: JobTable = [aggregateEventsJob, computeIndicesJob];

function depsFor(db: ServiceDeps['db'], clock: ManualClock): ServiceDeps {
  return {
    db,
    clock,
    omie: () => {
      throw new AppError('omie_not_configured', 'no Omie in this test');
    },
    actor: { host: 'test', user: 'test' },
  };
}

const keys = (results: JobRunResult[]) => results.map((r) => `${r.job} ${r.dueKey}`);

describeBackends('scheduler', (t) => {
  it('runs due jobs once, catches up a week off one occurrence at a time, caps long gaps', async () => {
    // Nov 1 2026, 07:00 in Brasília: aggregation (01:00) and indices (02:00) are due.
    const clock = new ManualClock(Date.parse('2026-11-01T10:00:00.000Z'));
    const deps = depsFor(t.db, clock);
    await t.db
      .insertInto('module_events')
      .values({ id: randomUUID(), occurred_at: '2026-11-01T02:30:00.000Z', module: 'fin', event_type: 'x', detail: null })
      .execute();

    const first = await runDueJobs(deps, { jobs: JOBS });
    expect(keys(first)).toEqual(['aggregate-events 2026-10-31', 'compute-indices 2026-10']);
    expect(first.every((r) => r.status === 'success')).toBe(true);
    // the jobs really ran: 02:30Z on Nov 1 is Oct 31 in Brasília
    expect(await getEventAggregates(t.db, { from: '2026-10-31', to: '2026-10-31' })).toEqual([
      { period: '2026-10-31', module: 'fin', eventType: 'x', count: 1 },
    ]);
    expect((await getDataIndices(t.db, { from: '2026-10', to: '2026-10' })).map((r) => r.indexKey)).toHaveLength(3);
    expect(await runDueJobs(deps, { jobs: JOBS })).toEqual([]);

    // a week off: each missed daily run once, oldest first; indices are not due again until Dec 1
    clock.advance(7 * DAY);
    const week = await runDueJobs(deps, { jobs: JOBS });
    expect(keys(week)).toEqual(['01', '02', '03', '04', '05', '06', '07'].map((d) => `aggregate-events 2026-11-${d}`));
    expect(await runDueJobs(deps, { jobs: JOBS })).toEqual([]);

    // off until Jan 2 2027: daily catch-up capped at 35 occurrences, both monthly indices, in time order
    clock.set(Date.parse('2027-01-02T12:00:00.000Z'));
    const long = await runDueJobs(deps, { jobs: JOBS });
    const daily = long.filter((r) => r.job === 'aggregate-events').map((r) => r.dueKey);
    expect(daily).toHaveLength(35);
    expect(daily[0]).toBe('2026-11-28');
    expect(daily[34]).toBe('2027-01-01');
    expect(long.filter((r) => r.job === 'compute-indices').map((r) => r.dueKey)).toEqual(['2026-11', '2026-12']);
    expect(keys(long).indexOf('compute-indices 2026-11')).toBe(keys(long).indexOf('aggregate-events 2026-11-30') + 1);

    const runs = await listJobRuns(t.db, { limit: 1000 });
    const seen = new Set(runs.map((r) => `${r.job} ${r.dueKey}`));
    expect(seen.size).toBe(runs.length);
    expect(runs.every((r) => r.status === 'success' && r.finishedAt !== null)).toBe(true);
  });

  it('two runDueJobs at once run each occurrence once', async () => {
    const db = await freshDatabase(t.backend);
    try {
      const clock = new ManualClock(Date.parse('2026-11-01T10:00:00.000Z'));
      const deps = depsFor(db.db, clock);
      await runDueJobs(deps, { jobs: JOBS }); // establishes history so the next window catches up
      clock.advance(5 * DAY);
      const [a, b] = await Promise.all([runDueJobs(deps, { jobs: JOBS }), runDueJobs(deps, { jobs: JOBS })]);
      const all = [...keys(a), ...keys(b)].sort();
      expect(all).toEqual(['01', '02', '03', '04', '05'].map((d) => `aggregate-events 2026-11-${d}`));
      const rows = await db.db.selectFrom('job_runs').select(['job', 'due_key']).execute();
      expect(rows).toHaveLength(7);
    } finally {
      await db.drop();
    }
  });

  it('records a failure, retries it after an hour, and takes over a run left running by a dead process', async () => {
    const db = await freshDatabase(t.backend);
    try {
      const clock = new ManualClock(Date.parse('2026-11-01T10:00:00.000Z'));
      const deps = depsFor(db.db, clock);
      let attempts = 0;
      const flaky: JobTable = [
        {
          ...aggregateEventsJob,
          async run(d, day) {
            attempts += 1;
            if (attempts === 1) throw new AppError('db_busy', 'database locked');
            return aggregateEventsJob.run(d, day);
          },
        },
      ];
      expect(await runDueJobs(deps, { jobs: flaky })).toEqual([
        { job: 'aggregate-events', dueKey: '2026-10-31', status: 'error', message: 'database locked' },
      ]);
      clock.advance(10 * 60_000);
      expect(await runDueJobs(deps, { jobs: flaky })).toEqual([]);
      clock.advance(HOUR);
      const retried = await runDueJobs(deps, { jobs: flaky });
      expect(retried.map((r) => [r.dueKey, r.status])).toEqual([['2026-10-31', 'success']]);
      const [row] = await listJobRuns(db.db, { job: 'aggregate-events' });
      expect(row).toMatchObject({ dueKey: '2026-10-31', status: 'success' });

      // a run stuck in `running` (its process died) is left alone for a while, then taken over
      clock.set(Date.parse('2026-11-02T10:00:00.000Z'));
      await db.db
        .insertInto('job_runs')
        .values({ id: randomUUID(), job: 'aggregate-events', due_key: '2026-11-01', status: 'running', started_at: new Date(clock.now() - HOUR).toISOString() })
        .execute();
      expect(keys(await runDueJobs(deps, { jobs: flaky }))).toEqual([]);
      clock.advance(6 * HOUR);
      expect(keys(await runDueJobs(deps, { jobs: flaky }))).toEqual(['aggregate-events 2026-11-01']);
    } finally {
      await db.drop();
    }
  });

  it('the default jobs on day 1: revenue snapshot of the previous month against the simulator, month left open', async () => {
    const db = await freshDatabase(t.backend);
    const clock = new ManualClock(Date.parse('2026-11-01T10:00:00.000Z'));
    const sim = await startOmieSim({ seed: 5, clients: 12, months: 3, lastMonth: '2026-10', clock });
    try {
      const results = await runDueJobs(revenueDeps(db.db, sim.url, clock), { jobs: DEFAULT_JOBS });
      expect(results.map((r) => [r.job, r.dueKey, r.status])).toEqual([
        ['aggregate-events', '2026-10-31', 'success'],
        ['compute-indices', '2026-10', 'success'],
        ['revenue-snapshot', '2026-10', 'success'],
      ]);
      const expected = expectedFaturamento(sim.control.titulos(), '2026-10');
      expect(expected.titles).toBeGreaterThan(0);
      expect(entries(await snapshotRows(db.db, '2026-10'))).toEqual(entries(expected.byCliente));
      const period = await db.db.selectFrom('erp_revenue_period').select(['closed_at']).where('period', '=', '2026-10-01').executeTakeFirstOrThrow();
      expect(period.closed_at).toBeNull();
      expect(await runDueJobs(revenueDeps(db.db, sim.url, clock), { jobs: DEFAULT_JOBS })).toEqual([]);
    } finally {
      await sim.close();
      await db.drop();
    }
  });

  it('startScheduler catches up at start, reports each job, and stops cleanly', async () => {
    const db = await freshDatabase(t.backend);
    try {
      const clock = new ManualClock(Date.parse('2026-12-01T12:00:00.000Z'));
      const finished: JobRunResult[] = [];
      const scheduler = startScheduler(depsFor(db.db, clock), { jobs: JOBS, onJobFinished: (r) => finished.push(r) });
      await scheduler.started;
      await scheduler.stop();
      expect(keys(finished)).toEqual(['aggregate-events 2026-11-30', 'compute-indices 2026-11']);
    } finally {
      await db.drop();
    }
  });
});

it.each(backendNames())('two `ness-data run-due` processes on one %s database run each job once', async (backend) => {
  const { url, remove } = freshDatabaseUrl(backend);
  // never reach the real Omie: without keys (childEnv drops them) the revenue job fails fast with omie_not_configured
  const env = childEnv({ NESS_DATA_DB: url });
  try {
    const migrated = await createDb(url);
    await (await import('../../src/main/db/migrator')).migrateToLatest(migrated);
    await migrated.destroy();
    const [a, b] = await Promise.all([runCli(['--json', 'run-due'], env), runCli(['--json', 'run-due'], env)]);
    const ran = [a, b].flatMap((r) => (JSON.parse(r.stdout) as { ran: JobRunResult[] }).ran);
    expect(ran.map((r) => r.job).sort()).toEqual(['aggregate-events', 'compute-indices', 'revenue-snapshot']);
    expect(ran.find((r) => r.job === 'revenue-snapshot')?.status).toBe('error');
    expect([a.code, b.code]).toContain(1); // whoever ran the failed revenue job exits 1
    const db = await createDb(url);
    try {
      expect(await db.selectFrom('job_runs').select('job').execute()).toHaveLength(3);
    } finally {
      await db.destroy();
    }
  } finally {
    await remove();
  }
});
