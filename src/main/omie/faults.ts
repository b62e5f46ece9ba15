/**
 * Reads an Omie answer — on EVERY status — into either a usable body or a classified fault.
 * Fault texts are matched after JSON decoding (Omie escapes non-ASCII as \uXXXX).
 */
import type { OmieFaultKind } from './omie-error';

export type Answer =
  | { kind: 'ok'; body: Record<string, unknown> }
  | { kind: 'end_of_data'; faultcode: string | null; text: string }
  | Fault;

export interface Fault {
  kind: OmieFaultKind;
  status: number;
  faultcode: string | null;
  /** The decoded fault text, or an excerpt of a non-JSON body. Not yet scrubbed. */
  text: string;
  /** A wait the answer asked for, in ms (redundant, 425, 429 with a number). */
  waitMs?: number;
  /** "hh:mm:ss" Brasília wall time from "tente novamente às …" (duplicate). */
  retryAt?: string;
  /** The tag named by Client-5001. */
  tag?: string;
}

const has = (re: RegExp, ...texts: (string | null)[]) => texts.some((t) => t !== null && re.test(t));

const END_OF_DATA = /n[aã]o existem (registros|cadastros)/i;
const UNKNOWN_TAG = /tag \[([^\]]*)\] n[aã]o faz parte/i;
const BLOCKED = /bloquead[ao] por consumo indevido/i;
const AUTH = /chave de acesso|aplicativo est[aá] suspenso/i;
const DUPLICATE = /j[aá] foi processada|tente novamente [àa]s/i;
const RETRY_AT = /[àa]s\s+(\d{1,2}:\d{2}(?::\d{2})?)/i;
const REDUNDANT = /consumo redundante|\bREDUNDANT\b/i;
const METHOD_LOCK = /j[aá] existe uma requisi[cç][aã]o desse m[eé]todo/i;
const RATE = /too many requests|consumo indevido/i;
const CODE = (n: string) => new RegExp(`(^|[^0-9])${n}$`);

/** "Aguarde 57 segundos", "Tente novamente em 5 minutos" → ms; null when no number is given. */
export function waitFromText(text: string): number | null {
  const m = /(\d+)\s*(segundo|seg\b|s\b|minuto|min\b|hora)/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  if (unit.startsWith('min')) return n * 60_000;
  if (unit.startsWith('hora')) return n * 3_600_000;
  return n * 1000;
}

const latin1 = new TextDecoder('latin1');

/**
 * Whether an answer, not yet decoded, can be taken for data ahead of its reading: HTTP 200 and no
 * fault named in its first bytes (Omie's fault bodies start with their faultstring/faultcode, or
 * error_code/error_message). A guess that lets the pager ask for the next page while this one is
 * decoded; only readAnswer says what the answer is.
 */
export function looksLikeData(status: number, bytes: Uint8Array): boolean {
  if (status !== 200) return false;
  const head = latin1.decode(bytes.subarray(0, 96)).toLowerCase();
  return !head.includes('fault') && !head.includes('error');
}

function decode(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;

export function readAnswer(status: number, text: string, contentType = ''): Answer {
  const json = decode(text);
  const isObject = typeof json === 'object' && json !== null && !Array.isArray(json);
  const obj = isObject ? (json as Record<string, unknown>) : null;
  const faultcode = obj ? str(obj.faultcode) ?? str(obj.error_code) ?? str(obj.code) : null;
  const faultText = obj ? str(obj.faultstring) ?? str(obj.error_message) ?? str(obj.description) : null;
  const isFault = obj !== null && (faultcode !== null || faultText !== null) && !('total_de_paginas' in obj);

  if (obj && !isFault) {
    if (status >= 200 && status < 300) return { kind: 'ok', body: obj };
    return byStatus(status, faultcode, excerpt(text)) ?? { kind: 'protocol', status, faultcode, text: excerpt(text) };
  }
  if (!obj) {
    const looksHtml = /html/i.test(contentType) || /^\s*</.test(text);
    const byCode = byStatus(status, null, excerpt(text), true);
    if (byCode) return byCode;
    if (looksHtml) return { kind: 'server', status, faultcode: null, text: `HTML page: ${excerpt(text)}` };
    const what = text.trim() === '' ? 'an empty answer' : `an undecodable answer: ${excerpt(text)}`;
    return { kind: 'protocol', status, faultcode: null, text: `HTTP ${status} with ${what}` };
  }
  return classifyFault(status, faultcode, faultText ?? '');
}

function classifyFault(status: number, code: string | null, text: string): Answer {
  const c = code ?? '';
  if (has(CODE('5113'), c) || END_OF_DATA.test(text)) return { kind: 'end_of_data', faultcode: code, text };
  const tag = UNKNOWN_TAG.exec(text);
  if (has(CODE('5001'), c) || tag) return { kind: 'unknown_tag', status, faultcode: code, text, tag: tag?.[1] ?? '?' };
  if (status === 425 || /MISUSE_API_PROCESS/i.test(c) || BLOCKED.test(text)) {
    return { kind: 'blocked', status, faultcode: code, text, waitMs: waitFromText(text) ?? undefined };
  }
  if (status === 403 || AUTH.test(text)) return { kind: 'auth', status, faultcode: code, text };
  if (has(CODE('8020'), c) || has(CODE('1100'), c) || DUPLICATE.test(text)) {
    return { kind: 'duplicate', status, faultcode: code, text, retryAt: RETRY_AT.exec(text)?.[1] };
  }
  if (has(CODE('6'), c) || has(CODE('5020'), c) || REDUNDANT.test(text) || /REDUNDANT/i.test(c)) {
    return { kind: 'redundant', status, faultcode: code, text, waitMs: waitFromText(text) ?? undefined };
  }
  if (has(CODE('1880'), c) || METHOD_LOCK.test(text)) return { kind: 'method_lock', status, faultcode: code, text };
  if (status === 429 || /client-500$/i.test(c) || RATE.test(text)) {
    return { kind: 'rate_limit', status, faultcode: code, text, waitMs: waitFromText(text) ?? undefined };
  }
  if (/broken response/i.test(text) || /SOAP-ENV:Server/i.test(c)) return { kind: 'server', status, faultcode: code, text };
  // Any other Client-NNN (101/103/104/105 …) is deterministic: retrying only feeds Omie's 10-errors block.
  if (/client-\d+/i.test(c) && status < 502) return { kind: 'protocol', status, faultcode: code, text };
  if (status >= 500) return { kind: 'server', status, faultcode: code, text };
  return { kind: 'protocol', status, faultcode: code, text };
}

function byStatus(status: number, faultcode: string | null, text: string, nonJson = false): Fault | null {
  if (status === 425) return { kind: 'blocked', status, faultcode, text, waitMs: waitFromText(text) ?? undefined };
  if (status === 403) return { kind: 'auth', status, faultcode, text };
  if (status === 429) return { kind: 'rate_limit', status, faultcode, text, waitMs: waitFromText(text) ?? undefined };
  if (status >= 500) return { kind: 'server', status, faultcode, text: nonJson ? `HTTP ${status}: ${text}` : text };
  if (status >= 300 && status < 400) {
    return { kind: 'protocol', status, faultcode, text: `HTTP ${status} redirect (the service URL needs its trailing slash)` };
  }
  return null;
}

function excerpt(text: string): string {
  const flat = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}
