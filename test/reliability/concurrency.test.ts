/**
 * §3 Concurrency. Two `ness-data sync clients` processes started at once on one database: exactly
 * one runs, the other exits 1 with "already running", and no client is stored twice. Two
 * `ness-data sync revenue` of the same month at once: one snapshot, exact to the cent. Two
 * `ness-data migrate` processes at once on one fresh Postgres schema (and SQLite file): both succeed,
 * each migration applied once — plus more rounds of the same race from separate connection pools.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codecsFor } from '../../src/main/db/codecs';
import { createDb } from '../../src/main/db/create-db';
import type { DB } from '../../src/main/db/schema';
import { type OmieSim, type RawTitulo, startOmieSim } from '../../src/main/omie-sim/index';
import { migrations } from '../../migrations/index';
import { type BackendName, backendNames, freshDatabase, freshDatabaseUrl } from '../helpers/backends';
import { childEnv, type CliRun, ROOT, spawnCli } from '../helpers/cli-process';
import { auditClients, cleanAudit, inParallel, lines, NO_LOSS, omieEnv, report } from './harness';

const PERIOD = '2026-10';

/** Faturamento per customer of the month, by the suite's own reading of the raw titles. */
function expectedSnapshot(titulos: readonly RawTitulo[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const t of titulos) {
    if (String(t.status_titulo).toUpperCase() === 'CANCELADO') continue;
    const date = [t.data_emissao, t.data_registro, t.data_vencimento].find((d) => typeof d === 'string' && d.trim() !== '');
    if (!date || date.slice(3, 10) !== `${PERIOD.slice(5, 7)}/${PERIOD.slice(0, 4)}`) continue;
    const code = String(t.codigo_cliente_fornecedor);
    out.set(code, (out.get(code) ?? 0n) + BigInt(Math.round(Number(t.valor_documento) * 100)));
  }
  return out;
}

/** Starts two runs "at once" and keeps the simulator slow until the first one ends, so they overlap. */
async function race(sim: OmieSim, start: () => CliRun): Promise<[CliRun, CliRun]> {
  sim.control.setLatency(1200);
  const runs: [CliRun, CliRun] = [start(), start()];
  await Promise.race(runs.map((r) => r.done));
  sim.control.setLatency(0);
  await Promise.all(runs.map((r) => r.done));
  return runs;
}

function winnerAndLoser(runs: CliRun[]): { winner: CliRun; loser: CliRun } {
  const winner = runs.find((r) => r.code === 0);
  const loser = runs.find((r) => r !== winner);
  expect(winner, runs.map((r) => r.stderr).join('\n---\n')).toBeDefined();
  expect(loser!.code, `both ran:\n${loser!.stderr}`).toBe(1);
  return { winner: winner!, loser: loser! };
}

interface RaceLane {
  backend: BackendName;
  sim: OmieSim;
  tally: { syncRaces: number; syncRefused: number; snapshotRaces: number; snapshotRefused: number; duplicated: number; missing: number; centsOff: number };
}

describe.sequential(`§3 concurrency: two runs at once [${backendNames().join(', ')}]`, () => {
  const lanes: RaceLane[] = [];
  beforeAll(async () => {
    for (const backend of backendNames()) {
      const sim = await startOmieSim({ seed: 830, clients: 60, months: 2, lastMonth: PERIOD });
      lanes.push({ backend, sim, tally: { syncRaces: 0, syncRefused: 0, snapshotRaces: 0, snapshotRefused: 0, duplicated: 0, missing: 0, centsOff: 0 } });
    }
  });
  afterAll(async () => {
    for (const { backend, sim, tally } of lanes) {
      report(`concurrency [${backend}]`, {
        'sync.races': tally.syncRaces,
        'sync.refused_with_already_running': tally.syncRefused,
        'snapshot.races': tally.snapshotRaces,
        'snapshot.refused_with_already_running': tally.snapshotRefused,
        'clients.duplicated': tally.duplicated,
        'clients.missing': tally.missing,
        'snapshot.cents_off': tally.centsOff,
      });
      await sim.close();
    }
  });

  it('two sync processes at once: one runs, the other exits 1 with "already running"; no duplicates', () =>
    inParallel(lanes, async ({ backend, sim, tally }) => {
      const database = await freshDatabase(backend);
      try {
        const env = childEnv(omieEnv(sim.url, { pageSize: 10 }));
        const runs = await race(sim, () => spawnCli(['--db', database.url, 'sync', 'clients'], env));
        tally.syncRaces += 1;
        const { loser } = winnerAndLoser(runs);
        expect(lines(loser.stderr)).toEqual([expect.stringMatching(/^ness-data: A sync is already running since \d\d\/\d\d\/\d{4} \d\d:\d\d on .+\.$/)]);
        tally.syncRefused += 1;
        const audit = await auditClients(database.db, sim.control.clientes());
        tally.duplicated += audit.duplicated;
        tally.missing += audit.missing;
        expect(cleanAudit(audit)).toEqual(NO_LOSS);
        expect(await database.db.selectFrom('erp_sync_log').select('status').execute()).toEqual([{ status: 'success' }]);
      } finally {
        await database.drop();
      }
    }));

  it('two snapshots of the same month at once: one result, exact to the cent', () =>
    inParallel(lanes, async ({ backend, sim, tally }) => {
      const database = await freshDatabase(backend);
      try {
        const env = childEnv(omieEnv(sim.url, { pageSize: 10 }));
        const runs = await race(sim, () => spawnCli(['--db', database.url, '--json', 'sync', 'revenue', PERIOD], env));
        tally.snapshotRaces += 1;
        const { winner, loser } = winnerAndLoser(runs);
        expect(JSON.parse(loser.stdout)).toEqual({ error: { code: 'already_running', message: expect.stringMatching(/^A sync is already running since /) } });
        tally.snapshotRefused += 1;

        const expected = expectedSnapshot(sim.control.titulos());
        const codecs = codecsFor(database.db);
        const rows = await database.db.selectFrom('erp_revenue_snapshot').select(['omie_codigo', 'valor']).where('period', '=', `${PERIOD}-01`).execute();
        const stored = new Map(rows.map((r) => [r.omie_codigo, codecs.moneyFromDb(r.valor)]));
        expect(rows).toHaveLength(stored.size); // one row per customer
        for (const [code, cents] of expected) if (stored.get(code) !== cents) tally.centsOff += 1;
        expect([...stored].sort()).toEqual([...expected].sort());
        const total = [...expected.values()].reduce((a, b) => a + b, 0n);
        expect(JSON.parse(winner.stdout)).toMatchObject({ period: PERIOD, status: 'success', clients: expected.size });
        expect((JSON.parse(winner.stdout) as { total: string }).total).toBe(`${total / 100n}.${String(total % 100n).padStart(2, '0')}`);
        const log = await database.db.selectFrom('erp_sync_log').select(['kind', 'status']).execute();
        expect(log).toEqual([{ kind: 'revenue', status: 'success' }]);
      } finally {
        await database.drop();
      }
    }));
});

