import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { LIMITS_OFF, type OmieSim, SIM_FAULT_KINDS, type SimFaultKind, startOmieSim } from '../../src/main/omie-sim';
import { listarClientes, listarReceber } from './helpers';

const NOW = Date.UTC(2026, 10, 15, 15, 0, 0); // 12:00:00 in Brasília

/** What each injected kind must look like on the wire. */
const EXPECTED: Record<Exclude<SimFaultKind, 'network-reset' | 'hang' | 'http-503' | 'redundant-variant'>, { status: number; body: unknown }> = {
  'server-broken-500': { status: 500, body: { faultcode: 'SOAP-ENV:Server', faultstring: 'SOAP-ERROR: Broken response from Application Server (BG)' } },
  'fault-in-200': { status: 200, body: { faultcode: 'SOAP-ENV:Server', faultstring: 'SOAP-ERROR: Broken response from Application Server (BG)' } },
  'html-502': { status: 502, body: null },
  'error-code-body': { status: 500, body: { error_code: '500', error_message: 'ERROR: Erro interno ao processar a requisição. Tente novamente.' } },
  redundant: { status: 500, body: { faultcode: 'SOAP-ENV:Client-6', faultstring: 'ERROR: Consumo redundante detectado. Aguarde 3 segundos.' } },
  'duplicate-8020': {
    status: 500,
    body: { faultcode: 'SOAP-ENV:Client-8020', faultstring: 'ERROR: Esta requisição já foi processada ou está sendo processada e você pode tentar novamente às 12:00:03. (1)' },
  },
  'duplicate-1100': {
    status: 500,
    body: { faultcode: 'SOAP-ENV:Client-1100', faultstring: 'ERROR: Esta requisição já foi processada ou está sendo processada e você pode tentar novamente às 12:00:03. (1)' },
  },
  'lock-1880': {
    status: 500,
    body: { faultcode: 'SOAP-ENV:Client-1880', faultstring: 'ERROR: Já existe uma requisição desse método sendo executada e você pode tentar novamente em alguns instantes. (1)' },
  },
  'rate-429': { status: 429, body: { faultcode: 'SOAP-ENV:Client-429', faultstring: 'ERROR: Too many requests' } },
  'blocked-425-seconds': { status: 425, body: { faultcode: 'MISUSE_API_PROCESS', faultstring: 'ERROR: API bloqueada por consumo indevido. Tente novamente em 664 segundos.' } },
  'blocked-425-minutes': { status: 425, body: { faultcode: 'MISUSE_API_PROCESS', faultstring: 'ERROR: API bloqueada por consumo indevido. Tente novamente em 30 minutos.' } },
  'auth-403': { status: 403, body: { faultcode: 'SOAP-ENV:Server', faultstring: 'ERROR: A chave de acesso não está preenchida ou não é válida.' } },
  'suspended-403': { status: 403, body: { faultcode: 'SOAP-ENV:Server', faultstring: 'ERROR: A chave de acesso está inválida ou o aplicativo está suspenso.' } },
};

