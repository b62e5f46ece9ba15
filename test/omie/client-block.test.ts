/**
 * 425 MISUSE_API_PROCESS: stop at once, report when the block ends, persist it, and make no HTTP
 * request before then — also from a new client instance (a restart) that only has the BlockStore.
 */
import { describe, expect, it } from 'vitest';
import { forgetKnownBlocks, memoryBlockStore, omieScope } from '../../src/main/omie';
import { APP_KEY, failure, pages, useSim } from './sim-harness';

describe('Omie client and the 425 block', () => {
  const h = useSim({ clients: 12, months: 1 });

  it.each([
    ['blocked-425-seconds', 664_000],
    ['blocked-425-minutes', 30 * 60_000],
  ] as const)('%s → omie_blocked at once, end persisted, honoured after a restart without any HTTP call', async (kind, announcedMs) => {
    const store = memoryBlockStore();
    const t0 = h.clock.now();
    h.sim.control.injectNext(kind, 3, 'ListarClientes');
    const error = await failure(() => pages(h.client({ blockStore: store }).listarClientes({}, h.run())));
    expect(error).toMatchObject({ code: 'omie_blocked', kind: 'blocked' });
    const until = error.details!.untilEpochMs as number;
    expect(until).toBe(t0 + announcedMs + 1000);
    expect(error.details!.until).toBe(new Date(until).toISOString());
    expect(h.sim.control.stats().calls.ListarClientes).toBe(1); // not retried
    expect(h.clock.sleeps).toEqual([]);

    // Persisted under a hash of the app key, never the key itself.
    const scope = omieScope(APP_KEY);
    expect(scope).not.toContain(APP_KEY);
    expect([...store.entries]).toEqual([[scope, until]]);

    // "Restart": a new client with the same store and nothing in process memory.
    forgetKnownBlocks();
    h.clock.advance(60_000);
    const again = await failure(() => pages(h.client({ blockStore: store }).listarContasReceber()));
    expect(again).toMatchObject({ code: 'omie_blocked', details: { untilEpochMs: until } });
    expect(h.sim.control.stats().calls.ListarContasReceber ?? 0).toBe(0);
    expect(h.sim.control.stats().calls.ListarClientes).toBe(1);

    // Once the block has ended, calls go out again (resetStats drops the injections left).
    h.clock.set(until + 1);
    h.sim.control.resetStats();
    const got = await pages(h.client({ blockStore: store }).listarClientes());
    expect(got.flatMap((p) => p.records)).toHaveLength(h.sim.control.clientes().length);
  });

  it('the block is known process-wide: another client instance without a store does not call Omie either', async () => {
    h.sim.control.injectNext('blocked-425-seconds', 1);
    await failure(() => pages(h.client().listarClientes()));
    const other = await failure(() => pages(h.client({ pageSize: 3 }).listarContasReceber()));
    expect(other.code).toBe('omie_blocked');
    expect(h.sim.control.stats().calls).toEqual({ ListarClientes: 1 });
  });

  it("Omie's own block after consecutive faults: the client stops at the first 425 instead of retrying into it", async () => {
    h.sim.control.setLimits({ blockAfterConsecutiveErrors: 3, blockSeconds: 1800 });
    h.sim.control.injectNext('server-broken-500', 5, 'ListarClientes');
    const store = memoryBlockStore();
    const error = await failure(() => pages(h.client({ blockStore: store, maxAttempts: 6 }).listarClientes({}, h.run())));
    expect(error.code).toBe('omie_blocked');
    const stats = h.sim.control.stats();
    expect(stats.calls.ListarClientes).toBe(4); // 3 faults, then the 425; no retry after it
    expect(stats.faults['blocked-425']).toBe(1);
    // The simulator says "Tente novamente em N segundos" for the time left; the client's end is not earlier.
    expect(error.details!.untilEpochMs as number).toBeGreaterThanOrEqual(stats.blockedUntil!);
    expect(error.details!.untilEpochMs as number).toBeLessThanOrEqual(stats.blockedUntil! + 2000);
  });

  it('a failing BlockStore never hides the block (logged, still omie_blocked)', async () => {
    const broken = { get: async () => null, set: async () => Promise.reject(new Error('disk full')) };
    h.sim.control.injectNext('blocked-425-seconds', 1);
    const error = await failure(() => pages(h.client({ blockStore: broken }).listarClientes()));
    expect(error.code).toBe('omie_blocked');
    expect(h.logs.some((l) => /could not persist the 425 block end: disk full/.test(l))).toBe(true);
  });
});
