import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { ManualClock } from '../../src/main/clock';
import { LEASE_STALE_MS, withSingleRun } from '../../src/main/db/locks';
import type { DB } from '../../src/main/db/schema';
import { describeBackends, freshDatabase } from '../helpers/backends';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Takes lock `name` and keeps it until `release()`, which resolves once the lock is free again. */
async function holdLock(db: Kysely<DB>, name: string): Promise<{ release(): Promise<void> }> {
  const started = deferred();
  const release = deferred();
  const held = withSingleRun(db, name, async () => {
    started.resolve();
    await release.promise;
  });
  await started.promise;
  return {
    async release() {
      release.resolve();
      await held;
    },
  };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected already_running');
}

describeBackends('withSingleRun', (t) => {
  it('refuses a second holder while the first runs, then frees the lock', async () => {
    const started = deferred();
    const release = deferred();
    const first = withSingleRun(t.db, 'sync:clients', async () => {
      started.resolve();
      await release.promise;
      return 'first';
    });
    await started.promise;
    const error = await refusal(withSingleRun(t.db, 'sync:clients', async () => 'second'));
    expect(error.code).toBe('already_running');
    expect(error.message).toMatch(/^A sync is already running/);
    // another name is another lock
    await expect(withSingleRun(t.db, 'sync:revenue', async () => 'other')).resolves.toBe('other');
    release.resolve();
    await expect(first).resolves.toBe('first');
    await expect(withSingleRun(t.db, 'sync:clients', async () => 'again')).resolves.toBe('again');
  });

  it('names the running log row (since, host, user) in the refusal', async () => {
    await t.db
      .insertInto('erp_sync_log')
      .values({ id: '00000000-0000-4000-8000-000000000001', kind: 'clients', status: 'running', started_at: '2026-11-01T13:05:00.000Z', host: 'ws-ana', os_user: 'ana' })
      .execute();
    const first = await holdLock(t.db, 'sync:clients');
    const error = await refusal(withSingleRun(t.db, 'sync:clients', async () => null));
    expect(error.message).toBe('A sync is already running since 01/11/2026 10:05 on ws-ana (started by ana).');
    await first.release();
    await t.db.deleteFrom('erp_sync_log').execute();
  });

  it('a per-month snapshot lock names the running revenue row of that month', async () => {
    await t.db
      .insertInto('erp_sync_log')
      .values([
        { id: '00000000-0000-4000-8000-000000000002', kind: 'revenue', period: '2026-10-01', status: 'running', started_at: '2026-11-02T12:00:00.000Z', host: 'ws-carla', os_user: 'carla' },
        { id: '00000000-0000-4000-8000-000000000003', kind: 'clients', status: 'running', started_at: '2026-11-03T12:00:00.000Z', host: 'ws-dan', os_user: 'dan' },
      ])
      .execute();
    const first = await holdLock(t.db, 'snapshot:2026-10');
    const error = await refusal(withSingleRun(t.db, 'snapshot:2026-10', async () => null));
    expect(error.message).toBe('A sync is already running since 02/11/2026 09:00 on ws-carla (started by carla).');
    await expect(withSingleRun(t.db, 'snapshot:2026-09', async () => 'other month')).resolves.toBe('other month');
    await first.release();
    await t.db.deleteFrom('erp_sync_log').execute();
  });

  it('releases the lock when the work throws', async () => {
    await expect(
      withSingleRun(t.db, 'sync:clients', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(withSingleRun(t.db, 'sync:clients', async () => 1)).resolves.toBe(1);
  });

  if (t.backend === 'postgres') {
    it('keys the advisory lock by schema: another schema on the same server is another lock', async () => {
      const other = await freshDatabase('postgres');
      try {
        const first = await holdLock(t.db, 'sync:clients');
        await expect(withSingleRun(other.db, 'sync:clients', async () => 'elsewhere')).resolves.toBe('elsewhere');
        await first.release();
      } finally {
        await other.drop();
      }
    });
  }

  if (t.backend === 'sqlite') {
    describe('lease rows', () => {
      it('takes over a lease whose heartbeat is stale, and keeps a fresh one', async () => {
        const clock = new ManualClock();
        const fresh = new Date(clock.now() - 1000).toISOString();
        await t.db.insertInto('sync_leases').values({ name: 'sync:clients', holder: 'other-host:4242:abcd', acquired_at: fresh, heartbeat_at: fresh }).execute();
        const error = await refusal(withSingleRun(t.db, 'sync:clients', async () => null, { clock }));
        expect(error.message).toMatch(/on other-host\.$/);
        clock.advance(LEASE_STALE_MS + 1000);
        await expect(withSingleRun(t.db, 'sync:clients', async () => 'taken', { clock })).resolves.toBe('taken');
        expect(await t.db.selectFrom('sync_leases').selectAll().execute()).toEqual([]);
      });

      it('takes over a lease whose holder process is dead on this host', async () => {
        const now = new Date().toISOString();
        const deadPid = 2 ** 22 + 17; // above pid_max: never a live process
        await t.db.insertInto('sync_leases').values({ name: 'sync:clients', holder: `${hostname()}:${deadPid}:abcd`, acquired_at: now, heartbeat_at: now }).execute();
        await expect(withSingleRun(t.db, 'sync:clients', async () => 'taken')).resolves.toBe('taken');
      });

      it('a holder whose lease was taken over learns it at its next heartbeat, and leaves the new lease alone', async () => {
        const error = await refusal(
          withSingleRun(t.db, 'sync:clients', async (lease) => {
            await lease.heartbeat();
            // what another process does once this lease has gone LEASE_STALE_MS without a heartbeat
            await t.db.updateTable('sync_leases').set({ holder: 'other-host:4242:abcd' }).where('name', '=', 'sync:clients').execute();
            await lease.heartbeat();
            return 'not reached';
          }),
        );
        expect(error.code).toBe('already_running');
        expect(error.message).toMatch(/took over/);
        expect(await t.db.selectFrom('sync_leases').select('holder').execute()).toEqual([{ holder: 'other-host:4242:abcd' }]);
        await t.db.deleteFrom('sync_leases').execute();
      });

      it('heartbeat refreshes the lease', async () => {
        const clock = new ManualClock();
        await withSingleRun(
          t.db,
          'sync:clients',
          async (lease) => {
            clock.advance(60_000);
            await lease.heartbeat();
            const row = await t.db.selectFrom('sync_leases').select('heartbeat_at').executeTakeFirstOrThrow();
            expect(Date.parse(row.heartbeat_at)).toBe(clock.now());
          },
          { clock },
        );
      });
    });
  }
});
