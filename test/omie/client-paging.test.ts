/** The client pages through the simulator over HTTP and returns exactly what it served, parsed. */
import { describe, expect, it } from 'vitest';
import type { RawCliente, RawTitulo } from '../../src/main/omie-sim';
import { READ_AHEAD_PAGES } from '../../src/main/omie/paginate';
import { failure, pages, useSim } from './sim-harness';

/** An independent oracle: Brasília has been UTC−3 all year since 2019. */
function isoFromBr(date: string | undefined, time: string | undefined): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(date ?? '');
  if (!m) return null;
  return new Date(`${m[3]}-${m[2]}-${m[1]}T${time || '00:00:00'}-03:00`).toISOString();
}
const dayFromBr = (d: string | undefined) => {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(d ?? '');
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
};
const orNull = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : s.trim());

function expectedCliente(raw: RawCliente) {
  const cidade = /^(.*) \(([A-Z]{2})\)$/.exec(raw.cidade);
  return {
    codigoClienteOmie: String(raw.codigo_cliente_omie),
    codigoClienteIntegracao: orNull(raw.codigo_cliente_integracao),
    razaoSocial: orNull(raw.razao_social),
    nomeFantasia: orNull(raw.nome_fantasia),
    name: orNull(raw.razao_social) ?? raw.nome_fantasia.trim(),
    document: orNull(raw.cnpj_cpf.replace(/\D/g, '')),
    email: orNull(raw.email),
    inativo: raw.inativo === 'S',
    tags: raw.tags.map((t) => t.tag),
    pessoaFisica: raw.pessoa_fisica === 'S' ? true : raw.pessoa_fisica === 'N' ? false : null,
    cidade: cidade ? cidade[1] : orNull(raw.cidade),
    uf: orNull(raw.estado) ?? cidade?.[2] ?? null,
    includedAt: isoFromBr(raw.info.dInc, raw.info.hInc),
    alteredAt: isoFromBr(raw.info.dAlt, raw.info.hAlt),
  };
}

function expectedTitulo(raw: RawTitulo) {
  return {
    codigoLancamentoOmie: String(raw.codigo_lancamento_omie),
    codigoClienteOmie: String(raw.codigo_cliente_fornecedor),
    valorDocumento: BigInt(Math.round(raw.valor_documento * 100)),
    dataEmissao: dayFromBr(raw.data_emissao),
    dataRegistro: dayFromBr(raw.data_registro),
    dataVencimento: dayFromBr(raw.data_vencimento),
    status: raw.status_titulo,
    numeroDocumento: orNull(raw.numero_documento),
    numeroParcela: orNull(raw.numero_parcela),
    alteredAt: isoFromBr(raw.info.dAlt, raw.info.hAlt),
  };
}

