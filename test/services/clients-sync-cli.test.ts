/**
 * `ness-data sync clients` as separate processes against the simulator over HTTP: two at once
 * (one runs, one is refused), and one killed mid-run (the next closes its row and finishes).
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressPrinter } from '../../src/main/cli/progress';
import type { SyncProgress } from '../../src/shared/progress';
import type { DB } from '../../src/main/db/schema';
import { DEMO_APP_KEY, DEMO_APP_SECRET, type OmieSim, startOmieSim } from '../../src/main/omie-sim/index';
import { describeBackends, freshDatabase } from '../helpers/backends';
import { childEnv, type CliRun, spawnCli } from '../helpers/cli-process';
import { waitFor } from '../helpers/wait';
import { customersOf } from './clients-sync.fixture';

const JSON_KEYS = ['runId', 'status', 'recordCount', 'inserted', 'updated', 'unchanged', 'skipped', 'pages', 'durationMs', 'errorMessage'];

/** `ness-data --db <dbUrl> …args` against the simulator at `simUrl`, `pageSize` customers a page. */
function startCliOnSim(dbUrl: string, simUrl: string, args: string[], pageSize: number): CliRun {
  const omie = { OMIE_BASE_URL: simUrl, OMIE_APP_KEY: DEMO_APP_KEY, OMIE_APP_SECRET: DEMO_APP_SECRET, OMIE_PAGE_SIZE: String(pageSize) };
  return spawnCli(['--db', dbUrl, ...args], childEnv(omie));
}

async function expectEveryCustomerOnce(db: Kysely<DB>, sim: OmieSim): Promise<void> {
  const customers = customersOf(sim.control.clientes());
  const rows = await db.selectFrom('clients').select('omie_codigo').execute();
  expect(rows).toHaveLength(customers.length);
  expect(new Set(rows.map((r) => r.omie_codigo))).toEqual(new Set(customers.map((c) => String(c.codigo_cliente_omie))));
}

describeBackends('ness-data sync clients in separate processes', (t) => {
  let sim: OmieSim;
  beforeAll(async () => {
    sim = await startOmieSim({ seed: 21, clients: 30 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('two syncs at once: one runs (--json shape, recordCount = the customer count), the other is refused', async () => {
    // slow pages keep the first run in flight until the other process has tried (however slow it starts)
    sim.control.setLatency(1500);
    const runs = [startCliOnSim(t.url, sim.url, ['--json', 'sync', 'clients'], 5), startCliOnSim(t.url, sim.url, ['--json', 'sync', 'clients'], 5)];
    await Promise.race(runs.map((r) => r.done));
    sim.control.setLatency(0);
    await Promise.all(runs.map((r) => r.done));
    const winner = runs.find((r) => r.code === 0);
    const loser = runs.find((r) => r.code !== 0);
    expect(winner, runs.map((r) => r.stderr).join('\n')).toBeDefined();
    expect(loser, 'both ran: the second should have been refused').toBeDefined();

    const doc = JSON.parse(winner!.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(JSON_KEYS);
    const customers = customersOf(sim.control.clientes());
    expect(doc).toMatchObject({ status: 'success', recordCount: customers.length, inserted: customers.length, updated: 0, errorMessage: null });
    expect(winner!.stderr).toMatch(/page 1\/\d+/); // progress went to stderr, stdout held only the JSON

    expect(loser!.code).toBe(1);
    const refusal = JSON.parse(loser!.stdout) as { error: { code: string; message: string } };
    expect(refusal.error.code).toBe('already_running');
    expect(refusal.error.message).toMatch(/^A sync is already running since \d\d\/\d\d\/\d{4} \d\d:\d\d on .+ \(started by .+\)\.$/);

    await expectEveryCustomerOnce(t.db, sim);
    const log = await t.db.selectFrom('erp_sync_log').select(['status']).execute();
    expect(log).toEqual([{ status: 'success' }]);
  });

  it('a sync killed mid-run: the next run closes the stale row as interrupted and leaves every client once', async () => {
    const fresh = await freshDatabase(t.backend);
    try {
      sim.control.setLatency(1000);
      const doomed = startCliOnSim(fresh.url, sim.url, ['--json', 'sync', 'clients'], 5);
      const runId = await waitFor(async () => {
        const row = await fresh.db.selectFrom('erp_sync_log').select(['id', 'pages']).where('status', '=', 'running').executeTakeFirst();
        return row && row.pages >= 1 ? row.id : undefined;
      }, 30_000);
      doomed.kill('SIGKILL');
      await doomed.done;
      expect(doomed.signal).toBe('SIGKILL');
      const partial = await fresh.db.selectFrom('clients').select('id').execute();
      expect(partial.length).toBeGreaterThan(0);
      expect(partial.length).toBeLessThan(customersOf(sim.control.clientes()).length);

      sim.control.setLatency(0);
      const next = await startCliOnSim(fresh.url, sim.url, ['--json', 'sync', 'clients'], 5).done;
      expect(next.code, next.stderr).toBe(0);
      const doc = JSON.parse(next.stdout) as { status: string; inserted: number; unchanged: number };
      expect(doc.status).toBe('success');
      expect(doc.unchanged).toBe(partial.length);

      const stale = await fresh.db.selectFrom('erp_sync_log').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
      expect(stale).toMatchObject({ status: 'error', error_code: 'interrupted' });
      expect(stale.finished_at).not.toBeNull();
      await expectEveryCustomerOnce(fresh.db, sim);
      expect(await fresh.db.selectFrom('sync_leases').selectAll().execute()).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });
});

describe('progress on stderr', () => {
  const base: SyncProgress = { runId: 'r1', kind: 'clients', phase: 'fetching', page: 2, totalPages: 4, records: 1000, totalRecords: 2000, etaMs: 3000, wait: null };
  function capture(isTTY: boolean) {
    const out = { isTTY, columns: 120, text: '', write(chunk: string) { out.text += chunk; } };
    return out;
  }

  it('prints one plain line per event when stderr is not a terminal', () => {
    const out = capture(false);
    const print = progressPrinter(out);
    print({ ...base, phase: 'starting', page: 0, records: 0, etaMs: null });
    print(base);
    print({ ...base, phase: 'waiting', wait: { ms: 57_000, until: 0, reason: 'redundant' } });
    print({ ...base, phase: 'waiting', wait: { ms: 2_000, until: 0, reason: 'server' } });
    print({ ...base, phase: 'finished', status: 'success' });
    print.close();
    expect(out.text.split('\n')).toEqual([
      'sync clients: starting (run r1)',
      'sync clients: page 2/4 · 1000/2000 records · ~3 s left',
      'sync clients: Omie asked to wait 57 s (redundant)',
      'sync clients: retrying in 2 s (server)',
      'sync clients: success',
      '',
    ]);
  });

  it('redraws one bar line on a terminal and ends it before the final line', () => {
    const out = capture(true);
    const print = progressPrinter(out);
    print(base);
    print({ ...base, page: 3 });
    print({ ...base, phase: 'finished', status: 'error', message: 'Cancelled by the user' });
    expect(out.text).toContain('\r\x1b[2K██████████');
    expect(out.text).toContain('page 3/4');
    expect(out.text.endsWith('\nsync clients: error — Cancelled by the user\n')).toBe(true);
  });
});
