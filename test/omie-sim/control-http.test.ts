import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { type OmieSim, type RawCliente, type RawTitulo, startOmieSim } from '../../src/main/omie-sim';
import { listarClientes, listarReceber, post } from './helpers';

describe('Omie simulator HTTP control surface', () => {
  let sim: OmieSim;
  let clock: ManualClock;
  let origin: string;
  const op = async (name: string, body: unknown = {}) => post(`${origin}/__sim/${name}`, JSON.stringify(body));
  beforeAll(async () => {
    clock = new ManualClock(Date.UTC(2026, 10, 15, 15, 0, 0));
    sim = await startOmieSim({ seed: 8, clients: 25, months: 2, clock });
    origin = sim.url.replace(/\/api\/v1$/, '');
  });
  afterAll(() => sim.close());

  it('lists clientes and titulos exactly as the in-process control does', async () => {
    expect((await op('clientes')).json).toEqual(sim.control.clientes());
    expect((await op('titulos')).json).toEqual(sim.control.titulos());
  });

  it('mutates, adds, removes customers and advances the clock', async () => {
    const target = sim.control.clientes()[2] as RawCliente;
    expect((await op('advanceClock', { ms: 5_000 })).json).toEqual({ now: clock.now() });
    expect((await op('mutateCliente', { codigo: target.codigo_cliente_omie, patch: { razao_social: 'Mudou Ltda' } })).json).toEqual({ ok: true });
    const seen = (await listarClientes(sim, { clientesPorCodigo: [{ codigo_cliente_omie: target.codigo_cliente_omie }] })).json.clientes_cadastro[0];
    expect(seen).toMatchObject({ razao_social: 'Mudou Ltda', info: { dAlt: '15/11/2026', hAlt: '12:00:05' } });
    const added = (await op('addCliente', { partial: { nome_fantasia: 'Via HTTP' } })).json as RawCliente;
    expect(added.nome_fantasia).toBe('Via HTTP');
    expect(sim.control.clientes().at(-1)).toEqual(added);
    await op('addRawCliente', { raw: { razao_social: 'x'.repeat(10_000), valor_limite_credito: 'NaN', cnpj_cpf: '11.111.111/1111-11' } });
    const last = (await listarClientes(sim, { registros_por_pagina: 1, ordem_decrescente: 'S' })).json.clientes_cadastro[0];
    expect(last).toEqual({ razao_social: 'x'.repeat(10_000), valor_limite_credito: 'NaN', cnpj_cpf: '11.111.111/1111-11' });
    await op('removeCliente', { codigo: added.codigo_cliente_omie });
    expect(sim.control.clientes().some((c) => c.codigo_cliente_omie === added.codigo_cliente_omie)).toBe(false);
  });

  it('cancels and adds titles', async () => {
    const target = sim.control.titulos().find((t) => t.status_titulo !== 'CANCELADO') as RawTitulo;
    await op('cancelTitulo', { codigo: target.codigo_lancamento_omie });
    expect(sim.control.titulos().find((t) => t.codigo_lancamento_omie === target.codigo_lancamento_omie)?.status_titulo).toBe('CANCELADO');
    const added = (await op('addTitulo', { partial: { valor_documento: 99.9, codigo_cliente_fornecedor: target.codigo_cliente_fornecedor } })).json as RawTitulo;
    expect(added).toMatchObject({ valor_documento: 99.9, status_titulo: 'A VENCER', data_emissao: '15/11/2026' });
    await op('addRawTitulo', { raw: { codigo_lancamento_omie: 'abc', valor_documento: '1.234,56' } });
    const listed = (await listarReceber(sim, { registros_por_pagina: 2, ordem_descrescente: 'S' })).json.conta_receber_cadastro;
    expect(listed).toEqual([{ codigo_lancamento_omie: 'abc', valor_documento: '1.234,56' }, added]);
  });

  it('switches limits, faults, latency and wording, injects, reports and resets stats', async () => {
    await op('resetStats');
    await op('injectNext', { kind: 'rate-429', count: 1, method: 'ListarClientes' });
    expect((await listarClientes(sim, {})).status).toBe(429);
    await op('setLimits', { requestsPerMinute: 1 });
    expect((await listarClientes(sim, { pagina: 1 })).status).toBe(200);
    expect((await listarClientes(sim, { pagina: 1 })).status).toBe(429);
    await op('setLimits', { requestsPerMinute: 0 });
    await op('setFaults', { rate: 1, kinds: ['auth-403'] });
    expect((await listarClientes(sim, {})).status).toBe(403);
    await op('setFaults', { rate: 0 });
    await op('setNoRecordsWording', { wording: 'cadastros' });
    expect((await listarClientes(sim, { pagina: 50 })).json.faultstring).toBe('ERROR: Não existem cadastros para a página [50]!');
    await op('setNoRecordsWording', { wording: 'registros' });
    await op('setLatency', { ms: 120 });
    const started = performance.now();
    await listarClientes(sim, {});
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    await op('setLatency', { ms: 0 });
    const stats = (await op('stats')).json;
    expect(stats).toMatchObject({ calls: { ListarClientes: 6 }, faults: { 'rate-429': 2, 'auth-403': 1, 'client-5113': 1 }, blockedUntil: null });
    await op('resetStats');
    expect((await op('stats')).json).toEqual({ calls: {}, faults: {}, maxInFlight: {}, blockedUntil: null });
  });

  it('answers 400 with an error for unknown ops and bad arguments', async () => {
    expect((await op('explode')).status).toBe(400);
    const badKind = await op('injectNext', { kind: 'meteor' });
    expect(badKind.status).toBe(400);
    expect(badKind.json.error).toContain('unknown fault kind');
    expect((await op('mutateCliente', { codigo: 1, patch: {} })).json.error).toContain('no cliente');
  });

  it('refuses advanceClock on a system clock', async () => {
    const real = await startOmieSim({ clients: 2, months: 1 });
    try {
      const a = await post(`${real.url.replace(/\/api\/v1$/, '')}/__sim/advanceClock`, JSON.stringify({ ms: 1000 }));
      expect(a.status).toBe(400);
      expect(a.json.error).toContain('ManualClock');
    } finally {
      await real.close();
    }
  });
});
