import { formatMoney } from '../../shared/money';
import { addMonths, type Period } from '../../shared/period';
import type { ServiceDeps } from './deps';
import { computeDataIndices } from './data-indices';
import { aggregateModuleEventsForPeriod } from './event-aggregates';
import { syncOmieRevenueSnapshot } from './revenue-snapshot';
import { addDays, dayOfInstant } from './zoned-days';

/**
 * The spec's three crons as data: when each is due (a croner pattern read in the scheduler's time
 * zone), what an occurrence is due FOR (its due key: the day or month it works on) and how it runs.
 * Tests inject their own table (same shape) to run jobs against a simulator or a seeded database.
 */
export interface JobOutcome {
  status: 'success' | 'error';
  message: string;
}

export interface ScheduledJob {
  name: string;
  /** croner pattern (minute hour day month weekday), read in the scheduler's time zone. */
  pattern: string;
  /** At most this many past occurrences are caught up after the machine was off. */
  catchUp: number;
  /** The day or month an occurrence works on ("YYYY-MM-DD" / "YYYY-MM"); unique per job in job_runs. */
  dueKeyFor(occurrenceMs: number, timeZone: string): string;
  run(deps: ServiceDeps, dueKey: string): Promise<JobOutcome>;
}

export type JobTable = readonly ScheduledJob[];

/** The month before the (zoned) day an occurrence falls on. */
function previousMonthOf(occurrenceMs: number, timeZone: string): Period {
  return addMonths(dayOfInstant(occurrenceMs, timeZone).slice(0, 7), -1);
}

/** The day before the (zoned) day an occurrence falls on. */
function previousDayOf(occurrenceMs: number, timeZone: string): string {
  return addDays(dayOfInstant(occurrenceMs, timeZone), -1);
}

/** `/api/cron/sync-omie-revenue`: day 1 at 06:00, snapshot of the previous month. Never closes the month. */
const revenueSnapshotJob: ScheduledJob = {
  name: 'revenue-snapshot',
  pattern: '0 6 1 * *',
  catchUp: 3,
  dueKeyFor: previousMonthOf,
  async run(deps, period) {
    const r = await syncOmieRevenueSnapshot(deps, period);
    if (r.status === 'error') return { status: 'error', message: r.errorMessage ?? `Snapshot of ${period} failed.` };
    return { status: 'success', message: `${r.clients} client(s), ${r.titles} title(s), total ${formatMoney(r.total)}.` };
  },
};

/** `/api/cron/aggregate-events`: daily at 01:00, yesterday's events. */
export const aggregateEventsJob: ScheduledJob = {
  name: 'aggregate-events',
  pattern: '0 1 * * *',
  catchUp: 35,
  dueKeyFor: previousDayOf,
  async run(deps, day) {
    const outcome = await aggregateModuleEventsForPeriod(deps.db, day);
    return { status: 'success', message: `${outcome.events} event(s) in ${outcome.rows} row(s).` };
  },
};

/** `/api/cron/compute-data-indices`: day 1 at 02:00, indices of the previous month. */
export const computeIndicesJob: ScheduledJob = {
  name: 'compute-indices',
  pattern: '0 2 1 * *',
  catchUp: 3,
  dueKeyFor: previousMonthOf,
  async run(deps, period) {
    const outcome = await computeDataIndices(deps.db, period);
    const text = outcome.indices.map((i) => `${i.indexKey}=${i.indexKey === 'mrr_total' ? i.value : i.value.replace(/\.00$/, '')}`);
    return { status: 'success', message: `${text.join(', ')}.` };
  },
};

export const DEFAULT_JOBS: JobTable = [revenueSnapshotJob, aggregateEventsJob, computeIndicesJob];
