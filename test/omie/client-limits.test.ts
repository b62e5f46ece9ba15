/**
 * The simulator's own limits (rate, same-method concurrency, redundancy) and the client's pacing
 * that keeps below them; 5001 unknown tag fails fast naming the tag.
 */
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/main/clock';
import { omieScope } from '../../src/main/omie';
import { workerDecoder } from '../../src/main/omie/answer-decoder';
import { createCaller } from '../../src/main/omie/caller';
import { makeScrub } from '../../src/main/omie/secret';
import { PACING_MARGIN_MS } from '../../src/main/omie/pacer';
import { APP_KEY, APP_SECRET, announcedWaits, failure, pages, useSim } from './sim-harness';

describe('Omie limits and pacing', () => {
  const h = useSim({ clients: 12, months: 1 });

  it('pacing: at most requestsPerMinute starts per rolling minute (and a margin), so the simulator never answers 429', async () => {
    h.sim.control.setLimits({ requestsPerMinute: 2 });
    const got = await pages(h.client({ pageSize: 3, requestsPerMinute: 2 }).listarClientes({}, h.run()));
    expect(got.length).toBeGreaterThanOrEqual(4);
    expect(h.sim.control.stats().faults).toEqual({});
    const waits = announcedWaits(h.progress);
    expect(waits.length).toBe(Math.ceil(got.length / 2) - 1);
    expect(waits.every(([reason, ms]) => reason === 'pacing' && ms === 60_000 + PACING_MARGIN_MS)).toBe(true);
  });

  it('pacing keeps a margin: a call that reached the simulator late does not make the next minute one too many', async () => {
    h.sim.control.setLimits({ requestsPerMinute: 2 });
    // the first call arrives 500 ms after the client started it (its clock reads that much behind
    // until the simulator has served a call); the rest arrive at once
    const late = 500;
    const served = () => Object.values(h.sim.control.stats().calls as Record<string, number>).reduce((a, b) => a + b, 0);
    const clock = { now: () => h.clock.now() - (served() === 0 ? late : 0), sleep: (ms: number, signal?: AbortSignal) => h.clock.sleep(ms, signal) };
    const got = await pages(h.client({ pageSize: 3, requestsPerMinute: 2, clock }).listarClientes({}, h.run()));
    expect(got.length).toBeGreaterThanOrEqual(3);
    expect(h.sim.control.stats().faults).toEqual({});
  });

  it("without pacing the simulator's rate limit answers 429 and the client backs off until it passes", async () => {
    h.sim.control.setLimits({ requestsPerMinute: 3 });
    const got = await pages(h.client({ pageSize: 3, requestsPerMinute: 0 }).listarClientes({}, h.run()));
    expect(got.flatMap((p) => p.records)).toHaveLength(h.sim.control.clientes().length);
    expect(h.sim.control.stats().faults['rate-429']).toBeGreaterThan(0);
    expect(announcedWaits(h.progress).every(([reason, ms]) => reason === 'rate_limit' && ms >= 16_000)).toBe(true);
  });

  it('never two calls of one method at once: concurrent listings queue behind one another (no 1880)', async () => {
    h.sim.control.setLimits({ maxConcurrentPerMethod: 1 });
    h.sim.control.setLatency(40);
    const client = h.client({ pageSize: 4 });
    const other = h.client({ pageSize: 5 }); // another instance, same app key: the limit is process-wide
    const results = await Promise.all([pages(client.listarClientes()), pages(other.listarClientes()), pages(client.listarClientes())]);
    expect(results.every((r) => r.flatMap((p) => p.records).length === h.sim.control.clientes().length)).toBe(true);
    const stats = h.sim.control.stats();
    expect(stats.maxInFlight.ListarClientes).toBe(1);
    expect(stats.faults['lock-1880']).toBeUndefined();
  });

  it('different methods run side by side (the limit is per method)', async () => {
    h.sim.control.setLatency(40);
    const client = h.client({ pageSize: 4 });
    await Promise.all([pages(client.listarClientes()), pages(client.listarContasReceber())]);
    const stats = h.sim.control.stats();
    expect(stats.maxInFlight).toEqual({ ListarClientes: 1, ListarContasReceber: 1 });
  });

  it('when allowed more in flight than Omie accepts, the 1880 lock is waited out and retried', async () => {
    h.sim.control.setLimits({ maxConcurrentPerMethod: 1 });
    h.sim.control.setLatency(30);
    const client = h.client({ pageSize: 6, maxInFlightPerMethod: 3, clock: systemClock, backoff: { baseMs: 40, capMs: 200 }, maxAttempts: 10 });
    const results = await Promise.all([1, 2, 3].map(() => pages(client.listarClientes({}, h.run()))));
    expect(results.every((r) => r.flatMap((p) => p.records).length === h.sim.control.clientes().length)).toBe(true);
    expect(h.sim.control.stats().faults['lock-1880']).toBeGreaterThan(0);
    expect(announcedWaits(h.progress).some(([reason]) => reason === 'method_lock')).toBe(true);
  });

  it('redundancy: the same sweep again within 60 s gets "Aguarde N segundos" and waits N + 1 s', async () => {
    h.sim.control.setLimits({ redundancyWindowSec: 60 });
    const client = h.client({ pageSize: 500 });
    await pages(client.listarClientes());
    h.clock.advance(15_000);
    const again = await pages(client.listarClientes({}, h.run()));
    expect(again.flatMap((p) => p.records)).toHaveLength(h.sim.control.clientes().length);
    expect(announcedWaits(h.progress)).toEqual([['redundant', 46_000]]); // "Aguarde 45 segundos."
    expect(h.sim.control.stats().faults.redundant).toBe(1);
  });

  function rawCaller() {
    const scrub = makeScrub(APP_KEY, APP_SECRET);
    return createCaller({
      baseUrl: h.sim.url,
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      scope: omieScope(APP_KEY),
      clock: h.clock,
      requestsPerMinute: 0,
      maxInFlightPerMethod: 1,
      requestTimeoutMs: 5000,
      maxAttempts: 6,
      backoff: { baseMs: 1000, capMs: 60_000 },
      log: (l) => h.logs.push(l),
      random: Math.random,
      scrub,
      decode: workerDecoder({ appKey: APP_KEY, appSecret: APP_SECRET }, scrub),
    });
  }

  it('5001 unknown tag → omie_protocol naming the tag, not retried', async () => {
    const call = rawCaller();
    const error = await failure(() =>
      call(`${h.sim.url}/geral/clientes/`, 'ListarClientes', { pagina: 1, registros_por_pagina: 10, filtrar_por_vendedor: 3 }, { label: 'ListarClientes page 1' }),
    );
    expect(error).toMatchObject({ code: 'omie_protocol', kind: 'unknown_tag', details: { tag: 'FILTRAR_POR_VENDEDOR' } });
    expect(error.message).toContain('FILTRAR_POR_VENDEDOR');
    expect(h.sim.control.stats().calls.ListarClientes).toBe(1);
  });

  it('a fault echoing the secret (upper-cased, as Omie echoes tags) is scrubbed from the error and the log', async () => {
    const call = rawCaller();
    const error = await failure(() =>
      call(`${h.sim.url}/geral/clientes/`, 'ListarClientes', { pagina: 1, [APP_SECRET]: 'x' }, { label: 'ListarClientes page 1' }),
    );
    expect(error.code).toBe('omie_protocol');
    const everything = `${error.message} ${JSON.stringify(error.details)} ${h.logs.join(' ')}`.toLowerCase();
    expect(everything).not.toContain(APP_SECRET.toLowerCase());
    expect(error.message).toContain('[app_secret]');
  });

  it('service URLs always end with a slash (a base URL ending in one is normalised); a wrong path is omie_protocol', async () => {
    const got = await pages(h.client({ baseUrl: `${h.sim.url}/` }).listarClientes());
    expect(got.length).toBeGreaterThan(0);
    const error = await failure(() =>
      pages(h.client({ baseUrl: `${h.sim.url.replace('/api/v1', '')}/nowhere` }).listarClientes()),
    );
    expect(error.code).toBe('omie_protocol');
  });
});
