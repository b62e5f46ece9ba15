import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { type OmieSim, type RawCliente, type RawTitulo, startOmieSim } from '../../src/main/omie-sim';
import { CLIENTES, RECEBER, listarClientes, listarReceber, readAll } from './helpers';

const NOW = Date.UTC(2026, 10, 15, 15, 0, 0); // 15/11/2026 12:00:00 Brasília

const codes = (list: unknown[]) => (list as { codigo_cliente_omie?: number; codigo_lancamento_omie?: number }[]).map((r) => r.codigo_cliente_omie ?? r.codigo_lancamento_omie);
const ymd = (br: string) => {
  const [d, m, y] = br.split('/');
  return `${y}${m}${d}`;
};
const clientes = (sim: OmieSim, param: Record<string, unknown>) => readAll(sim, CLIENTES, 'ListarClientes', 'clientes_cadastro', param);
const titulos = (sim: OmieSim, param: Record<string, unknown>) => readAll(sim, RECEBER, 'ListarContasReceber', 'conta_receber_cadastro', param);

describe('ListarClientes filters', () => {
  let sim: OmieSim;
  let clock: ManualClock;
  let all: readonly RawCliente[];
  beforeAll(async () => {
    clock = new ManualClock(NOW);
    sim = await startOmieSim({ seed: 11, clients: 300, months: 2, lastMonth: '2026-11', clock });
    all = sim.control.clientes();
  });
  afterAll(() => sim.close());

  it('filters a past alteration window by dAlt (and inclusion by dInc) per Brasília day', async () => {
    const inRange = (d: string) => ymd(d) >= '20250101' && ymd(d) <= '20250630';
    const param = { filtrar_por_data_de: '01/01/2025', filtrar_por_data_ate: '30/06/2025' };
    const alt = await clientes(sim, { ...param, filtrar_apenas_alteracao: 'S' });
    expect(codes(alt)).toEqual(codes(all.filter((c) => inRange(c.info.dAlt))));
    expect(alt.length).toBeGreaterThan(0);
    const inc = await clientes(sim, { ...param, filtrar_apenas_inclusao: 'S' });
    expect(codes(inc)).toEqual(codes(all.filter((c) => inRange(c.info.dInc))));
    const either = await clientes(sim, param);
    expect(codes(either)).toEqual(codes(all.filter((c) => inRange(c.info.dInc) || inRange(c.info.dAlt))));
  });

  it('uses filtrar_por_hora_de/ate as a full timestamp window over mutations stamped by the clock', async () => {
    const [a, b] = all.filter((c) => c.inativo === 'N');
    if (!a || !b) throw new Error('need two customers');
    clock.advance(10_000); // 12:00:10
    sim.control.mutateCliente(a.codigo_cliente_omie, { email: 'novo@exemplo.com.br' });
    clock.advance(2 * 3600_000); // 14:00:10
    sim.control.mutateCliente(b.codigo_cliente_omie, { inativo: 'S' });
    clock.advance(3600_000); // 15:00:10
    const created = sim.control.addCliente({ razao_social: 'Recém Criada Ltda' });

    const day = { filtrar_por_data_de: '15/11/2026', filtrar_por_data_ate: '15/11/2026', filtrar_apenas_alteracao: 'S' };
    expect(codes(await clientes(sim, { ...day, filtrar_por_hora_de: '12:00:00', filtrar_por_hora_ate: '13:00:00' }))).toEqual([a.codigo_cliente_omie]);
    expect(codes(await clientes(sim, { ...day, filtrar_por_hora_de: '12:00:11', filtrar_por_hora_ate: '14:00:10' }))).toEqual([b.codigo_cliente_omie]);
    expect(codes(await clientes(sim, { ...day, filtrar_por_hora_de: '12:00:10' }))).toEqual([a.codigo_cliente_omie, b.codigo_cliente_omie, created.codigo_cliente_omie]);
    const incl = await clientes(sim, { filtrar_por_data_de: '15/11/2026', filtrar_por_hora_de: '00:00:00', filtrar_apenas_inclusao: 'S' });
    expect(codes(incl)).toEqual([created.codigo_cliente_omie]);
    const mutated = (await clientes(sim, { ...day, filtrar_por_hora_de: '12:00:00', filtrar_por_hora_ate: '12:00:10' }))[0] as RawCliente;
    expect(mutated.email).toBe('novo@exemplo.com.br');
    expect(mutated.info).toMatchObject({ dAlt: '15/11/2026', hAlt: '12:00:10', dInc: a.info.dInc });
    expect(await listarClientes(sim, { ...day, filtrar_por_hora_de: '15:00:11' })).toMatchObject({ status: 500, json: { faultcode: 'SOAP-ENV:Client-5113' } });
  });

  it('matches cnpj_cpf digits against the formatted document, and filters inativo, tags and codes', async () => {
    const target = all[17] as RawCliente;
    const digits = target.cnpj_cpf.replace(/\D/g, '');
    expect(codes(await clientes(sim, { clientesFiltro: { cnpj_cpf: digits } }))).toEqual([target.codigo_cliente_omie]);
    expect(codes(await clientes(sim, { clientesFiltro: { cnpj_cpf: target.cnpj_cpf } }))).toEqual([target.codigo_cliente_omie]);
    const now = sim.control.clientes();
    expect(codes(await clientes(sim, { clientesFiltro: { inativo: 'S' } }))).toEqual(codes(now.filter((c) => c.inativo === 'S')));
    const suppliers = await clientes(sim, { clientesFiltro: { tags: [{ tag: 'Fornecedor' }] } });
    expect(codes(suppliers)).toEqual(codes(now.filter((c) => c.tags.some((t) => t.tag === 'Fornecedor'))));
    expect(suppliers.length).toBeGreaterThan(6);
    const pick = [now[3], now[40], now[200]].map((c) => c?.codigo_cliente_omie);
    const byCode = await clientes(sim, { clientesPorCodigo: pick.map((codigo_cliente_omie) => ({ codigo_cliente_omie })) });
    expect(codes(byCode)).toEqual(pick);
    const desc = await listarClientes(sim, { registros_por_pagina: 3, ordem_decrescente: 'S' });
    expect(codes(desc.json.clientes_cadastro)).toEqual(codes(now.slice(-3).reverse()));
  });
});

