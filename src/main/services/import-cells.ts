import { cnpj, cpf } from 'cpf-cnpj-validator';
import { type Money, parseMoney } from '../../shared/money';
import { type Day, dayFromBr, isDay } from '../../shared/period';
import { BRASILIA_TZ } from '../brasilia-time';
import type { CsvDialect } from './csv-import';
import { instantFromZoned } from './zoned-days';

/**
 * Cell readers for CSV imports. Each returns the value or an error sentence naming what was read,
 * so the importers can say "line 7: unparsable amount "12,3,4"" and nothing else.
 */
export type Cell<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Cell<T> => ({ ok: true, value });
const bad = <T>(message: string): Cell<T> => ({ ok: false, message });
const quote = (text: string) => `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;

// excel-br: 1234,56 · 1.234,56 · 1234 · 1.234 — rfc4180: 1234.56 · 1,234.56 · 1234
const BR_AMOUNT = /^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;
const US_AMOUNT = /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;

/** An amount in the dialect's notation (optional "R$"), exact to the cent. */
export function readAmount(text: string, dialect: CsvDialect): Cell<Money> {
  const compact = text.replace(/R\$/gi, '').replace(/[\s\u00a0]/g, '');
  const shape = dialect === 'excel-br' ? BR_AMOUNT : US_AMOUNT;
  if (!shape.test(compact)) {
    const hint = dialect === 'excel-br' ? ' (expected e.g. 1.234,56)' : ' (expected e.g. 1234.56)';
    return bad(`unparsable amount ${quote(text)}${hint}`);
  }
  const plain = dialect === 'excel-br' ? compact.replace(/\./g, '').replace(',', '.') : compact.replace(/,/g, '');
  try {
    return ok(parseMoney(plain));
  } catch {
    return bad(`unparsable amount ${quote(text)} (fractions of a cent)`);
  }
}

/** dd/mm/aaaa (day and month may have one digit) or YYYY-MM-DD, whatever the dialect. */
export function readDay(text: string): Cell<Day> {
  const br = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (br) {
    const day = dayFromBr(`${br[1]!.padStart(2, '0')}/${br[2]!.padStart(2, '0')}/${br[3]}`);
    if (day) return ok(day);
  } else if (isDay(text)) {
    return ok(text);
  }
  return bad(`unparsable date ${quote(text)} (expected dd/mm/aaaa or YYYY-MM-DD)`);
}

const BR_DATETIME = /^(\d{1,2}\/\d{1,2}\/\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_DATETIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A date or date-time as an ISO 8601 UTC instant. Without a zone it is Brasília wall time;
 * a bare date is the start of that Brasília day (so it lands in that day's month).
 */
export function readInstant(text: string, timeZone = BRASILIA_TZ): Cell<string> {
  const fail = bad<string>(`unparsable date ${quote(text)} (expected dd/mm/aaaa [hh:mm], YYYY-MM-DD or an ISO 8601 date-time)`);
  const br = BR_DATETIME.exec(text);
  const iso = br ? null : ISO_DATETIME.exec(text);
  const m = br ?? iso;
  if (!m) return fail;
  const day = readDay(m[1]!);
  if (!day.ok) return fail;
  const [h, mi, s] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return fail;
  const zone = iso?.[5];
  if (zone) {
    const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    const pad = (n: number) => String(n).padStart(2, '0');
    const at = Date.parse(`${day.value}T${pad(h)}:${pad(mi)}:${pad(s)}${offset}`);
    return Number.isNaN(at) ? fail : ok(new Date(at).toISOString());
  }
  return ok(instantFromZoned(day.value, h, mi, s, timeZone));
}

/**
 * A CPF or CNPJ, formatted or not, checked by its check digits; returns the stored form (digits,
 * or the 14 characters of an alphanumeric CNPJ). Leading zeros Excel dropped from a number cell
 * are put back before checking.
 */
export function readDocument(text: string): Cell<string> {
  const raw = text.replace(/[\s.\-/]/g, '').toUpperCase();
  let candidate = raw;
  if (/^\d{9,10}$/.test(raw)) candidate = raw.padStart(11, '0');
  else if (/^\d{12,13}$/.test(raw)) candidate = raw.padStart(14, '0');
  if (candidate.length === 11 && /^\d+$/.test(candidate) && cpf.isValid(candidate)) return ok(candidate);
  if (candidate.length === 14 && /^[0-9A-Z]{12}\d{2}$/.test(candidate) && cnpj.isValid(candidate)) return ok(candidate);
  return bad(`invalid document ${quote(text)} (not a CPF or CNPJ with valid check digits)`);
}

const STATUS: Record<string, 'active' | 'ended'> = {
  ativo: 'active',
  ativa: 'active',
  active: 'active',
  encerrado: 'ended',
  encerrada: 'ended',
  ended: 'ended',
};

export function readContractStatus(text: string): Cell<'active' | 'ended'> {
  const key = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase();
  const status = STATUS[key];
  return status ? ok(status) : bad(`unknown status ${quote(text)} (expected ativo/active or encerrado/ended)`);
}
