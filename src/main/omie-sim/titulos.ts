import { DAY_SEC, brDate, dayNumber } from './brasilia';
import { type GenCliente, TAG_CLIENTE } from './generate-clientes';
import { infoOf } from './materialize';
import { Rng } from './rng';
import type { RawTitulo } from './types';

export const STATUS = ['RECEBIDO', 'ATRASADO', 'A VENCER', 'CANCELADO'] as const;
const ST_RECEBIDO = 0;
const ST_ATRASADO = 1;
const ST_A_VENCER = 2;
const ST_CANCELADO = 3;

/** Title shapes seen in real captures: full dates; no data_emissao (data_registro only); data_vencimento only. */
export const SHAPE_FULL = 0;
const SHAPE_REGISTRO_ONLY = 1;
export const SHAPE_VENCIMENTO_ONLY = 2;

const CODE_BASE = 3_100_000_000;
export const CONTAS = [2_360_142_401, 2_360_142_977];

/**
 * Generated receivable titles kept in typed columns (about 60 bytes a title), ordered by ascending
 * `codigo_lancamento_omie`; the Omie-shaped object is built only when served.
 */
export class TituloColumns {
  count = 0;
  clientCode = new Float64Array(0);
  emissao = new Int32Array(0);
  venc = new Int32Array(0);
  cents = new Float64Array(0);
  status = new Uint8Array(0);
  shape = new Uint8Array(0);
  conta = new Uint8Array(0);
  inc = new Float64Array(0);
  alt = new Float64Array(0);

  codeAt(i: number): number {
    return CODE_BASE + i * 5 + ((i * 7) % 5);
  }

  /** Index of a generated title code, or -1. */
  indexOf(code: number): number {
    const i = Math.floor((code - CODE_BASE) / 5);
    return i >= 0 && i < this.count && this.codeAt(i) === code ? i : -1;
  }

  push(t: { client: number; emissao: number; venc: number; cents: number; status: number; shape: number; conta: number; inc: number; alt: number }): void {
    if (this.count === this.clientCode.length) this.grow(Math.max(1024, this.count * 2));
    const i = this.count++;
    this.clientCode[i] = t.client;
    this.emissao[i] = t.emissao;
    this.venc[i] = t.venc;
    this.cents[i] = t.cents;
    this.status[i] = t.status;
    this.shape[i] = t.shape;
    this.conta[i] = t.conta;
    this.inc[i] = t.inc;
    this.alt[i] = t.alt;
  }

  private grow(size: number): void {
    const copy = <T extends Float64Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.clientCode = copy(this.clientCode, (n) => new Float64Array(n));
    this.emissao = copy(this.emissao, (n) => new Int32Array(n));
    this.venc = copy(this.venc, (n) => new Int32Array(n));
    this.cents = copy(this.cents, (n) => new Float64Array(n));
    this.status = copy(this.status, (n) => new Uint8Array(n));
    this.shape = copy(this.shape, (n) => new Uint8Array(n));
    this.conta = copy(this.conta, (n) => new Uint8Array(n));
    this.inc = copy(this.inc, (n) => new Float64Array(n));
    this.alt = copy(this.alt, (n) => new Float64Array(n));
  }

