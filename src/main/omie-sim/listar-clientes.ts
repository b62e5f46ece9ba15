import { type ClienteRow, type ClienteStore, rawOf, viewOf } from './cliente-store';
import { onlyDigits } from './documents';
import { OmieFault } from './faults';
import { ListingCache } from './listing-cache';
import {
  asObject,
  badValue,
  checkTags,
  flag,
  optDate,
  optNumber,
  optString,
  optTime,
  type Param,
  pageOf,
  paging,
  window,
} from './params';
import type { NoRecordsWording } from './types';

/** `clientes_list_request` (omie-api.md §2.1): exactly these tags are accepted. */
const REQUEST_TAGS = new Set([
  'pagina', 'registros_por_pagina', 'apenas_importado_api', 'ordenar_por', 'ordem_decrescente', 'ordem_descrescente',
  'filtrar_por_data_de', 'filtrar_por_data_ate', 'filtrar_por_hora_de', 'filtrar_por_hora_ate',
  'filtrar_apenas_inclusao', 'filtrar_apenas_alteracao', 'clientesFiltro', 'clientesPorCodigo',
  'exibir_caracteristicas', 'exibir_obs',
]);

/** `clientesFiltro` (§2.2). */
const FILTRO_TAGS = new Set([
  'codigo_cliente_omie', 'codigo_cliente_integracao', 'cnpj_cpf', 'razao_social', 'nome_fantasia', 'endereco', 'bairro',
  'cidade', 'estado', 'cep', 'contato', 'email', 'homepage', 'inscricao_municipal', 'inscricao_estadual', 'inscricao_suframa',
  'pessoa_fisica', 'optante_simples_nacional', 'inativo', 'tags',
]);
const CONTAINS_TAGS = new Set(['razao_social', 'nome_fantasia', 'endereco', 'bairro', 'cidade', 'contato', 'email', 'homepage']);
const POR_CODIGO_TAGS = new Set(['codigo_cliente_omie', 'codigo_cliente_integracao']);

type Predicate = (row: ClienteRow) => boolean;

/** ListarClientes: filters, stable order by código, one page. */
export function listarClientes(store: ClienteStore, param: Param, wording: NoRecordsWording, cache: ListingCache<ClienteRow>): Record<string, unknown> {
  checkTags(param, REQUEST_TAGS, 'clientes_list_request');
  const p = paging(param);
  const predicates = buildPredicates(param);
  const descending = flag(param, 'ordem_decrescente') || flag(param, 'ordem_descrescente');
  const key = JSON.stringify([predicates.key, descending]);
  const rows = cache.get(key, store.version, () => {
    const out = store.all().filter((row) => predicates.all.every((test) => test(row)));
    return descending ? out.reverse() : out;
  });
  const { slice, envelope } = pageOf(rows, p, wording);
  const show = { obs: flag(param, 'exibir_obs'), caracteristicas: flag(param, 'exibir_caracteristicas') };
  return { ...envelope, clientes_cadastro: slice.map((row) => rawOf(row, show)) };
}

function buildPredicates(param: Param): { all: Predicate[]; key: unknown[] } {
  const all: Predicate[] = [];
  const key: unknown[] = [];
  const win = window(
    optDate(param, 'filtrar_por_data_de'),
    optTime(param, 'filtrar_por_hora_de'),
    optDate(param, 'filtrar_por_data_ate'),
    optTime(param, 'filtrar_por_hora_ate'),
  );
  if (win) {
    const inclusao = flag(param, 'filtrar_apenas_inclusao');
    const alteracao = flag(param, 'filtrar_apenas_alteracao');
    const inside = (t: number | null) => t !== null && t >= win.from && t <= win.to;
    if (inclusao && !alteracao) all.push((row) => inside(viewOf(row).inc));
    else if (alteracao && !inclusao) all.push((row) => inside(viewOf(row).alt));
    else all.push((row) => {
      const v = viewOf(row);
      return inside(v.inc) || inside(v.alt);
    });
    key.push(['win', win.from, win.to, inclusao, alteracao]);
  }
  if (flag(param, 'apenas_importado_api')) {
    all.push((row) => viewOf(row).importado === 'S');
    key.push('importado');
  }
  if (param.clientesFiltro !== undefined) addFiltro(asObject(param.clientesFiltro, 'clientesFiltro'), all, key);
  if (param.clientesPorCodigo !== undefined) addPorCodigo(param.clientesPorCodigo, all, key);
  return { all, key };
}

function addFiltro(filtro: Param, all: Predicate[], key: unknown[]): void {
  checkTags(filtro, FILTRO_TAGS, 'clientesFiltro');
  for (const tag of Object.keys(filtro)) {
    if (tag === 'tags') {
      const wanted = tagList(filtro.tags);
      if (wanted.length === 0) continue;
      all.push((row) => viewOf(row).tags.some((t) => wanted.includes(t.toLowerCase())));
      key.push(['tags', wanted]);
      continue;
    }
    if (tag === 'codigo_cliente_omie') {
      const code = optNumber(filtro, tag);
      if (!code) continue;
      all.push((row) => viewOf(row).code === code);
      key.push([tag, code]);
      continue;
    }
    const value = optString(filtro, tag);
    if (value === undefined) continue;
    key.push([tag, value]);
    if (tag === 'cnpj_cpf') {
      const digits = onlyDigits(value);
      all.push((row) => viewOf(row).docDigits === digits);
    } else if (tag === 'inativo') all.push((row) => viewOf(row).inativo === value.toUpperCase());
    else if (tag === 'pessoa_fisica') all.push((row) => viewOf(row).pessoaFisica === value.toUpperCase());
    else if (tag === 'codigo_cliente_integracao') all.push((row) => viewOf(row).integracao === value);
    else if (CONTAINS_TAGS.has(tag)) {
      const needle = value.toLocaleLowerCase('pt-BR');
      all.push((row) => String(rawOf(row)[tag] ?? '').toLocaleLowerCase('pt-BR').includes(needle));
    } else all.push((row) => String(rawOf(row)[tag] ?? '') === value);
  }
}

function tagList(value: unknown): string[] {
  if (value === '' || value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badValue('tags', value);
  return value.map((t) => (t !== null && typeof t === 'object' ? String((t as Param).tag ?? '') : String(t)).toLowerCase()).filter((t) => t !== '');
}

function addPorCodigo(value: unknown, all: Predicate[], key: unknown[]): void {
  if (!Array.isArray(value)) throw badValue('clientesPorCodigo', value);
  const codes = new Set<number>();
  const integracoes = new Set<string>();
  for (const item of value) {
    const entry = asObject(item, 'clientesPorCodigo');
    checkTags(entry, POR_CODIGO_TAGS, 'clientesPorCodigo');
    const code = optNumber(entry, 'codigo_cliente_omie');
    const integracao = optString(entry, 'codigo_cliente_integracao');
    if (code) codes.add(code);
    if (integracao) integracoes.add(integracao);
  }
  if (codes.size === 0 && integracoes.size === 0) {
    throw new OmieFault(500, 'SOAP-ENV:Client-101', 'ERROR: Nenhum código de cliente foi informado em [clientesPorCodigo]!', 'client-101');
  }
  all.push((row) => {
    const v = viewOf(row);
    return (v.code !== null && codes.has(v.code)) || (v.integracao !== '' && integracoes.has(v.integracao));
  });
  key.push(['porCodigo', [...codes], [...integracoes]]);
}
