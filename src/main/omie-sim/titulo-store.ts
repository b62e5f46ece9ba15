import { DAY_SEC, brDate, dayOfWall, parseBrDate, parseStamp } from './brasilia';
import { infoOf } from './materialize';
import { CONTAS, STATUS, SHAPE_FULL, SHAPE_VENCIMENTO_ONLY, type TituloColumns } from './titulos';
import type { RawTitulo } from './types';

/** A title row: the index of a generated title, or an object (a changed generated title, an added or raw one). */
export type TituloRow = number | Record<string, unknown>;

/** What the receivable filters look at. */
export interface TituloView {
  code: number | null;
  client: number | null;
  emissao: number | null;
  registro: number | null;
  vencimento: number | null;
  inc: number | null;
  alt: number | null;
  status: string;
  conta: number | null;
  vendedor: number | null;
  projeto: number | null;
  importado: string;
}

/** The receivable titles the simulator serves, in ascending `codigo_lancamento_omie` order. */
export class TituloStore {
  private readonly overrides = new Map<number, Record<string, unknown>>();
  private extras: Record<string, unknown>[] = [];
  private extrasSorted = true;
  version = 0;

  constructor(
    readonly cols: TituloColumns,
    private readonly users: readonly string[],
  ) {}

  /** Calls `visit` for every row in code order. */
  forEach(visit: (row: TituloRow) => void): void {
    const n = this.cols.count;
    if (this.overrides.size === 0) for (let i = 0; i < n; i++) visit(i);
    else for (let i = 0; i < n; i++) visit(this.overrides.get(i) ?? i);
    for (const extra of this.sortedExtras()) visit(extra);
  }

  private sortedExtras(): readonly Record<string, unknown>[] {
    if (!this.extrasSorted) {
      const keyed = this.extras.map((raw, i) => ({ raw, i, code: codeOfRaw(raw) ?? Number.POSITIVE_INFINITY }));
      keyed.sort((a, b) => a.code - b.code || a.i - b.i);
      this.extras = keyed.map((k) => k.raw);
      this.extrasSorted = true;
    }
    return this.extras;
  }

  raw(row: TituloRow): Record<string, unknown> {
    return typeof row === 'number' ? (this.cols.materialize(row, this.users) as unknown as Record<string, unknown>) : row;
  }

  view(row: TituloRow): TituloView {
    if (typeof row === 'number') {
      const c = this.cols;
      const shape = c.shape[row] ?? SHAPE_FULL;
      return {
        code: c.codeAt(row),
        client: c.clientCode[row] ?? null,
        emissao: shape === SHAPE_FULL ? (c.emissao[row] ?? null) : null,
        registro: shape === SHAPE_VENCIMENTO_ONLY ? null : (c.emissao[row] ?? null),
        vencimento: c.venc[row] ?? null,
        inc: c.inc[row] ?? null,
        alt: c.alt[row] ?? null,
        status: STATUS[c.status[row] ?? 0] ?? '',
        conta: CONTAS[c.conta[row] ?? 0] ?? null,
        vendedor: 0,
        projeto: 0,
        importado: 'N',
      };
    }
    const info = (row.info ?? {}) as Record<string, unknown>;
    const day = (v: unknown) => (typeof v === 'string' ? parseBrDate(v) : null);
    const num = (v: unknown) => (v === undefined || v === '' || v === null || !Number.isFinite(Number(v)) ? null : Number(v));
    return {
      code: codeOfRaw(row),
      client: num(row.codigo_cliente_fornecedor),
      emissao: day(row.data_emissao),
      registro: day(row.data_registro),
      vencimento: day(row.data_vencimento),
      inc: parseStamp(info.dInc, info.hInc),
      alt: parseStamp(info.dAlt, info.hAlt),
      status: typeof row.status_titulo === 'string' ? row.status_titulo : '',
      conta: num(row.id_conta_corrente),
      vendedor: num(row.codigo_vendedor),
      projeto: num(row.codigo_projeto),
      importado: typeof row.importado_api === 'string' ? row.importado_api : 'N',
    };
  }

  maxCode(): number {
    let max = this.cols.count > 0 ? this.cols.codeAt(this.cols.count - 1) : 0;
    for (const extra of this.extras) max = Math.max(max, codeOfRaw(extra) ?? 0);
    return max;
  }

  cancel(codigo: number, nowWall: number, user: string): void {
    const stamp = infoOf(nowWall, nowWall, user, user);
    const apply = (raw: Record<string, unknown>) => ({
      ...raw,
      status_titulo: 'CANCELADO',
      info: { ...((raw.info ?? {}) as object), dAlt: stamp.dAlt, hAlt: stamp.hAlt, uAlt: user },
    });
    const i = this.cols.indexOf(codigo);
    if (i >= 0) {
      this.overrides.set(i, apply(this.overrides.get(i) ?? this.raw(i)));
    } else {
      const j = this.extras.findIndex((raw) => codeOfRaw(raw) === codigo);
      if (j < 0) throw new Error(`no titulo with codigo_lancamento_omie ${codigo}`);
      this.extras[j] = apply(this.extras[j] as Record<string, unknown>);
    }
    this.version++;
  }

  /** A new well-formed title (defaults: issued today, due in 15 days, R$ 100, "A VENCER"), `partial` over it. */
  add(partial: Partial<RawTitulo>, nowWall: number, user: string): RawTitulo {
    const today = dayOfWall(nowWall);
    const code = this.maxCode() + 7;
    const valor = partial.valor_documento ?? 100;
    const base: RawTitulo = {
      codigo_lancamento_omie: code,
      codigo_lancamento_integracao: '',
      codigo_cliente_fornecedor: 0,
      codigo_cliente_fornecedor_integracao: '',
      data_vencimento: brDate(today + 15),
      data_previsao: brDate(today + 15),
      data_emissao: brDate(today),
      data_registro: brDate(today),
      valor_documento: valor,
      codigo_categoria: '1.01.02',
      categorias: [{ codigo_categoria: '1.01.02', percentual: 100, valor }],
      id_conta_corrente: 2_360_142_401,
      numero_documento: String(code).slice(-6),
      numero_parcela: '001/001',
      codigo_tipo_documento: 'NF',
      id_origem: 'NFER',
      status_titulo: 'A VENCER',
      tipo_agrupamento: 'I',
      bloqueado: 'N',
      importado_api: 'N',
      codigo_vendedor: 0,
      codigo_projeto: 0,
      boleto: { cGerado: 'N', cNumBancario: '', cNumBoleto: '', dDtEmBol: '', nPerJuros: 0, nPerMulta: 0 },
      distribuicao: [],
      info: infoOf(nowWall, nowWall, user, user),
    };
    const titulo: RawTitulo = { ...base, ...partial, info: { ...base.info, ...(partial.info ?? {}) } };
    this.addRaw(titulo as unknown as Record<string, unknown>);
    return titulo;
  }

  addRaw(raw: Record<string, unknown>): void {
    const code = codeOfRaw(raw);
    const last = this.extras[this.extras.length - 1];
    const lastCode = last ? (codeOfRaw(last) ?? Number.POSITIVE_INFINITY) : this.cols.count > 0 ? this.cols.codeAt(this.cols.count - 1) : 0;
    if (code === null || code < lastCode) this.extrasSorted = false;
    this.extras.push(raw);
    this.version++;
  }
}

function codeOfRaw(raw: Record<string, unknown>): number | null {
  const v = raw.codigo_lancamento_omie;
  const n = Number(v);
  return v === undefined || v === null || v === '' || !Number.isFinite(n) ? null : n;
}

export { DAY_SEC };