  /** The Omie-shaped record of generated title `i`. */
  materialize(i: number, users: readonly string[]): RawTitulo {
    const shape = this.shape[i] ?? SHAPE_FULL;
    const valor = (this.cents[i] ?? 0) / 100;
    const venc = brDate(this.venc[i] ?? 0);
    const full = shape === SHAPE_FULL;
    const numbered = shape !== SHAPE_VENCIMENTO_ONLY;
    const numero = String(100_000 + i);
    const emissao = brDate(this.emissao[i] ?? 0);
    // Literal in alphabetical key order, so omieJson can serialize it without copying.
    const out: RawTitulo = {
      bloqueado: 'N',
      boleto: { cGerado: 'N', cNumBancario: '', cNumBoleto: '', dDtEmBol: '', nPerJuros: 0, nPerMulta: 0 },
      categorias: [{ codigo_categoria: '1.01.02', percentual: 100, valor }],
      codigo_categoria: '1.01.02',
      codigo_cliente_fornecedor: this.clientCode[i] ?? 0,
      codigo_cliente_fornecedor_integracao: '',
      codigo_lancamento_integracao: '',
      codigo_lancamento_omie: this.codeAt(i),
      codigo_projeto: 0,
      codigo_tipo_documento: numbered ? 'NF' : '99999',
      codigo_vendedor: 0,
      ...(full ? { data_emissao: emissao } : {}),
      data_previsao: venc,
      ...(numbered ? { data_registro: emissao } : {}),
      data_vencimento: venc,
      distribuicao: [],
      id_conta_corrente: CONTAS[this.conta[i] ?? 0] ?? 0,
      id_origem: numbered ? 'NFER' : 'MANR',
      importado_api: 'N',
      info: infoOf(this.inc[i] ?? 0, this.alt[i] ?? 0, users[i % users.length] ?? 'WEBSERVICE', users[(i * 3) % users.length] ?? 'WEBSERVICE'),
      ...(numbered ? { numero_documento: numero, numero_documento_fiscal: numero, numero_parcela: '001/001' } : {}),
      status_titulo: STATUS[this.status[i] ?? 0] ?? 'A VENCER',
      tipo_agrupamento: 'I',
      valor_documento: valor,
    };
    return out;
  }
}

/** First day (day number) of each of the `months` months ending at `lastMonth` ("YYYY-MM"). */
function monthStarts(lastMonth: string, months: number): { start: number; days: number }[] {
  const [y, m] = lastMonth.split('-').map(Number) as [number, number];
  const out: { start: number; days: number }[] = [];
  for (let k = months - 1; k >= 0; k--) {
    const index = y * 12 + (m - 1) - k;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const start = dayNumber(year, month, 1);
    out.push({ start, days: dayNumber(year, month + 1, 1) - start });
  }
  return out;
}

/**
 * Titles month by month (so codes grow with time): each customer gets ~1 title a month (8% none,
 * 8% two), from the month it was created on; inactive customers stop halfway.
 */
export function generateTitulos(seed: number, rows: readonly GenCliente[], lastMonth: string, months: number, anchorSec: number): TituloColumns {
  const rng = new Rng((seed * 2_654_435_761 + 97) >>> 0);
  const cols = new TituloColumns();
  const anchorDay = Math.floor(anchorSec / DAY_SEC);
  const list = monthStarts(lastMonth, months);
  list.forEach(({ start, days }, monthIndex) => {
    for (const row of rows) {
      if (!(row.tags & TAG_CLIENTE)) continue;
      if (start + days <= Math.floor(row.inc / DAY_SEC)) continue;
      if (row.inativo && monthIndex >= months / 2) continue;
      const r = rng.next();
      const n = r < 0.08 ? 0 : r < 0.92 ? 1 : 2;
      for (let k = 0; k < n; k++) {
        const emissao = k === 0 ? start + Math.min(days - 1, row.codigo % 28) : start + rng.int(0, days - 1);
        const venc = emissao + rng.pick([10, 15, 15, 20, 30]);
        const cents = k === 0 && rng.chance(0.8) ? row.feeCents : Math.max(1, Math.round(row.feeCents * (0.3 + rng.next())));
        let status: number = venc < anchorDay ? (rng.chance(0.88) ? ST_RECEBIDO : ST_ATRASADO) : ST_A_VENCER;
        if (rng.chance(0.05)) status = ST_CANCELADO;
        const s = rng.next();
        const shape = s < 0.02 ? SHAPE_REGISTRO_ONLY : s < 0.03 ? SHAPE_VENCIMENTO_ONLY : SHAPE_FULL;
        const inc = Math.min(emissao * DAY_SEC + rng.int(8 * 3600, 19 * 3600), anchorSec - rng.int(60, 3600));
        let alt = inc;
        if (status === ST_RECEBIDO) alt = venc * DAY_SEC + rng.int(9 * 3600, 18 * 3600);
        else if (status === ST_CANCELADO) alt = inc + rng.int(1, 20) * DAY_SEC;
        else if (rng.chance(0.3)) alt = inc + rng.int(60, 5 * DAY_SEC);
        alt = Math.max(inc, Math.min(alt, anchorSec - 60));
        cols.push({ client: row.codigo, emissao, venc, cents, status, shape, conta: rng.chance(0.7) ? 0 : 1, inc, alt });
      }
    }
  });
  return cols;
}
