import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type Kysely, sql } from 'kysely';
import { AppError } from '../../shared/errors';
import { formatBrasiliaDateTime } from '../brasilia-time';
import { type Clock, systemClock } from '../clock';
import { capabilitiesOf } from './capabilities';
import type { DB, SyncKind } from './schema';

/**
 * One run at a time across processes and machines (DESIGN.md §2).
 *   Postgres: a session advisory lock keyed by (database, schema, name), held on a pinned connection;
 *             it goes away with the connection, so a crashed holder never blocks anyone.
 *   SQLite:   a lease row in `sync_leases` taken in an exclusive (BEGIN IMMEDIATE) step; a lease is
 *             taken over when its heartbeat is stale or its holder's process is dead on this host.
 */
export interface Lease {
  /** Refreshes the lease (SQLite) or checks the lock's connection (Postgres). Also done on a timer. */
  heartbeat(): Promise<void>;
}

export interface SingleRunOptions {
  clock?: Clock;
}

/** A lease whose heartbeat is older than this is taken over. */
export const LEASE_STALE_MS = 30_000;
/** How often the holder refreshes its lease. */
const LEASE_HEARTBEAT_MS = 5_000;

export async function withSingleRun<T>(
  db: Kysely<DB>,
  name: string,
  fn: (lease: Lease) => Promise<T>,
  options: SingleRunOptions = {},
): Promise<T> {
  const clock = options.clock ?? systemClock;
  return capabilitiesOf(db).advisoryLocks ? withAdvisoryLock(db, name, fn) : withLeaseRow(db, name, fn, clock);
}

async function withAdvisoryLock<T>(db: Kysely<DB>, name: string, fn: (lease: Lease) => Promise<T>): Promise<T> {
  const key = sql`hashtextextended(current_database() || '/' || current_schema() || '/' || ${name}, 0)`;
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${key}) as locked`.execute(conn);
    if (!rows[0]?.locked) throw await alreadyRunning(db, name, null);
    const lease: Lease = {
      async heartbeat() {
        await sql`select 1`.execute(conn);
      },
    };
    try {
      return await fn(lease);
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn).catch(() => {});
    }
  });
}

async function withLeaseRow<T>(db: Kysely<DB>, name: string, fn: (lease: Lease) => Promise<T>, clock: Clock): Promise<T> {
  const holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  await takeLease(db, name, holder, clock);
  const lease: Lease = {
    async heartbeat() {
      const { numUpdatedRows } = await db
        .updateTable('sync_leases')
        .set({ heartbeat_at: iso(clock.now()) })
        .where('name', '=', name)
        .where('holder', '=', holder)
        .executeTakeFirst();
      // the row is gone or another holder's: it took the lease over after LEASE_STALE_MS of silence
      if (numUpdatedRows === 0n) throw new AppError('already_running', 'Another process took over this run (its lock went unrefreshed for too long); this run stops here.');
    },
  };
  const timer = setInterval(() => void lease.heartbeat().catch(() => {}), LEASE_HEARTBEAT_MS);
  timer.unref();
  try {
    return await fn(lease);
  } finally {
    clearInterval(timer);
    await db.deleteFrom('sync_leases').where('name', '=', name).where('holder', '=', holder).execute().catch(() => {});
  }
}

/** Takes the lease in one exclusive step, or throws already_running. */
async function takeLease(db: Kysely<DB>, name: string, holder: string, clock: Clock): Promise<void> {
  const now = iso(clock.now());
  const taken = await db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const current = await conn.selectFrom('sync_leases').selectAll().where('name', '=', name).executeTakeFirst();
      if (current && !leaseIsAbandoned(current, clock)) {
        await sql`rollback`.execute(conn);
        return current;
      }
      if (current) {
        await conn.updateTable('sync_leases').set({ holder, acquired_at: now, heartbeat_at: now }).where('name', '=', name).execute();
      } else {
        await conn.insertInto('sync_leases').values({ name, holder, acquired_at: now, heartbeat_at: now }).execute();
      }
      await sql`commit`.execute(conn);
      return null;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => {});
      throw error;
    }
  });
  if (taken) throw await alreadyRunning(db, name, taken);
}

function leaseIsAbandoned(lease: { holder: string; heartbeat_at: string }, clock: Clock): boolean {
  if (clock.now() - Date.parse(lease.heartbeat_at) > LEASE_STALE_MS) return true;
  const [host, pidText] = lease.holder.split(':');
  const pid = Number(pidText);
  return host === hostname() && Number.isInteger(pid) && pid > 0 && !processAlive(pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const RUN_ROW_ATTEMPTS = 20;
const RUN_ROW_POLL_MS = 100;

/** "A sync is already running since …": from the running erp_sync_log row when there is one, else the lease. */
async function alreadyRunning(db: Kysely<DB>, name: string, lease: { holder: string; acquired_at: string } | null): Promise<AppError> {
  const target = runOfLock(name);
  let row: { started_at: string; host: string | null; os_user: string | null } | undefined;
  // The holder writes its running row right after taking the lock: give it a moment to appear.
  for (let attempt = 0; target && !row && attempt < RUN_ROW_ATTEMPTS; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, RUN_ROW_POLL_MS));
    let query = db.selectFrom('erp_sync_log').select(['started_at', 'host', 'os_user']).where('status', '=', 'running').where('kind', '=', target.kind);
    if (target.period) query = query.where('period', '=', target.period);
    row = await query.orderBy('started_at', 'desc').executeTakeFirst().catch(() => undefined);
  }
  const since = row?.started_at ?? lease?.acquired_at;
  const host = row?.host ?? lease?.holder.split(':')[0];
  const parts = ['A sync is already running'];
  if (since) parts.push(` since ${formatBrasiliaDateTime(since)}`);
  if (host) parts.push(` on ${host}`);
  if (row?.os_user) parts.push(` (started by ${row.os_user})`);
  return new AppError('already_running', `${parts.join('')}.`, { lock: name });
}

/** Which erp_sync_log rows a lock guards: 'sync:clients', 'sync:revenue', 'snapshot:YYYY-MM'. */
function runOfLock(name: string): { kind: SyncKind; period?: string } | null {
  if (name === 'sync:clients') return { kind: 'clients' };
  if (name === 'sync:revenue') return { kind: 'revenue' };
  const month = /^snapshot:(\d{4}-\d{2})$/.exec(name)?.[1];
  return month ? { kind: 'revenue', period: `${month}-01` } : null;
}


function iso(ms: number): string {
  return new Date(ms).toISOString();
}
