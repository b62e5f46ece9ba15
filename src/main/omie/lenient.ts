/** Lenient readers for Omie's loosely typed fields: numbers as strings, "" for empty, "S"/"N" flags. */
import { cnpj, cpf } from 'cpf-cnpj-validator';
import { z } from 'zod';
import type { Scrub } from './secret';
import type { SkippedRecord } from './types';

/** A raw record read: the typed record, or why it was skipped. */
export type Parsed<T> = { ok: true; record: T } | { ok: false; skipped: SkippedRecord };

/** The first zod issue as "path: message". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid record';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/**
 * An instant as the readers here write it (Date#toISOString, or null): checked by shape, far
 * cheaper per record than z.iso.datetime's calendar regex (the Date already made it a real instant).
 */
export const isoInstantSchema = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/).nullable();

/** A trimmed non-empty string, or null ("" / absent / non-string). Numbers become their text. */
export function text(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t === '' ? null : t;
}

/** An Omie id (JSON number or numeric string) as a decimal string, or null. */
export function codigo(v: unknown): string | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? String(v) : null;
  if (typeof v === 'string') {
    const t = v.trim();
    return /^\d{1,19}$/.test(t) && /[1-9]/.test(t) ? t.replace(/^0+/, '') : null;
  }
  return null;
}

/** "S" → true, "N" → false, anything else → null. */
export function flag(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  const t = text(v)?.toUpperCase();
  if (t === 'S' || t === 'SIM' || t === 'TRUE') return true;
  if (t === 'N' || t === 'NAO' || t === 'NÃO' || t === 'FALSE') return false;
  return null;
}

export const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F]/;

export type DocumentResult = { ok: true; document: string | null } | { ok: false; reason: string };

/**
 * A formatted CNPJ/CPF → digits only (an alphanumeric CNPJ, RFB NT 49/2024, keeps its upper-case letters).
 * Empty → null. Check digits are verified; a wrong one is a reason to skip the record.
 */
export function document(v: unknown): DocumentResult {
  const raw = text(v);
  if (raw === null) return { ok: true, document: null };
  const stripped = raw.replace(/[\s./-]/g, '').toUpperCase();
  if (/^\d{11}$/.test(stripped)) {
    return cpf.isValid(stripped) ? { ok: true, document: stripped } : { ok: false, reason: `invalid CPF check digits (${mask(stripped)})` };
  }
  if (/^[0-9A-Z]{12}\d{2}$/.test(stripped)) {
    return cnpj.isValid(stripped) ? { ok: true, document: stripped } : { ok: false, reason: `invalid CNPJ check digits (${mask(stripped)})` };
  }
  return { ok: false, reason: `cnpj_cpf is neither a CPF nor a CNPJ (${stripped.length} characters)` };
}

function mask(doc: string): string {
  return `${doc.slice(0, 3)}…${doc.slice(-2)}`;
}

/** "ARIQUEMES (RO)" → { cidade: "ARIQUEMES", uf: "RO" }. */
export function cidadeUf(cidade: unknown, estado: unknown): { cidade: string | null; uf: string | null } {
  const c = text(cidade);
  const e = text(estado)?.toUpperCase() ?? null;
  const m = c ? /^(.*?)\s*\(([A-Za-z]{2})\)\s*$/.exec(c) : null;
  const name = m ? m[1]!.trim() || null : c;
  const uf = e && /^[A-Z]{2}$/.test(e) ? e : m ? m[2]!.toUpperCase() : null;
  return { cidade: name, uf };
}

/** Up to 200 characters of the raw record, secret-free, for a skip report. */
export function rawExcerpt(record: unknown, scrub: Scrub): string {
  let json: string;
  try {
    json = JSON.stringify(record) ?? String(record);
  } catch {
    json = String(record);
  }
  const clean = scrub(json);
  return clean.length > 200 ? clean.slice(0, 200) : clean;
}

export function asObject(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
