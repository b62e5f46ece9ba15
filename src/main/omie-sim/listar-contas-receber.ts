import { onlyDigits } from './documents';
import { OmieFault } from './faults';
import type { ListingCache } from './listing-cache';
import { checkTags, flag, optDate, optNumber, optString, type Param, pageOf, paging, window } from './params';
import type { TituloRow, TituloStore, TituloView } from './titulo-store';
import type { NoRecordsWording } from './types';

/** `lcrListarRequest` (omie-api.md §3.1): exactly these tags are accepted (note `ordem_descrescente`). */
const REQUEST_TAGS = new Set([
  'pagina', 'registros_por_pagina', 'apenas_importado_api', 'ordenar_por', 'ordem_descrescente',
  'filtrar_por_data_de', 'filtrar_por_data_ate', 'filtrar_apenas_inclusao', 'filtrar_apenas_alteracao',
  'filtrar_por_emissao_de', 'filtrar_por_emissao_ate', 'filtrar_por_registro_de', 'filtrar_por_registro_ate',
  'filtrar_conta_corrente', 'filtrar_apenas_titulos_em_aberto', 'filtrar_cliente', 'filtrar_por_status',
  'filtrar_por_cpf_cnpj', 'filtrar_por_projeto', 'filtrar_por_vendedor', 'exibir_obs',
]);

/** Filter spelling (§3.4) → the `status_titulo` values it selects. */
const STATUS_FILTER: Record<string, readonly string[]> = {
  RECEBIDO: ['RECEBIDO'],
  LIQUIDADO: ['RECEBIDO', 'LIQUIDADO'],
  ATRASADO: ['ATRASADO'],
  AVENCER: ['A VENCER'],
  'A VENCER': ['A VENCER'],
  VENCEHOJE: ['A VENCER'],
  EMABERTO: ['A VENCER', 'ATRASADO'],
  CANCELADO: ['CANCELADO'],
  PAGTO_PARCIAL: ['PARCIAL', 'PAGTO_PARCIAL'],
};

type Predicate = (v: TituloView) => boolean;

export interface ReceberContext {
  /** Formatted document of a customer code, for `filtrar_por_cpf_cnpj`. */
  docOfCliente(code: number): string | undefined;
  /** Today (Brasília day number), for VENCEHOJE. */
  today: number;
}

/** ListarContasReceber: filters, stable order by código, one page. */
export function listarContasReceber(
  store: TituloStore,
  param: Param,
  wording: NoRecordsWording,
  cache: ListingCache<TituloRow>,
  ctx: ReceberContext,
): Record<string, unknown> {
  checkTags(param, REQUEST_TAGS, 'lcrListarRequest');
  const p = paging(param);
  const { all, key } = buildPredicates(param, ctx);
  const descending = flag(param, 'ordem_descrescente');
  const rows = cache.get(JSON.stringify([key, descending]), store.version, () => {
    const out: TituloRow[] = [];
    const codes: number[] = [];
    let ordered = true;
    store.forEach((row) => {
      const v = store.view(row);
      if (!all.every((test) => test(v))) return;
      const code = v.code ?? Number.POSITIVE_INFINITY;
      if (codes.length > 0 && code < (codes[codes.length - 1] as number)) ordered = false;
      out.push(row);
      codes.push(code);
    });
    let result = out;
    if (!ordered) {
      const idx = out.map((_, i) => i).sort((a, b) => (codes[a] as number) - (codes[b] as number) || a - b);
      result = idx.map((i) => out[i] as TituloRow);
    }
    return descending ? result.reverse() : result;
  });
  const { slice, envelope } = pageOf(rows, p, wording);
  const obs = flag(param, 'exibir_obs');
  return {
    ...envelope,
    conta_receber_cadastro: slice.map((row) => {
      const raw = store.raw(row);
      if (obs || typeof row !== 'number' || raw.observacao === undefined) return raw;
      const { observacao: _hidden, ...rest } = raw;
      return rest;
    }),
  };
}

function buildPredicates(param: Param, ctx: ReceberContext): { all: Predicate[]; key: unknown[] } {
  const all: Predicate[] = [];
  const key: unknown[] = [];
  const inside = (w: { from: number; to: number }, t: number | null) => t !== null && t >= w.from && t <= w.to;

  const alteracao = window(optDate(param, 'filtrar_por_data_de'), undefined, optDate(param, 'filtrar_por_data_ate'), undefined);
  if (alteracao) {
    const inclusao = flag(param, 'filtrar_apenas_inclusao') && !flag(param, 'filtrar_apenas_alteracao');
    all.push(inclusao ? (v) => inside(alteracao, v.inc) : (v) => inside(alteracao, v.alt));
    key.push(['data', alteracao.from, alteracao.to, inclusao]);
  }
  const emissao = window(optDate(param, 'filtrar_por_emissao_de'), undefined, optDate(param, 'filtrar_por_emissao_ate'), undefined);
  if (emissao) {
    const days = { from: Math.floor(emissao.from / 86_400), to: Math.floor(emissao.to / 86_400) };
    all.push((v) => inside(days, v.emissao));
    key.push(['emissao', days.from, days.to]);
  }
  const registro = window(optDate(param, 'filtrar_por_registro_de'), undefined, optDate(param, 'filtrar_por_registro_ate'), undefined);
  if (registro) {
    const days = { from: Math.floor(registro.from / 86_400), to: Math.floor(registro.to / 86_400) };
    all.push((v) => inside(days, v.registro));
    key.push(['registro', days.from, days.to]);
  }
  const equal = (tag: string, pick: (v: TituloView) => number | null) => {
    const n = optNumber(param, tag);
    if (!n) return;
    all.push((v) => pick(v) === n);
    key.push([tag, n]);
  };
  equal('filtrar_cliente', (v) => v.client);
  equal('filtrar_conta_corrente', (v) => v.conta);
  equal('filtrar_por_projeto', (v) => v.projeto);
  equal('filtrar_por_vendedor', (v) => v.vendedor);

  const status = optString(param, 'filtrar_por_status');
  if (status !== undefined) {
    const wanted = STATUS_FILTER[status.toUpperCase()];
    if (!wanted) throw new OmieFault(500, 'SOAP-ENV:Client-105', `ERROR: Status [${status}] não é válido para o filtro [filtrar_por_status]!`, 'client-105');
    const venceHoje = status.toUpperCase() === 'VENCEHOJE';
    all.push((v) => wanted.includes(v.status) && (!venceHoje || v.vencimento === ctx.today));
    key.push(['status', status.toUpperCase(), venceHoje ? ctx.today : 0]);
  }
  if (flag(param, 'filtrar_apenas_titulos_em_aberto')) {
    all.push((v) => v.status === 'A VENCER' || v.status === 'ATRASADO');
    key.push('aberto');
  }
  if (flag(param, 'apenas_importado_api')) {
    all.push((v) => v.importado === 'S');
    key.push('importado');
  }
  const doc = optString(param, 'filtrar_por_cpf_cnpj');
  if (doc !== undefined) {
    const digits = onlyDigits(doc);
    all.push((v) => v.client !== null && onlyDigits(ctx.docOfCliente(v.client) ?? '') === digits);
    key.push(['doc', digits]);
  }
  return { all, key };
}

