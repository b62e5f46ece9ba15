import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { DEMO_APP_KEY, DEMO_APP_SECRET, type OmieSim, startOmieSim } from '../../src/main/omie-sim';
import { CLIENTES, RECEBER, call, listarClientes, listarReceber, post } from './helpers';

describe('Omie simulator protocol', () => {
  let sim: OmieSim;
  beforeAll(async () => {
    sim = await startOmieSim({ seed: 7, clients: 120, months: 6, clock: new ManualClock() });
  });
  afterAll(() => sim.close());

  it('pages ListarClientes with Omie totals (ceil) and stable code order', async () => {
    const all = sim.control.clientes();
    expect(all.length).toBe(120 + 2); // 2% supplier/carrier-only on top
    const first = await listarClientes(sim, { pagina: 1, registros_por_pagina: 50, apenas_importado_api: 'N' });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ pagina: 1, total_de_paginas: 3, registros: 50, total_de_registros: 122 });
    const last = await listarClientes(sim, { pagina: '3', registros_por_pagina: '50' });
    expect(last.json).toMatchObject({ pagina: 3, total_de_paginas: 3, registros: 22, total_de_registros: 122 });
    const codes = [...first.json.clientes_cadastro, ...last.json.clientes_cadastro].map((c: { codigo_cliente_omie: number }) => c.codigo_cliente_omie);
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
    expect(first.json.clientes_cadastro[0]).toEqual(all[0]);
    expect(last.json.clientes_cadastro.at(-1)).toEqual(all.at(-1));
  });

  it('defaults to 50 per page, treats pagina 0 as 1 and clamps the page size to 500', async () => {
    const d = await listarClientes(sim, {});
    expect(d.json).toMatchObject({ pagina: 1, registros: 50, total_de_paginas: 3 });
    const zero = await listarClientes(sim, { pagina: 0 });
    expect(zero.json.pagina).toBe(1);
    const titles = sim.control.titulos().length;
    const big = await listarReceber(sim, { pagina: 1, registros_por_pagina: 5000 });
    expect(big.json).toMatchObject({ registros: 500, total_de_registros: titles, total_de_paginas: Math.ceil(titles / 500) });
  });

  it('answers 5113 past the end and for zero matches, in both wordings', async () => {
    const past = await listarClientes(sim, { pagina: 4, registros_por_pagina: 50 });
    expect(past.status).toBe(500);
    expect(past.json).toEqual({ faultcode: 'SOAP-ENV:Client-5113', faultstring: 'ERROR: Não existem registros para a página [4]!' });
    const none = await listarClientes(sim, { clientesFiltro: { cnpj_cpf: '00000000000191' } });
    expect(none.json.faultstring).toBe('ERROR: Não existem registros para a página [1]!');
    sim.control.setNoRecordsWording('cadastros');
    const other = await listarReceber(sim, { pagina: 999 });
    expect(other.json).toEqual({ faultcode: 'SOAP-ENV:Client-5113', faultstring: 'ERROR: Não existem cadastros para a página [999]!' });
    sim.control.setNoRecordsWording('registros');
  });

  it('refuses wrong credentials with 403 and never echoes the secret', async () => {
    const secret = 'f00dfacef00dfacef00dfacef00dface';
    const bad = await call(sim, CLIENTES, 'ListarClientes', { pagina: 1 }, { app_secret: secret });
    expect(bad.status).toBe(403);
    expect(bad.json).toEqual({ faultcode: 'SOAP-ENV:Server', faultstring: 'ERROR: A chave de acesso não está preenchida ou não é válida.' });
    expect(bad.text).not.toContain(secret);
    const noKey = await call(sim, RECEBER, 'ListarContasReceber', { pagina: 1 }, { app_key: undefined });
    expect(noKey.status).toBe(403);
    expect(noKey.text).not.toContain(DEMO_APP_SECRET);
  });

  it('refuses unknown tags with 5001 naming the tag and the complex type', async () => {
    const a = await listarClientes(sim, { pagina: 1, nPagina: 1 });
    expect(a.status).toBe(500);
    expect(a.json).toEqual({ faultcode: 'SOAP-ENV:Client-5001', faultstring: 'ERROR: Tag [NPAGINA] não faz parte da estrutura do tipo complexo [clientes_list_request]!' });
    const typo = await listarReceber(sim, { ordem_decrescente: 'S' }); // receivables spell it "descrescente"
    expect(typo.json.faultstring).toBe('ERROR: Tag [ORDEM_DECRESCENTE] não faz parte da estrutura do tipo complexo [lcrListarRequest]!');
    const nested = await listarClientes(sim, { clientesFiltro: { documento: '1' } });
    expect(nested.json.faultstring).toContain('[DOCUMENTO]');
    expect(nested.json.faultstring).toContain('[clientesFiltro]');
    const ok = await listarReceber(sim, { ordem_descrescente: 'S', exibir_obs: 'N', filtrar_apenas_titulos_em_aberto: 'N' });
    expect(ok.status).toBe(200);
  });

  it('refuses ISO dates with Client-103 and years up to 1900 with Client-104', async () => {
    const iso = await listarReceber(sim, { filtrar_por_emissao_de: '2026-10-01' });
    expect(iso.status).toBe(500);
    expect(iso.json.faultcode).toBe('SOAP-ENV:Client-103');
    const old = await listarClientes(sim, { filtrar_por_data_de: '01/01/1900' });
    expect(old.json.faultcode).toBe('SOAP-ENV:Client-104');
    const badHour = await listarClientes(sim, { filtrar_por_data_de: '01/01/2026', filtrar_por_hora_de: '25:00:00' });
    expect(badHour.json.faultcode).toBe('SOAP-ENV:Client-103');
  });

  it('validates the envelope: param must be a one-element array, call must exist on the service', async () => {
    const url = `${sim.url}${CLIENTES}`;
    const asObject = await post(url, JSON.stringify({ call: 'ListarClientes', app_key: DEMO_APP_KEY, app_secret: DEMO_APP_SECRET, param: { pagina: 1 } }));
    expect(asObject.status).toBe(500);
    expect(asObject.json.faultstring).toContain('[param]');
    const two = await post(url, JSON.stringify({ call: 'ListarClientes', app_key: DEMO_APP_KEY, app_secret: DEMO_APP_SECRET, param: [{}, {}] }));
    expect(two.json.faultstring).toContain('[param]');
    const wrongCall = await call(sim, CLIENTES, 'ListarContasReceber', {});
    expect(wrongCall.status).toBe(500);
    expect(wrongCall.json.faultstring).toContain('ListarContasReceber');
    const notJson = await post(url, '{nope');
    expect(notJson.status).toBe(500);
    expect(notJson.json.faultcode).toBe('SOAP-ENV:Client');
  });

  it('redirects a path without the trailing slash (301) and refuses other paths and verbs', async () => {
    const res = await fetch(`${sim.url}/geral/clientes`, { method: 'POST', body: '{}', redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/api/v1/geral/clientes/');
    await res.text();
    const unknown = await post(`${sim.url}/geral/produtos/`, '{}');
    expect(unknown.status).toBe(404);
    expect(unknown.json.faultstring).toContain('/api/v1/geral/produtos/');
    const get = await fetch(`${sim.url}${CLIENTES}`);
    expect(get.status).toBe(405);
    expect(await get.text()).toContain('POST');
  });

  it('writes JSON with \\u escapes, alphabetical keys and Content-Type application/json', async () => {
    const accented = sim.control.addCliente({ razao_social: 'Ação & Companhia São João Ltda', nome_fantasia: 'Ação' });
    const a = await listarClientes(sim, { clientesFiltro: { codigo_cliente_omie: accented.codigo_cliente_omie } });
    expect(a.contentType).toBe('application/json');
    expect(a.text).toContain('A\\u00e7\\u00e3o & Companhia S\\u00e3o Jo\\u00e3o Ltda');
    expect(/[^\x00-\x7f]/.test(a.text)).toBe(false);
    const keys = Object.keys(a.json);
    expect(keys).toEqual([...keys].sort());
    const record = a.json.clientes_cadastro[0];
    expect(Object.keys(record)).toEqual(Object.keys(record).sort());
    expect(Object.keys(record.info)).toEqual(['cImpAPI', 'dAlt', 'dInc', 'hAlt', 'hInc', 'uAlt', 'uInc']);
    const fault = await listarClientes(sim, { pagina: 99 });
    expect(fault.text).toBe('{"faultcode":"SOAP-ENV:Client-5113","faultstring":"ERROR: N\\u00e3o existem registros para a p\\u00e1gina [99]!"}');
  });

  it('shows observacao and caracteristicas only when asked', async () => {
    const plain = await listarClientes(sim, { registros_por_pagina: 500 });
    expect(plain.json.clientes_cadastro.some((c: object) => 'observacao' in c || 'caracteristicas' in c)).toBe(false);
    const shown = await listarClientes(sim, { registros_por_pagina: 500, exibir_obs: 'S', exibir_caracteristicas: 'S' });
    expect(shown.json.clientes_cadastro.some((c: object) => 'observacao' in c)).toBe(true);
    expect(shown.json.clientes_cadastro.filter((c: { caracteristicas?: unknown[] }) => Array.isArray(c.caracteristicas)).length).toBe(122);
  });

  it('serves injected malformed records as they are (missing code last, control characters escaped, NaN as null)', async () => {
    const own = await startOmieSim({ clients: 4, months: 1, clock: new ManualClock() });
    try {
      own.control.addRawCliente({ razao_social: 'Sem código\u0001\t', valor_limite_credito: Number.NaN });
      own.control.addRawCliente({ codigo_cliente_omie: '17', cnpj_cpf: '12.345.678/0001-00', info: { dAlt: '2026-11-01' } });
      const a = await listarClientes(own, { registros_por_pagina: 500 });
      expect(a.status).toBe(200);
      const list = a.json.clientes_cadastro;
      expect(list[0]).toEqual({ codigo_cliente_omie: '17', cnpj_cpf: '12.345.678/0001-00', info: { dAlt: '2026-11-01' } });
      expect(list.at(-1)).toEqual({ razao_social: 'Sem código\u0001\t', valor_limite_credito: null });
      expect(a.text).toContain('"razao_social":"Sem c\\u00f3digo\\u0001\\t"');
      const byDoc = await listarClientes(own, { clientesFiltro: { cnpj_cpf: '12345678000100' } });
      expect(byDoc.json.total_de_registros).toBe(1);
      const window = await listarClientes(own, { filtrar_por_data_de: '01/11/2026', filtrar_por_data_ate: '30/11/2026' });
      expect(window.json.faultcode).toBe('SOAP-ENV:Client-5113'); // an unreadable dAlt never matches a window
    } finally {
      await own.close();
    }
  });

  it('accepts credentials from options over the demo pair', async () => {
    const own = await startOmieSim({ clients: 5, months: 1, appKey: '998877665544', appSecret: 'aa'.repeat(16), clock: new ManualClock() });
    try {
      expect((await listarClientes(own, {})).status).toBe(403);
      expect((await call(own, CLIENTES, 'ListarClientes', {}, { app_key: '998877665544', app_secret: 'aa'.repeat(16) })).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});
