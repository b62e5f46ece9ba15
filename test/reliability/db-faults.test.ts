/**
 * §4 Database faults.
 * Postgres: the sync's own connections (found by their application_name) are killed with
 * pg_terminate_backend in the middle of a clients sync, of a snapshot's fetch, and inside a
 * snapshot's write transaction (held there by a row lock this test takes, so the kill lands between
 * "old rows deleted, new rows inserted" and the commit). The shared server is never restarted. Each
 * run must end cleanly — the process survives, the result and erp_sync_log say what happened — no
 * partial month may appear in erp_revenue_snapshot, and the next run must complete with nothing lost.
 * SQLite: another process holds the file's write lock (BEGIN EXCLUSIVE with uncommitted rows): a sync
 * gets a clear db_busy message, reads keep working, and after that process is killed the file passes
 * PRAGMA integrity_check and the next sync completes.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { codecsFor } from '../../src/main/db/codecs';
import { createDb } from '../../src/main/db/create-db';
import type { DB } from '../../src/main/db/schema';
import { type OmieSim, startOmieSim } from '../../src/main/omie-sim/index';
import { syncOmieErp } from '../../src/main/services/clients-sync';
import { syncOmieRevenueSnapshot } from '../../src/main/services/revenue-snapshot';
import { backendNames, freshDatabase, type TestDatabase } from '../helpers/backends';
import { childEnv, ROOT, runCli } from '../helpers/cli-process';
import { waitFor } from '../helpers/wait';
import { auditClients, cleanAudit, lines, NO_LOSS, omieEnv, report, simDeps } from './harness';

const PERIOD = '2026-10';
const hasPostgres = backendNames().includes('postgres');

async function monthState(db: Kysely<DB>) {
  const codecs = codecsFor(db);
  const rows = await db.selectFrom('erp_revenue_snapshot').select(['omie_codigo', 'valor']).where('period', '=', `${PERIOD}-01`).orderBy('omie_codigo').execute();
  const period = await db.selectFrom('erp_revenue_period').select(['clients', 'titles', 'total', 'run_id']).where('period', '=', `${PERIOD}-01`).executeTakeFirst();
  const values = rows.map((r) => [r.omie_codigo, codecs.moneyFromDb(r.valor)] as const);
  const sum = values.reduce((a, [, v]) => a + v, 0n);
  return {
    values: values.map(([c, v]) => `${c}=${v}`),
    period: period ? { clients: Number(period.clients), titles: Number(period.titles), total: codecs.moneyFromDb(period.total), runId: period.run_id } : null,
    sum,
  };
}

/** A comparable text of a month's state (bigint-safe). */
const key = (state: unknown) => JSON.stringify(state, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

describe.skipIf(!hasPostgres).sequential('§4 database faults: Postgres connections terminated mid-run', () => {
  let sim: OmieSim;
  let database: TestDatabase;
  let admin: Kysely<DB>;
  let runDb: Kysely<DB>;
  let appName: string;
  const outcomes: string[] = [];
  let terminated = 0;
  let partialMonths = 0;

  beforeAll(async () => {
    sim = await startOmieSim({ seed: 840, clients: 240, months: 2, lastMonth: PERIOD });
    database = await freshDatabase('postgres');
    admin = database.db;
    appName = `ness_rel_${process.pid}_${Date.now().toString(36)}`;
    const url = new URL(database.url);
    url.searchParams.set('application_name', appName);
    runDb = await createDb(url.toString());
  });
  afterAll(async () => {
    report('db-faults [postgres]', {
      kills: outcomes.length,
      backends_terminated: terminated,
      outcomes: `"${outcomes.join('; ')}"`,
      'snapshot.partial_months': partialMonths,
      'records.lost': 0,
    });
    await runDb?.destroy();
    await sim?.close();
    await database?.drop();
  });

  /** pg_terminate_backend on every connection of the run's pool; returns how many. */
  async function terminateRunConnections(): Promise<number> {
    const { rows } = await sql<{ pid: number }>`
      select pg_terminate_backend(pid) as t, pid from pg_stat_activity
      where application_name = ${appName} and pid <> pg_backend_pid()`.execute(admin);
    terminated += rows.length;
    return rows.length;
  }

  async function runPages(kind: 'clients' | 'revenue'): Promise<number> {
    const row = await admin.selectFrom('erp_sync_log').select('pages').where('status', '=', 'running').where('kind', '=', kind).executeTakeFirst();
    return row ? Number(row.pages) : -1;
  }

  it('the pool really carries the application_name the test kills by', async () => {
    await sql`select 1`.execute(runDb);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where application_name = ${appName}`.execute(admin);
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  for (const afterPages of [1, 3, 6]) {
    it(`clients sync: connections killed after ${afterPages} page(s) → the run ends as error saying so; the next run completes`, async () => {
      sim.control.mutateCliente(sim.control.clientes()[afterPages]!.codigo_cliente_omie, { razao_social: `Alterada depois de ${afterPages} páginas Ltda` });
      sim.control.setLatency(40);
      const running = syncOmieErp(simDeps(runDb, sim.url, { pageSize: 10 }), { full: true });
      await waitFor(async () => ((await runPages('clients')) >= afterPages ? true : undefined), 30_000, `${afterPages} committed page(s)`);
      expect(await terminateRunConnections()).toBeGreaterThan(0);
      sim.control.setLatency(0);
      const result = await running;
      const row = await admin.selectFrom('erp_sync_log').selectAll().where('id', '=', result.runId).executeTakeFirstOrThrow();
      expect(row.status).toBe(result.status);
      // the lock's own connection was killed too: the run cannot claim success without it
      expect(result.status).toBe('error');
      expect(result.errorCode).toBe('db_unreachable');
      expect(row.error_code).toBe('db_unreachable');
      expect(row.error_message).toMatch(/^The connection to the database was lost/);
      outcomes.push(`clients sync after ${afterPages}: ${result.status}${result.errorCode ? ` (${result.errorCode})` : ''} at page ${result.pages}`);

      const next = await syncOmieErp(simDeps(runDb, sim.url, { pageSize: 10 }));
      expect(next.status, next.errorMessage ?? '').toBe('success');
      expect(cleanAudit(await auditClients(admin, sim.control.clientes()))).toEqual(NO_LOSS);
      expect(await admin.selectFrom('erp_sync_log').select('id').where('status', '=', 'running').execute()).toEqual([]);
    });
  }

  it('snapshot: connections killed while fetching → error, the month keeps its previous snapshot', async () => {
    const first = await syncOmieRevenueSnapshot(simDeps(runDb, sim.url, { pageSize: 10 }), PERIOD);
    expect(first.status).toBe('success');
    const before = await monthState(admin);
    sim.control.addTitulo({ codigo_cliente_fornecedor: Number(before.values[0]!.split('=')[0]), data_emissao: '10/10/2026', valor_documento: 777.77 });

    sim.control.setLatency(40);
    const running = syncOmieRevenueSnapshot(simDeps(runDb, sim.url, { pageSize: 10 }), PERIOD);
    await waitFor(async () => ((await runPages('revenue')) >= 1 ? true : undefined), 30_000, 'a fetched page');
    expect(await terminateRunConnections()).toBeGreaterThan(0);
    sim.control.setLatency(0);
    const result = await running;
    expect(result.status).toBe('error');
    expect(result.errorCode).toBe('db_unreachable');
    const after = await monthState(admin);
    if (key(after) !== key(before)) partialMonths += 1;
    expect(after).toEqual(before);
    outcomes.push(`snapshot fetch: ${result.status} (${result.errorCode}), month unchanged`);
  });

  it('snapshot: connections killed inside the month’s write transaction → error, no partial month; the next run is exact', async () => {
    const before = await monthState(admin);
    expect(before.period).not.toBeNull();
    // hold the month's period row so the snapshot's transaction stops right after replacing the rows
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    let locked: () => void = () => {};
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = admin.transaction().execute(async (trx) => {
      await sql`select 1 from erp_revenue_period where period = ${`${PERIOD}-01`} for update`.execute(trx);
      locked();
      await held;
    });
    await isLocked;
    try {
      const running = syncOmieRevenueSnapshot(simDeps(runDb, sim.url, { pageSize: 10 }), PERIOD);
      const waiting = await waitFor(async () => {
        const { rows } = await sql<{ query: string }>`
          select query from pg_stat_activity where application_name = ${appName} and wait_event_type = 'Lock'`.execute(admin);
        return rows[0]?.query;
      }, 30_000, 'the snapshot blocked inside its transaction');
      expect(waiting).toMatch(/erp_revenue_period/);
      // inside the transaction the month's rows are already deleted and re-inserted, not committed
      expect(await terminateRunConnections()).toBeGreaterThan(0);
      release();
      await holder;
      const result = await running;
      expect(result.status).toBe('error');
      expect(result.errorCode).toBe('db_unreachable');
      const row = await admin.selectFrom('erp_sync_log').selectAll().where('id', '=', result.runId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'error', error_code: 'db_unreachable' });
      const after = await monthState(admin);
      if (key(after) !== key(before)) partialMonths += 1;
      expect(after).toEqual(before);
      expect(after.sum).toBe(after.period!.total);
      outcomes.push(`snapshot write transaction: ${result.status} (${result.errorCode}), month unchanged`);
    } finally {
      release();
      await holder.catch(() => {});
    }

    const next = await syncOmieRevenueSnapshot(simDeps(runDb, sim.url, { pageSize: 10 }), PERIOD);
    expect(next.status, next.errorMessage ?? '').toBe('success');
    const now = await monthState(admin);
    expect(now.sum).toBe(now.period!.total);
    expect(now.sum).toBe(before.sum + 77777n);
  });
});

/** A separate process that takes the SQLite file's write lock with uncommitted rows, and keeps it. */
const LOCKER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.exec("BEGIN EXCLUSIVE");
db.prepare("insert into app_state (key, value, updated_at) values ('locker', 'uncommitted', '2026-01-01T00:00:00.000Z')").run();
process.stdout.write('locked\\n');
setInterval(() => {}, 1000);
`;

describe.sequential('§4 database faults: SQLite file locked by another process', () => {
  let sim: OmieSim;
  let database: TestDatabase;
  const tally = { busyMessages: 0, integrity: '', readsWhileLocked: 0 };

  beforeAll(async () => {
    sim = await startOmieSim({ seed: 841, clients: 60, months: 0 });
    database = await freshDatabase('sqlite');
    const first = await syncOmieErp(simDeps(database.db, sim.url));
    expect(first.status).toBe('success');
  });
  afterAll(async () => {
    report('db-faults [sqlite]', { locker_processes: 1, db_busy_messages: tally.busyMessages, reads_while_locked: tally.readsWhileLocked, integrity_check: tally.integrity, 'records.lost': 0 });
    await sim?.close();
    await database?.drop();
  });

  it('a sync against a locked file says db_busy in one clear line; after the locker dies the file is intact', async () => {
    const file = database.url.slice('sqlite:'.length);
    const locker = spawn(process.execPath, ['-e', LOCKER, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const closed = once(locker, 'close');
    try {
      await new Promise<void>((resolve, reject) => {
        locker.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
        locker.once('close', () => reject(new Error('the locker exited early')));
      });
      const env = childEnv(omieEnv(sim.url));
      const [sync, summary] = await Promise.all([
        runCli(['--db', database.url, '--json', 'sync', 'clients'], env),
        runCli(['--db', database.url, '--json', 'summary'], env),
      ]);
      expect(sync.code, sync.stderr).toBe(1);
      expect(JSON.parse(sync.stdout)).toEqual({ error: { code: 'db_busy', message: expect.stringMatching(/locked by another program/) } });
      expect(lines(sync.stderr)).toEqual([expect.stringMatching(/^ness-data: The database is locked by another program/)]);
      tally.busyMessages += 1;
      expect(summary.code, summary.stderr).toBe(0); // WAL: readers are not blocked by a writer
      tally.readsWhileLocked += 1;
    } finally {
      locker.kill('SIGKILL');
      await closed;
    }
    const raw = new Database(file);
    try {
      const check = raw.pragma('integrity_check', { simple: true });
      tally.integrity = String(check);
      expect(check).toBe('ok');
      expect(raw.prepare("select count(*) as n from app_state where key = 'locker'").get()).toEqual({ n: 0 });
    } finally {
      raw.close();
    }
    const next = await syncOmieErp(simDeps(database.db, sim.url));
    expect(next.status).toBe('success');
    expect(cleanAudit(await auditClients(database.db, sim.control.clientes()))).toEqual(NO_LOSS);
    expect(await database.db.selectFrom('erp_sync_log').select('status').where('status', '=', 'running').execute()).toEqual([]);
  });
});
