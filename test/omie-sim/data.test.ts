import { cnpj, cpf } from 'cpf-cnpj-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { type OmieSim, type RawCliente, type RawTitulo, startOmieSim } from '../../src/main/omie-sim';
import { CLIENTES, RECEBER, readAll } from './helpers';

const NOW = Date.UTC(2026, 10, 15, 15, 0, 0); // 15/11/2026 12:00 in Brasília

function ymd(br: string): number {
  const [d, m, y] = br.split('/').map(Number) as [number, number, number];
  return y * 10_000 + m * 100 + d;
}

describe('Omie simulator data', () => {
  let sim: OmieSim;
  let clientes: readonly RawCliente[];
  let titulos: readonly RawTitulo[];
  beforeAll(async () => {
    sim = await startOmieSim({ seed: 3, clients: 400, months: 6, lastMonth: '2026-11', clock: new ManualClock(NOW) });
    clientes = sim.control.clientes();
    titulos = sim.control.titulos();
  });
  afterAll(() => sim.close());

  it('serves over HTTP exactly what control.clientes()/titulos() return', async () => {
    expect(await readAll(sim, CLIENTES, 'ListarClientes', 'clientes_cadastro', {}, 97)).toEqual(clientes);
    expect(await readAll(sim, RECEBER, 'ListarContasReceber', 'conta_receber_cadastro', {})).toEqual(titulos);
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const again = await startOmieSim({ seed: 3, clients: 400, months: 6, lastMonth: '2026-11', clock: new ManualClock(NOW) });
    const other = await startOmieSim({ seed: 4, clients: 400, months: 6, lastMonth: '2026-11', clock: new ManualClock(NOW) });
    try {
      expect(again.control.clientes()).toEqual(clientes);
      expect(again.control.titulos()).toEqual(titulos);
      expect(other.control.clientes()[0]?.razao_social).not.toBe(clientes[0]?.razao_social);
      expect(other.control.clientes().map((c) => c.cnpj_cpf)).not.toEqual(clientes.map((c) => c.cnpj_cpf));
    } finally {
      await Promise.all([again.close(), other.close()]);
    }
  });

  it('has `clients` customers plus ~2% supplier/carrier-only records', () => {
    const customers = clientes.filter((c) => c.tags.some((t) => t.tag === 'Cliente'));
    const others = clientes.filter((c) => !c.tags.some((t) => t.tag === 'Cliente'));
    expect(customers).toHaveLength(400);
    expect(others).toHaveLength(8);
    expect(others.every((c) => c.tags.every((t) => t.tag === 'Fornecedor' || t.tag === 'Transportadora'))).toBe(true);
    expect(customers.some((c) => c.tags.some((t) => t.tag === 'Fornecedor'))).toBe(true);
  });

  it('has realistic pt-BR customers: valid formatted CNPJ/CPF, accents, empty and absent e-mails, inactive ones', () => {
    for (const c of clientes) {
      if (c.pessoa_fisica === 'S') {
        expect(c.cnpj_cpf).toMatch(/^\d{3}\.\d{3}\.\d{3}-\d{2}$/);
        expect(cpf.isValid(c.cnpj_cpf)).toBe(true);
      } else {
        expect(c.cnpj_cpf).toMatch(/^\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2}$/);
        expect(cnpj.isValid(c.cnpj_cpf)).toBe(true);
      }
      expect(String(c.codigo_cliente_omie)).toMatch(/^\d{7,10}$/);
      expect(c.cidade).toMatch(/^[A-ZÀ-Ú ]+ \([A-Z]{2}\)$/);
      expect(c.cidade.endsWith(`(${c.estado})`)).toBe(true);
      expect(c.cep).toMatch(/^\d{8}$/);
      expect(c.razao_social.length).toBeLessThanOrEqual(60);
      expect(c.info.dInc).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(c.info.hAlt).toMatch(/^\d{2}:\d{2}:\d{2}$/);
      expect(ymd(c.info.dAlt)).toBeGreaterThanOrEqual(ymd(c.info.dInc));
      expect(ymd(c.info.dAlt)).toBeLessThan(20261115);
    }
    expect(clientes.some((c) => c.pessoa_fisica === 'S')).toBe(true);
    expect(clientes.some((c) => /[áàâãéêíóôõúç]/i.test(c.razao_social + c.nome_fantasia))).toBe(true);
    expect(clientes.some((c) => c.razao_social === '' && c.nome_fantasia !== '')).toBe(true);
    expect(clientes.some((c) => c.email === '')).toBe(true);
    expect(clientes.some((c) => !('email' in c))).toBe(true);
    const inactive = clientes.filter((c) => c.inativo === 'S').length;
    expect(inactive).toBeGreaterThan(5);
    expect(inactive).toBeLessThan(45);
  });

  it('has receivable titles across the months with every status, cents and odd date shapes', () => {
    const statuses = new Set(titulos.map((t) => t.status_titulo));
    expect([...statuses].sort()).toEqual(['A VENCER', 'ATRASADO', 'CANCELADO', 'RECEBIDO']);
    const cancelled = titulos.filter((t) => t.status_titulo === 'CANCELADO').length / titulos.length;
    expect(cancelled).toBeGreaterThan(0.02);
    expect(cancelled).toBeLessThan(0.09);
    const codes = new Set(clientes.map((c) => c.codigo_cliente_omie));
    const months = new Set<string>();
    for (const t of titulos) {
      expect(codes.has(t.codigo_cliente_fornecedor)).toBe(true);
      expect(Number.isInteger(Math.round(t.valor_documento * 100))).toBe(true);
      expect(Math.abs(t.valor_documento * 100 - Math.round(t.valor_documento * 100))).toBeLessThan(1e-6);
      expect(t.data_vencimento).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      if (t.data_emissao) months.add(t.data_emissao.slice(3));
      if (t.data_emissao) expect(t.numero_parcela).toBe('001/001');
    }
    expect([...months].sort()).toEqual(['06/2026', '07/2026', '08/2026', '09/2026', '10/2026', '11/2026']);
    expect(titulos.some((t) => t.data_emissao === undefined && t.data_registro !== undefined)).toBe(true);
    expect(titulos.some((t) => t.data_emissao === undefined && t.data_registro === undefined)).toBe(true);
    expect(titulos.some((t) => !Number.isInteger(t.valor_documento))).toBe(true);
    expect(titulos.some((t) => Number.isInteger(t.valor_documento))).toBe(true);
    // due in the future ⇒ "A VENCER"; RECEBIDO/ATRASADO are past due
    for (const t of titulos) {
      if (t.status_titulo === 'RECEBIDO' || t.status_titulo === 'ATRASADO') expect(ymd(t.data_vencimento)).toBeLessThan(20261115);
      if (t.status_titulo === 'A VENCER') expect(ymd(t.data_vencimento)).toBeGreaterThanOrEqual(20261115);
    }
    // ~1 title per customer per month
    const perCustomerMonth = titulos.length / (400 * 6);
    expect(perCustomerMonth).toBeGreaterThan(0.6);
    expect(perCustomerMonth).toBeLessThan(1.1);
  });

  it('writes amounts as JSON numbers with dot decimals and integers without .0', async () => {
    const res = await fetch(`${sim.url}${RECEBER}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ call: 'ListarContasReceber', app_key: '1234567890123', app_secret: 'd3m0d3m0d3m0d3m0d3m0d3m0d3m0d3m0', param: [{ registros_por_pagina: 500 }] }),
    });
    const text = await res.text();
    expect(text).toMatch(/"valor_documento":\d+\.\d{1,2}[,}]/);
    expect(text).toMatch(/"valor_documento":\d+[,}]/);
    expect(text).not.toMatch(/"valor_documento":\d+\.0[,}]/);
  });
});
