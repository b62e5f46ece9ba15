import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDemo, startDemo } from '../../src/main/demo/run-demo';
import { dayOfInstant } from '../../src/main/services/zoned-days';
import { addMonths } from '../../src/shared/period';

describe('ness-data demo', () => {
  let demo: RunningDemo;
  const savedEnv = { ...process.env };
  beforeAll(async () => {
    demo = await startDemo({ clients: 120, latencyMs: 0 });
  });
  afterAll(async () => {
    await demo?.stop();
    process.env = savedEnv;
  });

  const call = async (channel: string, body: unknown) => {
    const response = await fetch(`${demo.served.http.url}/api/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.served.http.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { ok: boolean; data: never };
    expect(json.ok, channel).toBe(true);
    return json.data;
  };

  it('serves a seeded console: synced clients, hand-made ones, snapshots of every month', async () => {
    expect(demo.served.http.openUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const summary: { totalClients: number; clientsWithOmie: number; lastSync: { status: string } } = await call('summary:get', {});
    expect(summary.lastSync.status).toBe('success');
    expect(summary.totalClients - summary.clientsWithOmie).toBeGreaterThanOrEqual(6);
    const snapshots: { periods: { period: string; closedAt: string | null }[] } = await call('snapshot:list', {});
    expect(snapshots.periods).toHaveLength(13);
    expect(snapshots.periods.filter((p) => p.closedAt !== null)).toHaveLength(10);
  });

  it('reconciles last month with deliberate mismatches of every kind', async () => {
    const period = addMonths(dayOfInstant(Date.now()).slice(0, 7), -1);
    const rec: { countsByStatus: Record<string, number>; source: { kind: string } } = await call('reconciliation:get', { period, limit: 10 });
    expect(rec.source.kind).toBe('snapshot');
    for (const status of ['ok', 'under', 'no_contract', 'unlinked']) expect(rec.countsByStatus[status], status).toBeGreaterThan(0);
    expect(rec.countsByStatus.ok).toBeGreaterThan(rec.countsByStatus.under!);
  });

  it('has app events, leads and indices for the months', async () => {
    const month = dayOfInstant(Date.now()).slice(0, 7);
    const indices: { months: { leads_mes: number | null; contratos_ativos: number | null; mrr_total: string | null }[] } = await call('indices:get', { from: addMonths(month, -3), to: month });
    expect(indices.months).toHaveLength(4);
    for (const m of indices.months) {
      expect(m.leads_mes).toBeGreaterThan(0);
      expect(m.contratos_ativos).toBeGreaterThan(0);
      expect(m.mrr_total).toMatch(/^\d+\.\d{2}$/);
    }
    const events: { total: number; byModule: unknown[] } = await call('events:get-aggregates', { from: `${addMonths(month, -1)}-01`, to: `${month}-01` });
    expect(events.total).toBeGreaterThan(100);
    expect(events.byModule.length).toBeGreaterThan(4);
  });

  it('removes its temporary database when stopped', async () => {
    const file = demo.dbUrl.slice('sqlite:'.length);
    expect(existsSync(file)).toBe(true);
    await demo.stop();
    expect(existsSync(file)).toBe(false);
    demo = undefined as unknown as RunningDemo;
  });
});