describe('ListarContasReceber filters', () => {
  let sim: OmieSim;
  let clock: ManualClock;
  let all: readonly RawTitulo[];
  beforeAll(async () => {
    clock = new ManualClock(NOW);
    sim = await startOmieSim({ seed: 12, clients: 150, months: 4, lastMonth: '2026-11', clock });
    all = sim.control.titulos();
  });
  afterAll(() => sim.close());

  it('filters by data_emissao with filtrar_por_emissao_de/ate (titles without data_emissao are not matched)', async () => {
    const oct = await titulos(sim, { filtrar_por_emissao_de: '01/10/2026', filtrar_por_emissao_ate: '31/10/2026' });
    expect(codes(oct)).toEqual(codes(all.filter((t) => t.data_emissao?.endsWith('/10/2026'))));
    expect(oct.length).toBeGreaterThan(100);
    const half = await titulos(sim, { filtrar_por_emissao_de: '10/10/2026', filtrar_por_emissao_ate: '20/10/2026' });
    expect(codes(half)).toEqual(codes(all.filter((t) => t.data_emissao && ymd(t.data_emissao) >= '20261010' && ymd(t.data_emissao) <= '20261020')));
    const reg = await titulos(sim, { filtrar_por_registro_de: '01/10/2026', filtrar_por_registro_ate: '31/10/2026' });
    expect(codes(reg)).toEqual(codes(all.filter((t) => t.data_registro?.endsWith('/10/2026'))));
    expect(reg.length).toBeGreaterThan(oct.length - 1);
  });

  it('filters by customer and by status (filter spelling)', async () => {
    const customer = (all[5] as RawTitulo).codigo_cliente_fornecedor;
    const mine = await titulos(sim, { filtrar_cliente: customer });
    expect(codes(mine)).toEqual(codes(all.filter((t) => t.codigo_cliente_fornecedor === customer)));
    const asString = await titulos(sim, { filtrar_cliente: String(customer) });
    expect(codes(asString)).toEqual(codes(mine));
    for (const [filter, status] of [['ATRASADO', 'ATRASADO'], ['AVENCER', 'A VENCER'], ['CANCELADO', 'CANCELADO'], ['RECEBIDO', 'RECEBIDO']] as const) {
      const got = await titulos(sim, { filtrar_por_status: filter });
      expect(codes(got)).toEqual(codes(all.filter((t) => t.status_titulo === status)));
      expect(got.length).toBeGreaterThan(0);
    }
    const open = await titulos(sim, { filtrar_apenas_titulos_em_aberto: 'S' });
    expect(codes(open)).toEqual(codes(all.filter((t) => t.status_titulo === 'A VENCER' || t.status_titulo === 'ATRASADO')));
    const bad = await listarReceber(sim, { filtrar_por_status: 'PAGO' });
    expect(bad.json.faultcode).toBe('SOAP-ENV:Client-105');
  });

  it('filters by alteration date (info.dAlt) and sees a cancellation stamped by the clock', async () => {
    const target = all.find((t) => t.status_titulo === 'A VENCER') as RawTitulo;
    clock.advance(60_000);
    sim.control.cancelTitulo(target.codigo_lancamento_omie);
    const today = await titulos(sim, { filtrar_por_data_de: '15/11/2026', filtrar_por_data_ate: '15/11/2026' });
    expect(today).toHaveLength(1);
    expect(today[0]).toMatchObject({ codigo_lancamento_omie: target.codigo_lancamento_omie, status_titulo: 'CANCELADO', info: { dAlt: '15/11/2026', hAlt: '12:01:00' } });
    const sept = await titulos(sim, { filtrar_por_data_de: '01/09/2026', filtrar_por_data_ate: '30/09/2026' });
    expect(codes(sept)).toEqual(codes(all.filter((t) => t.info.dAlt.endsWith('/09/2026'))));
    const cancelled = await titulos(sim, { filtrar_cliente: target.codigo_cliente_fornecedor, filtrar_por_status: 'CANCELADO' });
    expect(codes(cancelled)).toContain(target.codigo_lancamento_omie);
  });

  it('filters by customer document and keeps added titles in code order', async () => {
    const c = sim.control.addCliente({});
    const t1 = sim.control.addTitulo({ codigo_cliente_fornecedor: c.codigo_cliente_omie, valor_documento: 1234.56 });
    const byDoc = await titulos(sim, { filtrar_por_cpf_cnpj: c.cnpj_cpf.replace(/\D/g, '') });
    expect(codes(byDoc)).toEqual([t1.codigo_lancamento_omie]);
    sim.control.addRawTitulo({ codigo_lancamento_omie: 1, codigo_cliente_fornecedor: c.codigo_cliente_omie, valor_documento: '10,00' });
    const mine = await titulos(sim, { filtrar_cliente: c.codigo_cliente_omie });
    expect(codes(mine)).toEqual([1, t1.codigo_lancamento_omie]);
    const first = await listarReceber(sim, { registros_por_pagina: 1 });
    expect(first.json.conta_receber_cadastro[0].codigo_lancamento_omie).toBe(1);
  });
});
