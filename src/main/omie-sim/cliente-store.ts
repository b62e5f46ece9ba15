import { DAY_SEC, parseStamp } from './brasilia';
import { onlyDigits } from './documents';
import { type GenCliente, TAG_CLIENTE, TAG_FORNECEDOR, TAG_TRANSPORTADORA } from './generate-clientes';
import { DEFAULT_SHOW, infoOf, materializeCliente, type ShowOptions } from './materialize';
import type { RawCliente } from './types';

/** A record stored as an object: mutated, added, or injected raw (possibly malformed) — served as is. */
export interface RawRow {
  readonly gen: false;
  raw: Record<string, unknown>;
}
export type ClienteRow = GenCliente | RawRow;

/** What the filters look at, read leniently from either kind of row. */
export interface ClienteView {
  code: number | null;
  docDigits: string;
  inativo: string;
  pessoaFisica: string;
  tags: string[];
  inc: number | null;
  alt: number | null;
  importado: string;
  integracao: string;
}

/** The customers the simulator serves, in ascending `codigo_cliente_omie` order. */
export class ClienteStore {
  private rows: ClienteRow[];
  private sorted = true;
  version = 0;

  constructor(rows: GenCliente[]) {
    this.rows = rows;
  }

  get size(): number {
    return this.rows.length;
  }

  /** Rows in code order (records without a usable code last, in insertion order). */
  all(): readonly ClienteRow[] {
    if (!this.sorted) {
      const keyed = this.rows.map((row, i) => ({ row, i, code: viewOf(row).code ?? Number.POSITIVE_INFINITY }));
      keyed.sort((a, b) => a.code - b.code || a.i - b.i);
      this.rows = keyed.map((k) => k.row);
      this.sorted = true;
    }
    return this.rows;
  }

  maxCode(): number {
    let max = 0;
    for (const row of this.rows) {
      const code = viewOf(row).code;
      if (code !== null && code > max) max = code;
    }
    return max;
  }

  append(row: ClienteRow): void {
    const last = this.rows[this.rows.length - 1];
    const code = viewOf(row).code;
    if (last && (code === null || code < (viewOf(last).code ?? Number.POSITIVE_INFINITY))) this.sorted = false;
    this.rows.push(row);
    this.version++;
  }

  private indexOf(codigo: number): number {
    const i = this.rows.findIndex((row) => viewOf(row).code === codigo);
    if (i < 0) throw new Error(`no cliente with codigo_cliente_omie ${codigo}`);
    return i;
  }

  /** Applies `patch` over the record and stamps info.dAlt/hAlt with `nowWall` (a patch's own `info` fields win). */
  mutate(codigo: number, patch: Partial<RawCliente>, nowWall: number, user: string): void {
    const i = this.indexOf(codigo);
    const current = rawOf(this.rows[i] as ClienteRow);
    const info = (current.info ?? {}) as Record<string, unknown>;
    const stamp = infoOf(nowWall, nowWall, user, user);
    const next: Record<string, unknown> = {
      ...current,
      ...patch,
      info: { ...info, dAlt: stamp.dAlt, hAlt: stamp.hAlt, uAlt: user, ...((patch.info ?? {}) as object) },
    };
    this.rows[i] = { gen: false, raw: next };
    if (patch.codigo_cliente_omie !== undefined) this.sorted = false;
    this.version++;
  }

  remove(codigo: number): void {
    this.rows.splice(this.indexOf(codigo), 1);
    this.version++;
  }
}

/** The served object of a row (generated rows are built on the fly). */
export function rawOf(row: ClienteRow, show: ShowOptions = DEFAULT_SHOW): Record<string, unknown> {
  return row.gen ? (materializeCliente(row, show) as unknown as Record<string, unknown>) : row.raw;
}

export function viewOf(row: ClienteRow): ClienteView {
  if (row.gen) {
    const tags: string[] = [];
    if (row.tags & TAG_CLIENTE) tags.push('Cliente');
    if (row.tags & TAG_FORNECEDOR) tags.push('Fornecedor');
    if (row.tags & TAG_TRANSPORTADORA) tags.push('Transportadora');
    return {
      code: row.codigo,
      docDigits: onlyDigits(row.doc),
      inativo: row.inativo ? 'S' : 'N',
      pessoaFisica: row.pf ? 'S' : 'N',
      tags,
      inc: row.inc,
      alt: row.alt,
      importado: 'N',
      integracao: '',
    };
  }
  const raw = row.raw;
  const info = (raw.info ?? {}) as Record<string, unknown>;
  const code = Number(raw.codigo_cliente_omie);
  const tags = Array.isArray(raw.tags)
    ? raw.tags.map((t) => (t !== null && typeof t === 'object' ? String((t as Record<string, unknown>).tag ?? '') : String(t)))
    : [];
  return {
    code: raw.codigo_cliente_omie !== undefined && raw.codigo_cliente_omie !== '' && Number.isFinite(code) ? code : null,
    docDigits: typeof raw.cnpj_cpf === 'string' ? onlyDigits(raw.cnpj_cpf) : '',
    inativo: typeof raw.inativo === 'string' ? raw.inativo : 'N',
    pessoaFisica: typeof raw.pessoa_fisica === 'string' ? raw.pessoa_fisica : '',
    tags,
    inc: parseStamp(info.dInc, info.hInc),
    alt: parseStamp(info.dAlt, info.hAlt),
    importado: typeof raw.importado_api === 'string' ? raw.importado_api : 'N',
    integracao: typeof raw.codigo_cliente_integracao === 'string' ? raw.codigo_cliente_integracao : '',
  };
}

export { DAY_SEC };