describe('Omie simulator faults', () => {
  let sim: OmieSim;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock(NOW);
    sim = await startOmieSim({ seed: 2, clients: 20, months: 1, clock });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.control.setLimits(LIMITS_OFF);
    sim.control.setFaults({ rate: 0, kinds: [] });
    sim.control.resetStats();
  });

  for (const [kind, expected] of Object.entries(EXPECTED)) {
    it(`injects ${kind}`, async () => {
      sim.control.injectNext(kind as SimFaultKind);
      const a = await listarClientes(sim, { pagina: 1 });
      expect(a.status).toBe(expected.status);
      if (expected.body !== null) expect(a.json).toEqual(expected.body);
      else {
        expect(a.contentType).toBe('text/html');
        expect(a.text).toContain('502 Bad Gateway');
      }
      expect((await listarClientes(sim, { pagina: 1 })).status).toBe(200); // only the next call
      expect(sim.control.stats().faults[kind]).toBe(1);
    });
  }

  it('injects http-503 alternately with a JSON fault and an empty body', async () => {
    sim.control.injectNext('http-503', 2);
    const first = await listarClientes(sim, {});
    const second = await listarClientes(sim, {});
    expect([first.status, second.status]).toEqual([503, 503]);
    const [json, empty] = first.text === '' ? [second, first] : [first, second];
    expect(json.json.faultcode).toBe('SOAP-ENV:Server');
    expect(empty.text).toBe('');
  });

  it('injects redundant-variant rotating every wording', async () => {
    sim.control.injectNext('redundant-variant', 4);
    const got = [];
    for (let i = 0; i < 4; i++) got.push((await listarClientes(sim, {})).json);
    expect(got).toEqual([
      { faultcode: 'SOAP-ENV:Client-6', faultstring: 'ERROR: Consumo redundante detectado. Aguarde 3 segundos para efetuar a requisição.' },
      { faultcode: 'SOAP-ENV:Client-5020', faultstring: 'ERROR: Consumo redundante detectado. Aguarde 3 segundos para uma nova requisição.' },
      { faultcode: 'SOAP-ENV:Server', faultstring: 'SOAP-ERROR: REDUNDANT' },
      { faultcode: 'SOAP-ENV:Client-6', faultstring: 'Consumo redundante detectado. Aguarde 3 segundos (REDUNDANT)' },
    ]);
  });

  it('puts the Brasília clock time plus a few seconds in "às HH:MM:SS"', async () => {
    clock.advance(3600_000 + 58_000); // 13:00:58 → retry at 13:01:01
    sim.control.injectNext('duplicate-8020');
    expect((await listarClientes(sim, {})).json.faultstring).toContain('novamente às 13:01:01. (1)');
    clock.set(NOW);
  });

  it('injects network-reset (the socket is destroyed)', async () => {
    sim.control.injectNext('network-reset');
    await expect(listarClientes(sim, {})).rejects.toThrow();
    expect((await listarClientes(sim, {})).status).toBe(200);
  });

  it('injects hang (no answer until close)', async () => {
    const own = await startOmieSim({ clients: 3, months: 1, clock: new ManualClock(NOW) });
    own.control.injectNext('hang');
    const pending = fetch(`${own.url}/geral/clientes/`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(300) });
    await expect(pending).rejects.toThrow();
    own.control.injectNext('hang');
    const hanging = fetch(`${own.url}/geral/clientes/`, { method: 'POST', body: '{}' }).then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise((r) => setTimeout(r, 50));
    await own.close();
    expect(await hanging).toBe('dropped');
  });

  it('scopes injections to a method and a count', async () => {
    sim.control.injectNext('server-broken-500', 2, 'ListarContasReceber');
    expect((await listarClientes(sim, {})).status).toBe(200);
    expect((await listarReceber(sim, {})).status).toBe(500);
    expect((await listarReceber(sim, {})).status).toBe(500);
    expect((await listarReceber(sim, {})).status).toBe(200);
    expect(sim.control.stats()).toMatchObject({ calls: { ListarClientes: 1, ListarContasReceber: 3 }, faults: { 'server-broken-500': 2 } });
  });

  it('draws random faults from a seeded RNG at the given rate, only among the given kinds', async () => {
    sim.control.setFaults({ rate: 1, kinds: ['html-502'] });
    expect((await listarClientes(sim, {})).status).toBe(502);
    const run = async (s: OmieSim) => {
      s.control.setFaults({ rate: 0.5, kinds: ['server-broken-500', 'rate-429'] });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await listarClientes(s, { pagina: 1 })).status);
      return out;
    };
    const a = await startOmieSim({ seed: 77, clients: 3, months: 1, clock: new ManualClock(NOW) });
    const b = await startOmieSim({ seed: 77, clients: 3, months: 1, clock: new ManualClock(NOW) });
    try {
      const [sa, sb] = [await run(a), await run(b)];
      expect(sa).toEqual(sb);
      expect(new Set(sa)).toEqual(new Set([200, 500, 429]));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('knows every kind the brief lists', () => {
    expect([...SIM_FAULT_KINDS].sort()).toEqual(
      [...Object.keys(EXPECTED), 'network-reset', 'hang', 'http-503', 'redundant-variant'].sort(),
    );
  });
});