const ROUNDS = 2;
const RACERS = 3;
const MIGRATOR = resolve(__dirname, 'fixtures/migrate-at-signal.ts');

/** A child that migrates `url` when told to (fixtures/migrate-at-signal.ts). */
function startMigrator(url: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', MIGRATOR, url], { cwd: ROOT, env: childEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => (markReady = r));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const result = once(child, 'close').then(() => {
    const last = out.trim().split('\n').pop() ?? '';
    try {
      return JSON.parse(last) as { ok: boolean; applied?: number; error?: string };
    } catch {
      return { ok: false, error: `no result: ${out} ${err}` };
    }
  });
  return { ready, go: () => child.stdin.write('go\n'), result };
}

describe('§3 concurrency: migrations racing on a fresh database', () => {
  const total = Object.keys(migrations).length;

  async function appliedOnce(url: string): Promise<number> {
    const db = await createDb(url);
    try {
      const rows = await (db as unknown as Kysely<{ kysely_migration: { name: string } }>).selectFrom('kysely_migration').select('name').execute();
      expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
      return rows.length;
    } finally {
      await db.destroy();
    }
  }

  it(`two \`ness-data migrate\` processes at once both succeed [${backendNames().join(', ')}]`, () =>
    inParallel(backendNames(), async (backend) => {
      const { url, remove } = freshDatabaseUrl(backend);
      try {
        const runs = [spawnCli(['--db', url, '--json', 'migrate']), spawnCli(['--db', url, '--json', 'migrate'])];
        const outs = await Promise.all(runs.map((r) => r.done));
        for (const out of outs) expect(out.code, out.stderr).toBe(0);
        const applied = outs.map((o) => (JSON.parse(o.stdout) as { applied: string[] }).applied.length);
        expect(applied.reduce((a, b) => a + b, 0)).toBe(total); // each migration applied by exactly one of them
        expect(await appliedOnce(url)).toBe(total);
        report(`concurrency.migrate-processes [${backend}]`, { processes: 2, succeeded: outs.filter((o) => o.code === 0).length, migrations: total, applied_split: applied.join('+') });
      } finally {
        await remove();
      }
    }));

  it(`${ROUNDS} rounds of ${RACERS} processes released at the same instant to migrate one fresh database [${backendNames().join(', ')}]`, () =>
    inParallel(backendNames(), async (backend) => {
      let succeeded = 0;
      const splits: string[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        const { url, remove } = freshDatabaseUrl(backend);
        try {
          const children = Array.from({ length: RACERS }, () => startMigrator(url));
          await Promise.all(children.map((c) => c.ready));
          for (const c of children) c.go();
          const outs = await Promise.all(children.map((c) => c.result));
          for (const out of outs) expect(out.ok, out.error).toBe(true);
          succeeded += outs.length;
          splits.push(outs.map((o) => o.applied).join('+'));
          expect(outs.reduce((a, o) => a + (o.applied ?? 0), 0)).toBe(total);
          expect(await appliedOnce(url)).toBe(total);
        } finally {
          await remove();
        }
      }
      report(`concurrency.migrate-race [${backend}]`, { rounds: ROUNDS, processes: ROUNDS * RACERS, succeeded, applied_split: splits.join(',') });
    }));
});
