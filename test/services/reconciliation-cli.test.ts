/**
 * `ness-data reconcile` as a process, on both backends: the --json shape and values, the CSV it
 * writes, the human table, and the exit codes of bad usage and of offline without a snapshot.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../helpers/backends';
import { childEnv, runCli } from '../helpers/cli-process';
import { byOmieThenId, expectedRows, expectedTotals, PERIOD, type Seeded, seedMonth } from './reconciliation.fixture';

const ROW_KEYS = ['clientId', 'document', 'difference', 'differencePct', 'explained', 'invoiced', 'mrr', 'name', 'note', 'omieCodigo', 'source', 'status'].sort();

describeBackends('reconcile command (CLI)', (t) => {
  let seeded: Seeded;
  let dir: string;

  beforeAll(async () => {
    seeded = await seedMonth(t.db);
    dir = mkdtempSync(join(tmpdir(), 'ness-reconcile-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // no Omie keys and an unreachable Omie: only snapshot months can be reconciled
  const cli = (...args: string[]) => runCli(['--db', t.url, ...args], childEnv({ OMIE_BASE_URL: 'http://127.0.0.1:9/api/v1' }));

  it('--json prints period, source, rows and totals with amounts as decimal strings', async () => {
    const out = await cli('--json', 'reconcile', PERIOD, '--tolerance', '0,01');
    expect(out.code, out.stderr).toBe(0);
    const doc = JSON.parse(out.stdout) as { period: string; source: string; rows: Record<string, unknown>[]; totals: Record<string, string> };
    expect(Object.keys(doc).sort()).toEqual(['period', 'rows', 'source', 'totals']);
    expect(doc.period).toBe(PERIOD);
    expect(doc.source).toBe('snapshot');
    for (const row of doc.rows) expect(Object.keys(row).sort()).toEqual(ROW_KEYS);
    const expected = expectedRows(seeded).map(({ key: _key, ...rest }) => ({ ...rest, source: 'snapshot', note: null, explained: false }));
    expect([...doc.rows].sort(byOmieThenId as never)).toEqual(expected.sort(byOmieThenId));
    expect(doc.totals).toEqual(expectedTotals(expectedRows(seeded)));
  });

  it('--tolerance 0.02 changes the edges; --csv writes the file too', async () => {
    const file = join(dir, 'out.csv');
    const out = await cli('--json', 'reconcile', PERIOD, '--tolerance', '0.02', '--csv', file, '--csv-dialect', 'rfc4180');
    expect(out.code, out.stderr).toBe(0);
    const doc = JSON.parse(out.stdout) as { rows: { omieCodigo: string; clientId: string | null; status: string }[]; csv: { file: string; dialect: string; rows: number } };
    const expected = expectedRows(seeded, '2');
    expect(doc.rows.map((r) => [r.omieCodigo, r.clientId, r.status]).sort()).toEqual(expected.map((r) => [r.omieCodigo, r.clientId, r.status]).sort());
    expect(doc.csv).toEqual({ file, dialect: 'rfc4180', rows: expected.length });
    const csv = readFileSync(file, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^client,document,omie_codigo,mrr,invoiced,difference,/);
    expect(csv.split('\r\n').filter((l) => l !== '')).toHaveLength(expected.length + 2); // header, rows, totals (a name's own \n is inside quotes)
  });

  it('prints a readable table with the totals', async () => {
    const out = await cli('reconcile', PERIOD);
    expect(out.code, out.stderr).toBe(0);
    const totals = expectedTotals(expectedRows(seeded));
    expect(out.stdout).toContain('Reconciliation 10/2026 — source: snapshot of 01/11/2026 10:32');
    expect(out.stdout).toMatch(/Client\s+Document\s+Omie code\s+MRR\s+Invoiced\s+Difference/);
    expect(out.stdout).toContain(`Totals: MRR ${totals.mrr} · invoiced ${totals.invoiced} · difference ${totals.difference}`);
    expect(out.stdout).toMatch(/Gama Indústria\s+33444555000101\s+1003\s+500\.00\s+499\.99\s+-0\.01\s+0\.00\s+ok/);
  });

  it('bad month, bad tolerance and bad dialect exit 2 with one line', async () => {
    if (t.backend !== 'sqlite') return; // refused before the database is opened: once is enough
    for (const args of [
      ['reconcile', '2026-13'],
      ['reconcile', PERIOD, '--tolerance', 'abc'],
      ['reconcile', PERIOD, '--csv', join(dir, 'x.csv'), '--csv-dialect', 'xlsx'],
    ]) {
      const out = await cli(...args);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(out.stdout).toBe('');
    }
    const json = await cli('--json', 'reconcile', PERIOD, '--tolerance', 'abc');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'bad_input', message: expect.stringContaining('--tolerance') } });
  });

  it('a month without snapshot, offline or without Omie keys, exits 1 with the reason', async () => {
    const offline = await cli('--json', 'reconcile', '2026-12', '--offline');
    expect(offline.code).toBe(1);
    expect(JSON.parse(offline.stdout)).toEqual({ error: { code: 'offline', message: expect.stringContaining('12/2026') } });
    const noKeys = await cli('reconcile', '2026-12');
    expect(noKeys.code).toBe(1);
    expect(noKeys.stderr).toMatch(/^ness-data: No snapshot of 12\/2026/);
  });
});
