import { DEMO_APP_KEY, DEMO_APP_SECRET, type OmieSim } from '../../src/main/omie-sim';

export const CLIENTES = '/geral/clientes/';
export const RECEBER = '/financas/contareceber/';

export interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  // biome-ignore lint: test convenience
  json: any;
}

/** One Omie call over real HTTP. */
export async function call(
  sim: OmieSim,
  path: string,
  method: string,
  param: Record<string, unknown>,
  creds: { app_key?: unknown; app_secret?: unknown } = {},
): Promise<Answer> {
  const body = { call: method, app_key: DEMO_APP_KEY, app_secret: DEMO_APP_SECRET, param: [param], ...creds };
  return post(`${sim.url}${path}`, JSON.stringify(body));
}

export async function post(url: string, body: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, ...init });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, contentType: res.headers.get('content-type'), text, json };
}

export const listarClientes = (sim: OmieSim, param: Record<string, unknown>) => call(sim, CLIENTES, 'ListarClientes', param);
export const listarReceber = (sim: OmieSim, param: Record<string, unknown>) => call(sim, RECEBER, 'ListarContasReceber', param);

/** Reads every page of a listing (page size `size`) and returns the records in order. */
export async function readAll(sim: OmieSim, path: string, method: string, listKey: string, param: Record<string, unknown>, size = 500): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let pagina = 1; ; pagina++) {
    const a = await call(sim, path, method, { ...param, pagina, registros_por_pagina: size });
    if (a.status === 500 && a.json?.faultcode === 'SOAP-ENV:Client-5113') return out;
    if (a.status !== 200) throw new Error(`page ${pagina}: ${a.status} ${a.text}`);
    out.push(...a.json[listKey]);
    if (pagina >= a.json.total_de_paginas) return out;
  }
}

/** "dd/mm/aaaa" of a Brasília day offset from a UTC instant. */
export function brDay(epochMs: number, offsetDays = 0): string {
  const d = new Date(epochMs - 3 * 3600_000 + offsetDays * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}
