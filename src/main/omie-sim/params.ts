import { DAY_SEC, parseBrDate, parseBrTime } from './brasilia';
import { OmieFault } from './faults';
import type { NoRecordsWording } from './types';

export type Param = Record<string, unknown>;

/** Refuses the first key not in `allowed`, the way Omie does (tag upper-cased, one per response). */
export function checkTags(param: Param, allowed: ReadonlySet<string>, complexType: string): void {
  for (const key of Object.keys(param)) {
    if (!allowed.has(key)) {
      throw new OmieFault(500, 'SOAP-ENV:Client-5001', `ERROR: Tag [${key.toUpperCase()}] não faz parte da estrutura do tipo complexo [${complexType}]!`, 'client-5001');
    }
  }
}

export function asObject(value: unknown, tag: string): Param {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badValue(tag, value);
  return value as Param;
}

export function badValue(tag: string, value: unknown): OmieFault {
  return new OmieFault(500, 'SOAP-ENV:Client-107', `ERROR: O valor informado para a tag [${tag}] não é válido: [${String(JSON.stringify(value)).slice(0, 60)}]!`, 'client-107');
}

/** A number that may arrive as a numeric string; absent / "" → undefined. */
export function optNumber(param: Param, tag: string): number | undefined {
  const v = param[tag];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) throw badValue(tag, v);
  return n;
}

export function optString(param: Param, tag: string): string | undefined {
  const v = param[tag];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') throw badValue(tag, v);
  return String(v).trim();
}

export function flag(param: Param, tag: string): boolean {
  return optString(param, tag)?.toUpperCase() === 'S';
}

/** A "dd/mm/aaaa" filter date → day number; ISO or impossible dates → Client-103, years ≤ 1900 → Client-104. */
export function optDate(param: Param, tag: string): number | undefined {
  const text = optString(param, tag);
  if (text === undefined) return undefined;
  const day = parseBrDate(text);
  if (day === null) {
    throw new OmieFault(500, 'SOAP-ENV:Client-103', `ERROR: Data inválida [${text}] informada na tag [${tag}]! Utilize o formato dd/mm/aaaa.`, 'client-103');
  }
  if (Number(text.slice(6)) <= 1900) {
    throw new OmieFault(500, 'SOAP-ENV:Client-104', `ERROR: A data informada na tag [${tag}] está fora da faixa permitida!`, 'client-104');
  }
  return day;
}

export function optTime(param: Param, tag: string): number | undefined {
  const text = optString(param, tag);
  if (text === undefined) return undefined;
  const sec = parseBrTime(text);
  if (sec === null) throw new OmieFault(500, 'SOAP-ENV:Client-103', `ERROR: Hora inválida [${text}] informada na tag [${tag}]! Utilize o formato hh:mm:ss.`, 'client-103');
  return sec;
}

/** A [from, to] window in wall seconds from date (+ optional time) bounds; null when no bound given. */
export function window(fromDay?: number, fromSec?: number, toDay?: number, toSec?: number): { from: number; to: number } | null {
  if (fromDay === undefined && toDay === undefined) return null;
  return {
    from: fromDay === undefined ? Number.NEGATIVE_INFINITY : fromDay * DAY_SEC + (fromSec ?? 0),
    to: toDay === undefined ? Number.POSITIVE_INFINITY : toDay * DAY_SEC + (toSec ?? DAY_SEC - 1),
  };
}

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;

export interface Paging {
  pagina: number;
  size: number;
}

/** `pagina` (0 → 1) and `registros_por_pagina` (absent/0 → 50, above 500 → 500), numbers or numeric strings. */
export function paging(param: Param): Paging {
  const pagina = optNumber(param, 'pagina') ?? 1;
  const size = optNumber(param, 'registros_por_pagina') ?? DEFAULT_PAGE_SIZE;
  if (pagina < 0 || !Number.isInteger(pagina)) throw badValue('pagina', param.pagina);
  if (size < 0 || !Number.isInteger(size)) throw badValue('registros_por_pagina', param.registros_por_pagina);
  return { pagina: Math.max(1, pagina), size: size === 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE) };
}

function noRecords(pagina: number, wording: NoRecordsWording): OmieFault {
  return new OmieFault(500, 'SOAP-ENV:Client-5113', `ERROR: Não existem ${wording} para a página [${pagina}]!`, 'client-5113', false);
}

/** The page of `rows`, with Omie's totals; past the end or no matches → 5113. */
export function pageOf<T>(rows: readonly T[], p: Paging, wording: NoRecordsWording): { slice: readonly T[]; envelope: Record<string, number> } {
  const total = rows.length;
  const pages = Math.ceil(total / p.size);
  if (total === 0 || p.pagina > pages) throw noRecords(p.pagina, wording);
  const slice = rows.slice((p.pagina - 1) * p.size, p.pagina * p.size);
  return { slice, envelope: { pagina: p.pagina, total_de_paginas: pages, registros: slice.length, total_de_registros: total } };
}
