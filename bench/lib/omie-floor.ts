/**
 * The floor of a clients sync: the very HTTP requests the client sends (same URL, headers, body:
 * ListarClientes with the client's parameters, page after page) fetched with the same HTTP library
 * and JSON.parse'd — nothing else: no fault reading, no validation, no database.
 */
import { request } from 'undici';
import { clientesParams } from '../../src/main/omie/filters';
import type { ClientesFilters } from '../../src/main/omie/types';

export interface FloorOutcome {
  pages: number;
  records: number;
}

export async function fetchClientesFloor(
  baseUrl: string,
  credentials: { appKey: string; appSecret: string },
  pageSize = 500,
  filters: ClientesFilters = {},
): Promise<FloorOutcome> {
  const url = `${baseUrl.replace(/\/+$/, '')}/geral/clientes/`;
  const params = clientesParams(filters);
  let records = 0;
  for (let page = 1; ; page++) {
    const body = JSON.stringify({
      call: 'ListarClientes',
      app_key: credentials.appKey,
      app_secret: credentials.appSecret,
      param: [{ ...params, pagina: page, registros_por_pagina: pageSize }],
    });
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'ness-data' },
      body,
    });
    const parsed = JSON.parse(await res.body.text()) as { total_de_paginas?: number; clientes_cadastro?: unknown[] };
    if (res.statusCode !== 200 || !Array.isArray(parsed.clientes_cadastro)) throw new Error(`floor: page ${page} answered HTTP ${res.statusCode}`);
    records += parsed.clientes_cadastro.length;
    if (page >= Number(parsed.total_de_paginas ?? 0) || parsed.clientes_cadastro.length === 0) return { pages: page, records };
  }
}