describe('Omie client paging against the simulator', () => {
  const h = useSim({ clients: 30, months: 3 });

  it('reads every customer the simulator serves, parsed, trusting total_de_paginas', async () => {
    const served = h.sim.control.clientes();
    const got = await pages(h.client({ pageSize: 7 }).listarClientes({}, h.run()));
    const expectedPages = Math.ceil(served.length / 7);
    expect(got.map((p) => p.page)).toEqual(Array.from({ length: expectedPages }, (_, i) => i + 1));
    expect(got.every((p) => p.totalPages === expectedPages && p.totalRecords === served.length)).toBe(true);
    expect(got.flatMap((p) => p.skipped)).toEqual([]);
    expect(got.flatMap((p) => p.records)).toEqual(served.map(expectedCliente));
    // One request per page, no 5113 probe past the last page.
    expect(h.sim.control.stats().calls.ListarClientes).toBe(expectedPages);
    // The seeded data has the quirks the parser must handle.
    expect(served.some((c) => c.email === undefined || c.email === '')).toBe(true);
    expect(served.some((c) => c.inativo === 'S')).toBe(true);
    expect(served.some((c) => c.cnpj_cpf.length === 14)).toBe(true); // formatted CPF
  });

  it('reports progress: page x of N and records so far', async () => {
    await pages(h.client({ pageSize: 10 }).listarClientes({}, h.run()));
    const total = h.sim.control.clientes().length;
    const last = h.progress[h.progress.length - 1]!;
    expect(h.progress[0]).toMatchObject({ method: 'ListarClientes', page: 1, totalPages: null, recordsSoFar: 0 });
    expect(last).toMatchObject({ totalPages: Math.ceil(total / 10), recordsSoFar: total, totalRecords: total });
    expect(h.progress.map((p) => p.recordsSoFar)).toEqual([...h.progress.map((p) => p.recordsSoFar)].sort((a, b) => a - b));
  });

  it('reads every receivable title, amounts exact to the cent', async () => {
    const served = h.sim.control.titulos();
    const got = await pages(h.client({ pageSize: 500 }).listarContasReceber({}, h.run()));
    expect(got.flatMap((p) => p.skipped)).toEqual([]);
    expect(got.flatMap((p) => p.records)).toEqual(served.map(expectedTitulo));
    expect(new Set(served.map((t) => t.status_titulo))).toEqual(new Set(['RECEBIDO', 'ATRASADO', 'A VENCER', 'CANCELADO']));
    expect(served.some((t) => t.data_emissao === undefined)).toBe(true);
  });

  it('sends the receivable filters Omie knows (emissão, cliente, status, alteração)', async () => {
    const served = h.sim.control.titulos();
    const sample = served.find((t) => t.status_titulo === 'RECEBIDO' && t.data_emissao)!;
    const day = dayFromBr(sample.data_emissao)!;
    const got = await pages(
      h.client().listarContasReceber({ cliente: String(sample.codigo_cliente_fornecedor), status: 'RECEBIDO', emissaoDe: day, emissaoAte: day }),
    );
    const records = got.flatMap((p) => p.records);
    expect(records.map((r) => r.codigoLancamentoOmie)).toContain(String(sample.codigo_lancamento_omie));
    expect(records.every((r) => r.codigoClienteOmie === String(sample.codigo_cliente_fornecedor) && r.status === 'RECEBIDO' && r.dataEmissao === day)).toBe(true);

    const dAlt = dayFromBr(sample.info.dAlt)!;
    const altered = (await pages(h.client().listarContasReceber({ alteradoDe: dAlt, alteradoAte: dAlt }))).flatMap((p) => p.records);
    expect(altered.length).toBeGreaterThan(0);
    expect(altered.every((r) => r.alteredAt !== null)).toBe(true);
  });

  it('incremental customers: alteredSince (Brasília date + hour) and onlyAltered, codigos', async () => {
    const [a, b] = h.sim.control.clientes();
    h.clock.advance(3_600_000);
    const since = new Date(h.clock.now()).toISOString();
    h.clock.advance(1000);
    h.sim.control.mutateCliente(a!.codigo_cliente_omie, { email: 'novo@exemplo.com.br' });
    const got = (await pages(h.client().listarClientes({ alteredSince: since, onlyAltered: true }))).flatMap((p) => p.records);
    expect(got.map((c) => c.codigoClienteOmie)).toEqual([String(a!.codigo_cliente_omie)]);
    expect(got[0]!.email).toBe('novo@exemplo.com.br');
    expect(Date.parse(got[0]!.alteredAt!)).toBeGreaterThanOrEqual(Date.parse(since));

    const byCode = (await pages(h.client().listarClientes({ codigos: [String(b!.codigo_cliente_omie)] }))).flatMap((p) => p.records);
    expect(byCode.map((c) => c.codigoClienteOmie)).toEqual([String(b!.codigo_cliente_omie)]);
  });

  it.each(['registros', 'cadastros'] as const)('5113 "Não existem %s" on page 1 is an empty listing, not an error', async (wording) => {
    h.sim.control.setNoRecordsWording(wording);
    h.clock.advance(24 * 3_600_000);
    const future = new Date(h.clock.now()).toISOString();
    const got = await pages(h.client().listarClientes({ alteredSince: future }, h.run()));
    expect(got).toEqual([]);
    expect(h.sim.control.stats().faults['client-5113']).toBe(1);
  });

  it('5113 in the middle of a scan (records removed) ends paging; fewer records than announced is logged', async () => {
    // Page 2 is asked for as soon as page 1's answer is in: with Omie taking 300 ms to answer, it is
    // answered after the records are removed below, however soon it was asked for.
    h.sim.control.setLatency(300);
    const served = h.sim.control.clientes();
    const client = h.client({ pageSize: 10 });
    const seen: string[] = [];
    let pagesRead = 0;
    for await (const page of client.listarClientes()) {
      pagesRead++;
      seen.push(...page.records.map((r) => r.codigoClienteOmie));
      // Leave 5 records: page 2 no longer exists although page 1 announced more pages.
      if (page.page === 1) for (const c of served.slice(5)) h.sim.control.removeCliente(c.codigo_cliente_omie);
    }
    expect(served.length).toBeGreaterThan(20);
    expect(pagesRead).toBe(1);
    expect(h.sim.control.stats().calls.ListarClientes).toBe(2);
    expect(h.sim.control.stats().faults['client-5113']).toBe(1);
    expect(h.logs.some((l) => /read \d+ record\(s\) but Omie announced/.test(l))).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('records created mid-scan: reading more than announced is normal (logged, not an error)', async () => {
    // As for the removal above: page 2, asked for as page 1's answer arrived, is answered after the addition.
    h.sim.control.setLatency(300);
    const served = h.sim.control.clientes();
    const lowest = Math.min(...served.map((c) => c.codigo_cliente_omie));
    let count = 0;
    for await (const page of h.client({ pageSize: 2 }).listarClientes()) {
      count += page.records.length;
      if (page.page === 1) h.sim.control.addCliente({ codigo_cliente_omie: lowest - 1 });
    }
    // The new record lands on page 1 (already read); the last of page 1 shifts onto page 2 and is read twice.
    expect(count).toBe(h.sim.control.clientes().length);
    expect(h.logs.some((l) => /more than the \d+ announced/.test(l))).toBe(true);
  });

  it('everything on one page: one request, no probe past the last page', async () => {
    const got = await pages(h.client({ pageSize: 500 }).listarClientes());
    expect(got).toHaveLength(1);
    expect(h.sim.control.stats().calls.ListarClientes).toBe(1);
  });
});

describe('reading ahead', () => {
  const h = useSim({ clients: 30 });

  it('asks for the next pages while the caller is busy, one request at a time, pages still in order', async () => {
    h.sim.control.setLimits({ requestsPerMinute: 0, maxConcurrentPerMethod: 1, redundancyWindowSec: 0, blockAfterConsecutiveErrors: 0 });
    const order: number[] = [];
    let callsWhenFirstTaken = 0;
    for await (const page of h.client({ pageSize: 2 }).listarClientes()) {
      if (page.page === 1) {
        await new Promise((resolve) => setTimeout(resolve, 200)); // the caller stores page 1 meanwhile
        callsWhenFirstTaken = h.sim.control.stats().calls.ListarClientes ?? 0;
      }
      order.push(page.page);
    }
    const total = Math.ceil(h.sim.control.clientes().length / 2);
    expect(total).toBeGreaterThan(1 + READ_AHEAD_PAGES);
    expect(order).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // the page held, the pages read ahead, and the one asked for while the last of those was decoded
    expect(callsWhenFirstTaken).toBe(1 + READ_AHEAD_PAGES + 1);
    expect(h.sim.control.stats().calls.ListarClientes).toBe(total);
    expect(h.sim.control.stats().faults).toEqual({}); // the simulator refuses a second call in flight: none happened
  });

  it('a caller that stops early: the pages read ahead are dropped, no further request, nothing left running', async () => {
    h.sim.control.setLatency(50);
    for await (const page of h.client({ pageSize: 2 }).listarClientes()) {
      expect(page.page).toBe(1);
      break;
    }
    const callsAtStop = h.sim.control.stats().calls.ListarClientes ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(callsAtStop).toBeLessThanOrEqual(1 + READ_AHEAD_PAGES + 1);
    expect(h.sim.control.stats().calls.ListarClientes ?? 0).toBe(callsAtStop);
  });

  it('a page retried while the next one was asked for ahead keeps its place: every page once, in order', async () => {
    h.sim.control.setLimits({ requestsPerMinute: 0, maxConcurrentPerMethod: 1, redundancyWindowSec: 0, blockAfterConsecutiveErrors: 0 });
    const order: number[] = [];
    for await (const page of h.client({ pageSize: 2 }).listarClientes()) {
      if (page.page === 2) h.sim.control.injectNext('http-503', 1, 'ListarClientes');
      order.push(page.page);
    }
    const total = Math.ceil(h.sim.control.clientes().length / 2);
    expect(order).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(h.sim.control.stats().faults).toEqual({ 'http-503': 1 });
    expect(h.sim.control.stats().calls.ListarClientes).toBe(total + 1);
  });

  it('the end moving closer mid-scan: a page asked for ahead past it is dropped, the listing ends cleanly', async () => {
    h.sim.control.setLatency(20);
    const served = h.sim.control.clientes();
    const order: number[] = [];
    for await (const page of h.client({ pageSize: 2 }).listarClientes()) {
      order.push(page.page);
      if (page.page === 1) for (const c of served.slice(9)) h.sim.control.removeCliente(c.codigo_cliente_omie);
    }
    expect(order).toEqual(Array.from({ length: order.length }, (_, i) => i + 1));
    expect(order.length).toBeLessThan(Math.ceil(served.length / 2));
    const callsAtEnd = h.sim.control.stats().calls.ListarClientes ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.sim.control.stats().calls.ListarClientes).toBe(callsAtEnd);
  });

  it('a page that fails after retries fails the listing at that page: the pages before it are all handed over first', async () => {
    const client = h.client({ pageSize: 2, maxAttempts: 1 });
    const taken: number[] = [];
    const error = await failure(async () => {
      for await (const page of client.listarClientes()) {
        taken.push(page.page);
        if (page.page === 1) h.sim.control.injectNext('http-503', 1, 'ListarClientes');
      }
    });
    expect(error.code).toBe('omie_unavailable');
    const failedPage = Number(/page (\d+)/.exec(error.message)?.[1]);
    expect(taken).toEqual(Array.from({ length: failedPage - 1 }, (_, i) => i + 1));
    expect(failedPage).toBeGreaterThan(1);
  });
});
