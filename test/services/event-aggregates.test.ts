import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { aggregateModuleEventsForPeriod, getEventAggregates } from '../../src/main/services/event-aggregates';
import { describeBackends } from '../helpers/backends';

interface Seed {
  at: string;
  module: string;
  type: string;
}

/** Brasília is UTC−3: 02:30Z on the 2nd is 23:30 on the 1st. */
const EVENTS: Seed[] = [
  { at: '2026-10-01T03:00:00.000Z', module: 'fin', type: 'contract.created' }, // 00:00 on Oct 1
  { at: '2026-10-01T15:00:00.000Z', module: 'fin', type: 'contract.created' },
  { at: '2026-10-02T02:30:00.000Z', module: 'fin', type: 'contract.created' }, // 23:30 on Oct 1
  { at: '2026-10-02T02:59:59.999Z', module: 'growth', type: 'lead.created' }, // 23:59:59.999 on Oct 1
  { at: '2026-10-02T03:00:00.000Z', module: 'growth', type: 'lead.created' }, // 00:00 on Oct 2
  { at: '2026-10-01T02:59:59.000Z', module: 'fin', type: 'contract.created' }, // Sep 30
  { at: '2026-10-31T12:00:00.000Z', module: 'data', type: 'sync.clients' },
  { at: '2026-11-01T02:00:00.000Z', module: 'data', type: 'sync.clients' }, // Oct 31, 23:00
  { at: '2026-11-01T03:00:00.000Z', module: 'data', type: 'sync.clients' }, // Nov 1
];

/** The expected buckets, computed here by shifting each instant by −3 h (no DST in Brasília since 2019). */
function expectedBuckets(events: Seed[], from: string, to: string) {
  const counts = new Map<string, number>();
  for (const e of events) {
    const day = new Date(Date.parse(e.at) - 3 * 3_600_000).toISOString().slice(0, 10);
    if (day < from || day > to) continue;
    const key = `${day}|${e.module}|${e.type}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([key, count]) => {
      const [period, module, eventType] = key.split('|') as [string, string, string];
      return { period, module, eventType, count };
    })
    .sort((a, b) => a.period.localeCompare(b.period) || a.module.localeCompare(b.module) || a.eventType.localeCompare(b.eventType));
}

describeBackends('event aggregates', (t) => {
  async function seed(events: Seed[]) {
    await t.db
      .insertInto('module_events')
      .values(events.map((e) => ({ id: randomUUID(), occurred_at: e.at, module: e.module, event_type: e.type, detail: null })))
      .execute();
  }

  beforeAll(async () => {
    await seed(EVENTS);
  });

  it('buckets a day by Brasília midnight, not UTC', async () => {
    const outcome = await aggregateModuleEventsForPeriod(t.db, '2026-10-01');
    expect(outcome).toMatchObject({ from: '2026-10-01', to: '2026-10-01', days: 1 });
    const rows = await getEventAggregates(t.db, { from: '2026-10-01', to: '2026-10-01' });
    expect(rows).toEqual(expectedBuckets(EVENTS, '2026-10-01', '2026-10-01'));
    expect(rows).toEqual([
      { period: '2026-10-01', module: 'fin', eventType: 'contract.created', count: 3 },
      { period: '2026-10-01', module: 'growth', eventType: 'lead.created', count: 1 },
    ]);
    expect(outcome.events).toBe(4);
    expect(outcome.rows).toBe(2);
  });

  it('aggregates a whole month into its days and leaves other months alone', async () => {
    const outcome = await aggregateModuleEventsForPeriod(t.db, '2026-10');
    expect(outcome).toMatchObject({ from: '2026-10-01', to: '2026-10-31', days: 31 });
    const expected = expectedBuckets(EVENTS, '2026-10-01', '2026-10-31');
    expect(await getEventAggregates(t.db, { from: '2026-10', to: '2026-10' })).toEqual(expected);
    expect(outcome.events).toBe(expected.reduce((n, r) => n + r.count, 0));
    expect(await getEventAggregates(t.db, { from: '2026-09', to: '2026-09' })).toEqual([]);
    expect(await getEventAggregates(t.db, { from: '2026-11-01' })).toEqual([]);
  });

  it('re-running replaces the days: new events are counted, vanished buckets disappear', async () => {
    await seed([{ at: '2026-10-31T20:00:00.000Z', module: 'data', type: 'sync.clients' }]);
    await t.db.deleteFrom('module_events').where('module', '=', 'growth').execute();
    await aggregateModuleEventsForPeriod(t.db, '2026-10');
    const after = await getEventAggregates(t.db, { from: '2026-10', to: '2026-10' });
    const remaining = await t.db.selectFrom('module_events').select(['occurred_at', 'module', 'event_type']).execute();
    const now = remaining.map((r) => ({ at: new Date(r.occurred_at).toISOString(), module: r.module, type: r.event_type }));
    expect(after).toEqual(expectedBuckets(now, '2026-10-01', '2026-10-31'));
    expect(after.find((r) => r.period === '2026-10-31')?.count).toBe(3);
    expect(after.some((r) => r.module === 'growth')).toBe(false);
    // running it again changes nothing
    await aggregateModuleEventsForPeriod(t.db, '2026-10');
    expect(await getEventAggregates(t.db, { from: '2026-10', to: '2026-10' })).toEqual(after);
  });

  it('filters by module and refuses what is not a day or a month', async () => {
    const rows = await getEventAggregates(t.db, { module: 'data' });
    expect(rows.every((r) => r.module === 'data')).toBe(true);
    expect(rows.length).toBeGreaterThan(0);
    await expect(aggregateModuleEventsForPeriod(t.db, '2026-13')).rejects.toMatchObject({ code: 'bad_input' });
    await expect(aggregateModuleEventsForPeriod(t.db, '2026-02-30')).rejects.toMatchObject({ code: 'bad_input' });
  });
});
