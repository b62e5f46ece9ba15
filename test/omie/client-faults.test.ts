/**
 * Every fault the simulator can produce (SIM_FAULT_KINDS, each wording), driven over HTTP:
 * the client waits as long as it must, retries what is transient, and never retries 403/425.
 */
import { describe, expect, it } from 'vitest';
import { type SimFaultKind, SIM_FAULT_KINDS } from '../../src/main/omie-sim';
import { announcedWaits, failure, pages, useSim } from './sim-harness';

describe('Omie client against every simulator fault', () => {
  const h = useSim({ clients: 12, months: 1 });

  /** Reads all customers (2 pages of 10) with `count` faults of `kind` injected on ListarClientes. */
  async function readWith(kind: SimFaultKind, count: number, extra: Parameters<typeof h.client>[0] = {}) {
    h.sim.control.injectNext(kind, count, 'ListarClientes');
    const got = await pages(h.client(extra).listarClientes({}, h.run()));
    const records = got.flatMap((p) => p.records);
    expect(records.map((r) => r.codigoClienteOmie)).toEqual(h.sim.control.clientes().map((c) => String(c.codigo_cliente_omie)));
    const calls = h.sim.control.stats().calls.ListarClientes;
    expect(calls).toBe(got.length + count); // each fault cost exactly one extra request
    expect(h.sim.control.stats().faults[kind]).toBe(count);
    return { waits: announcedWaits(h.progress), sleeps: [...h.clock.sleeps] };
  }

  const between = (lo: number, hi: number) => expect.toSatisfy((ms: number) => ms >= lo && ms <= hi);

  it.each([
    ['server-broken-500', 'server'],
    ['http-503', 'server'], // JSON body, then an empty body (the simulator alternates)
    ['html-502', 'server'],
    ['fault-in-200', 'server'], // "Broken response" inside HTTP 200
    ['error-code-body', 'server'], // {error_code, error_message}
    ['lock-1880', 'method_lock'],
    ['network-reset', 'network'],
  ] as const)('%s → exponential backoff with jitter, then the data', async (kind, reason) => {
    const { waits, sleeps } = await readWith(kind, 2);
    expect(waits).toEqual([
      [reason, between(800, 1000)],
      [reason, between(1600, 2000)],
    ]);
    expect(sleeps).toEqual(waits.map(([, ms]) => ms));
  });

  it('hang → the per-request timeout aborts it, then a retry succeeds', async () => {
    const started = Date.now();
    const { waits } = await readWith('hang', 1, { requestTimeoutMs: 300 });
    expect(waits).toEqual([['timeout', between(800, 1000)]]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('redundant "Aguarde 3 segundos." → waits exactly 3 + 1 s', async () => {
    const { waits, sleeps } = await readWith('redundant', 1);
    expect(waits).toEqual([['redundant', 4000]]);
    expect(sleeps).toEqual([4000]);
  });

  it('every redundant wording: Client-6 "para efetuar", 5020 "para uma nova requisição", REDUNDANT (no number → 60 s), "(REDUNDANT)"', async () => {
    const { waits } = await readWith('redundant-variant', 4);
    expect(waits).toEqual([
      ['redundant', 4000],
      ['redundant', 4000],
      ['redundant', 60_000],
      ['redundant', 4000],
    ]);
  });

  it.each(['duplicate-8020', 'duplicate-1100'] as const)('%s "tente novamente às HH:MM:SS" → waits until that Brasília time', async (kind) => {
    h.clock.set(Date.parse('2026-11-01T15:00:00.250Z')); // 12:00:00.250 in Brasília
    const { waits } = await readWith(kind, 1);
    expect(waits).toEqual([['duplicate', 2750]]); // "às 12:00:03"
  });

  it('duplicate near midnight: "às 00:00:01" asked at 23:59:58 waits into tomorrow, not 24 h back', async () => {
    h.clock.set(Date.parse('2026-11-02T02:59:58Z')); // 23:59:58 in Brasília
    const { waits } = await readWith('duplicate-8020', 1);
    expect(waits).toEqual([['duplicate', 3000]]);
  });

  it('rate-429 → long waits: 20 s, then 40 s (jitter −20 %)', async () => {
    const { waits } = await readWith('rate-429', 2);
    expect(waits).toEqual([
      ['rate_limit', between(16_000, 20_000)],
      ['rate_limit', between(32_000, 40_000)],
    ]);
  });

  it.each(['auth-403', 'suspended-403'] as const)('%s → omie_auth at once, never retried', async (kind) => {
    h.sim.control.injectNext(kind, 5, 'ListarClientes');
    const error = await failure(() => pages(h.client().listarClientes({}, h.run())));
    expect(error).toMatchObject({ code: 'omie_auth', kind: 'auth' });
    expect(error.message).toMatch(/chave de acesso/);
    expect(h.sim.control.stats().calls.ListarClientes).toBe(1);
    expect(h.clock.sleeps).toEqual([]);
  });

  it('a wrong secret → the simulator\'s real 403 → omie_auth, one call, the wrong secret not echoed either', async () => {
    const wrong = 'ffffeeeeddddccccbbbbaaaa99998888';
    const error = await failure(() => pages(h.client({ appSecret: wrong }).listarClientes()));
    expect(error.code).toBe('omie_auth');
    expect(error.message).not.toContain(wrong);
    expect(h.sim.control.stats().calls.ListarClientes).toBe(1);
  });

  it('transient faults that never stop → omie_unavailable after maxAttempts requests', async () => {
    h.sim.control.injectNext('server-broken-500', 10, 'ListarClientes');
    const error = await failure(() => pages(h.client({ maxAttempts: 4 }).listarClientes({}, h.run())));
    expect(error).toMatchObject({ code: 'omie_unavailable', kind: 'server', details: { attempts: 4 } });
    expect(error.message).toMatch(/Broken response/);
    expect(h.sim.control.stats().calls.ListarClientes).toBe(4);
    expect(h.clock.sleeps).toHaveLength(3);
  });

  it('backoff is capped', async () => {
    h.sim.control.injectNext('http-503', 5, 'ListarClientes');
    await pages(h.client({ backoff: { baseMs: 1000, capMs: 3000 } }).listarClientes());
    expect(h.clock.sleeps).toHaveLength(5);
    expect(Math.max(...h.clock.sleeps)).toBeLessThanOrEqual(3000);
    expect(h.clock.sleeps.slice(2).every((ms) => ms >= 2400)).toBe(true);
  });

  it('the receivables listing gets the same treatment', async () => {
    h.sim.control.injectNext('redundant', 1, 'ListarContasReceber');
    h.sim.control.injectNext('html-502', 1, 'ListarContasReceber');
    const got = await pages(h.client({ pageSize: 500 }).listarContasReceber({}, h.run()));
    expect(got.flatMap((p) => p.records)).toHaveLength(h.sim.control.titulos().length);
    expect(announcedWaits(h.progress).map(([r]) => r)).toEqual(['redundant', 'server']);
  });

  it('covers every fault kind the simulator offers', () => {
    // The 425 kinds are proven in client-block.test.ts.
    const covered = [
      'server-broken-500', 'http-503', 'html-502', 'fault-in-200', 'error-code-body', 'lock-1880', 'network-reset', 'hang',
      'redundant', 'redundant-variant', 'duplicate-8020', 'duplicate-1100', 'rate-429', 'auth-403', 'suspended-403',
      'blocked-425-seconds', 'blocked-425-minutes',
    ];
    expect([...SIM_FAULT_KINDS].sort()).toEqual([...covered].sort());
  });
});
