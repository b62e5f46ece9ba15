import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { LIMITS_OFF, type OmieSim, startOmieSim } from '../../src/main/omie-sim';
import { listarClientes, listarReceber } from './helpers';

describe('Omie simulator limits (ManualClock)', () => {
  let sim: OmieSim;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock(Date.UTC(2026, 10, 15, 15, 0, 0));
    sim = await startOmieSim({ seed: 5, clients: 30, months: 2, clock });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.control.setLimits(LIMITS_OFF);
    sim.control.setLatency(0);
    sim.control.resetStats();
  });

  it('are all off by default', async () => {
    for (let i = 0; i < 30; i++) expect((await listarClientes(sim, { pagina: 1 })).status).toBe(200);
    const answers = await Promise.all([1, 2, 3, 4, 5, 6].map(() => listarClientes(sim, { pagina: 1 })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('rate: over requestsPerMinute per method in a sliding minute → 429 Too many requests', async () => {
    sim.control.setLimits({ requestsPerMinute: 3 });
    for (let pagina = 1; pagina <= 3; pagina++) expect((await listarClientes(sim, { pagina: 1, registros_por_pagina: 10 + pagina })).status).toBe(200);
    const over = await listarClientes(sim, { pagina: 1 });
    expect(over.status).toBe(429);
    expect(over.json).toEqual({ faultcode: 'SOAP-ENV:Client-429', faultstring: 'ERROR: Too many requests' });
    expect((await listarReceber(sim, { pagina: 1 })).status).toBe(200); // per method
    clock.advance(59_999);
    expect((await listarClientes(sim, { pagina: 1 })).status).toBe(429);
    clock.advance(1);
    expect((await listarClientes(sim, { pagina: 1 })).status).toBe(200);
    expect(sim.control.stats().faults['rate-429']).toBe(2);
  });

  it('concurrency: calls of one method above maxConcurrentPerMethod → 1880', async () => {
    sim.control.setLatency(150);
    sim.control.setLimits({ maxConcurrentPerMethod: 1 });
    const [a, b, c, other] = await Promise.all([
      listarClientes(sim, { pagina: 1 }),
      listarClientes(sim, { pagina: 2 }),
      listarClientes(sim, { pagina: 1, registros_por_pagina: 5 }),
      listarReceber(sim, { pagina: 1 }),
    ]);
    expect([a, b, c].map((x) => x.status).sort()).toEqual([200, 500, 500]);
    const refused = [a, b, c].find((x) => x.status === 500);
    expect(refused?.json).toEqual({
      faultcode: 'SOAP-ENV:Client-1880',
      faultstring: 'ERROR: Já existe uma requisição desse método sendo executada e você pode tentar novamente em alguns instantes. (1)',
    });
    expect(other?.status).toBe(200);
    expect(sim.control.stats().maxInFlight).toEqual({ ListarClientes: 1, ListarContasReceber: 1 });
    sim.control.setLimits({ maxConcurrentPerMethod: 2 });
    const four = await Promise.all([1, 2, 3, 4].map((p) => listarClientes(sim, { pagina: 1, registros_por_pagina: p })));
    expect(four.filter((x) => x.status === 200)).toHaveLength(2);
    expect(sim.control.stats().maxInFlight.ListarClientes).toBe(2);
    expect((await listarClientes(sim, { pagina: 1 })).status).toBe(200); // slots are released
  });

  it('redundancy: an identical body within the window → Client-6 "Aguarde N segundos." with N remaining', async () => {
    sim.control.setLimits({ redundancyWindowSec: 60 });
    const param = { pagina: 1, registros_por_pagina: 20 };
    expect((await listarClientes(sim, param)).status).toBe(200);
    const again = await listarClientes(sim, param);
    expect(again.status).toBe(500);
    expect(again.json).toEqual({ faultcode: 'SOAP-ENV:Client-6', faultstring: 'ERROR: Consumo redundante detectado. Aguarde 60 segundos.' });
    clock.advance(45_000);
    expect((await listarClientes(sim, param)).json.faultstring).toBe('ERROR: Consumo redundante detectado. Aguarde 15 segundos.');
    expect((await listarClientes(sim, { ...param, pagina: 2 })).status).toBe(200); // a different body is fine
    expect((await listarReceber(sim, param)).status).toBe(200); // so is another method
    clock.advance(15_000);
    expect((await listarClientes(sim, param)).status).toBe(200);
  });

  it('block: N consecutive faults → 425 MISUSE_API_PROCESS for blockSeconds; calls while blocked do not extend it', async () => {
    sim.control.setLimits({ blockAfterConsecutiveErrors: 3, blockSeconds: 120 });
    for (let i = 0; i < 3; i++) expect((await listarClientes(sim, { nope: i })).status).toBe(500);
    const blocked = await listarClientes(sim, { pagina: 1 });
    expect(blocked.status).toBe(425);
    expect(blocked.json).toEqual({ faultcode: 'MISUSE_API_PROCESS', faultstring: 'ERROR: API bloqueada por consumo indevido. Tente novamente em 120 segundos.' });
    expect(sim.control.stats().blockedUntil).toBe(clock.now() + 120_000);
    clock.advance(30_000);
    expect((await listarClientes(sim, { pagina: 1 })).json.faultstring).toBe('ERROR: API bloqueada por consumo indevido. Tente novamente em 90 segundos.');
    expect(sim.control.stats().blockedUntil).toBe(clock.now() + 90_000);
    expect((await listarReceber(sim, { pagina: 1 })).status).toBe(200); // per method
    clock.advance(90_000);
    expect((await listarClientes(sim, { pagina: 1 })).status).toBe(200);
    expect(sim.control.stats().blockedUntil).toBeNull();
  });

  it('block: a success resets the count; 5113 and 425 do not count; injected faults do', async () => {
    sim.control.setLimits({ blockAfterConsecutiveErrors: 3, blockSeconds: 60 });
    await listarClientes(sim, { nope: 1 });
    await listarClientes(sim, { nope: 2 });
    expect((await listarClientes(sim, { pagina: 1 })).status).toBe(200);
    await listarClientes(sim, { nope: 3 });
    await listarClientes(sim, { pagina: 999 }); // 5113: end of data, not misuse
    await listarClientes(sim, { nope: 4 });
    expect((await listarClientes(sim, { pagina: 1 })).status).toBe(200);
    sim.control.injectNext('server-broken-500', 3, 'ListarClientes');
    for (let i = 0; i < 3; i++) expect((await listarClientes(sim, { pagina: 1 })).status).toBe(500);
    expect((await listarClientes(sim, { pagina: 1 })).status).toBe(425);
  });
});
