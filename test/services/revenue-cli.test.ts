/**
 * `ness-data sync revenue`, `close-month`, `reopen-month` as processes against the simulator over HTTP:
 * the --json shapes, exit codes, and a bad month.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_APP_KEY, DEMO_APP_SECRET, type OmieSim, startOmieSim } from '../../src/main/omie-sim/index';
import { formatMoney } from '../../src/shared/money';
import { describeBackends } from '../helpers/backends';
import { childEnv, runCli } from '../helpers/cli-process';
import { entries, expectedFaturamento, snapshotRows } from './revenue.fixture';

describeBackends('revenue commands (CLI)', (t) => {
  let sim: OmieSim;

  beforeAll(async () => {
    // the CLI runs on the real clock, so the simulator does too
    sim = await startOmieSim({ seed: 57, clients: 30, months: 3, lastMonth: '2026-10' });
  });
  afterAll(async () => {
    await sim.close();
  });

  const cli = (...args: string[]) =>
    runCli(['--db', t.url, ...args], childEnv({ OMIE_BASE_URL: sim.url, OMIE_APP_KEY: DEMO_APP_KEY, OMIE_APP_SECRET: DEMO_APP_SECRET, OMIE_PAGE_SIZE: '25' }));

  it('sync revenue --json prints the snapshot; a closed month needs --force; close and reopen report the state', async () => {
    const expected = expectedFaturamento(sim.control.titulos(), '2026-10');
    const synced = await cli('--json', 'sync', 'revenue', '2026-10');
    expect(synced.code, synced.stderr).toBe(0);
    const doc = JSON.parse(synced.stdout) as Record<string, unknown>;
    expect(Object.keys(doc).sort()).toEqual(['clients', 'period', 'restatements', 'status', 'titles', 'total']);
    expect(doc).toEqual({
      period: '2026-10',
      clients: expected.byCliente.size,
      titles: expected.titles,
      total: formatMoney(expected.total),
      status: 'success',
      restatements: 0,
    });
    expect(entries(await snapshotRows(t.db, '2026-10'))).toEqual(entries(expected.byCliente));

    const closed = await cli('--json', 'close-month', '2026-10');
    expect(closed.code, closed.stderr).toBe(0);
    expect(JSON.parse(closed.stdout)).toMatchObject({ period: '2026-10', closed: true });

    const refused = await cli('--json', 'sync', 'revenue', '2026-10');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual({
      error: { code: 'month_closed', message: 'The month 10/2026 is closed; use --force to re-snapshot it (changes are kept as restatements).' },
    });

    const victim = sim.control.titulos().find((r) => r.status_titulo !== 'CANCELADO' && r.data_emissao?.endsWith('/10/2026'))!;
    sim.control.cancelTitulo(victim.codigo_lancamento_omie);
    const forced = await cli('--json', 'sync', 'revenue', '2026-10', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    const after = expectedFaturamento(sim.control.titulos(), '2026-10');
    expect(JSON.parse(forced.stdout)).toEqual({
      period: '2026-10',
      clients: after.byCliente.size,
      titles: after.titles,
      total: formatMoney(after.total),
      status: 'success',
      restatements: 1,
    });

    const reopened = await cli('--json', 'reopen-month', '2026-10');
    expect(reopened.code, reopened.stderr).toBe(0);
    expect(JSON.parse(reopened.stdout)).toEqual({ period: '2026-10', closed: false, closedAt: null, closedBy: null });
  });

  // usage and exit codes do not depend on the backend: once is enough (each process costs seconds)
  it.runIf(t.backend === 'sqlite')('a bad month exits 2 with one line; a failed snapshot exits 1 with status error', async () => {
    const bad = await cli('sync', 'revenue', '2026-13');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/2026-13/);
    const badClose = await cli('--json', 'close-month', '10-2026');
    expect(badClose.code).toBe(2);
    expect(JSON.parse(badClose.stdout)).toMatchObject({ error: { code: 'bad_input' } });

    sim.control.injectNext('auth-403', 1, 'ListarContasReceber');
    const failed = await cli('--json', 'sync', 'revenue', '2026-09');
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ period: '2026-09', status: 'error', clients: 0, total: '0.00' });
  });
});
