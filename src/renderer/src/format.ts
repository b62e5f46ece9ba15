/**
 * Display formats for the console. Data is Brazilian finance data, so amounts and dates are
 * always shown the pt-BR way (R$ 1.234,56, dd/mm/aaaa, Brasília time), whatever the UI language.
 * Amounts arrive as decimal strings ("1234.56") and are formatted without going through floats.
 */
const TIME_ZONE = 'America/Sao_Paulo';

const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const integer = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dateTime = new Intl.DateTimeFormat('pt-BR', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat('pt-BR', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });

type Numeric = `${number}`;

function isNumeric(text: string): text is Numeric {
  return /^[+-]?\d+(\.\d+)?$/.test(text.trim());
}

/** "1234.56" → "R$ 1.234,56"; null/empty → "—". */
export function formatBRL(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  return isNumeric(amount) ? brl.format(amount.trim() as Numeric) : amount;
}

/** 1532 → "1.532". */
export function formatInt(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : integer.format(value);
}

/** "-12.50" → "-12,50%". */
export function formatPercent(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return isNumeric(value) ? `${percent.format(value.trim() as Numeric)}%` : value;
}

/** "2026-10-31" → "31/10/2026" (a calendar day: no time zone shift). */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

/** An ISO instant → "31/10/2026 14:05" in Brasília time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date).replace(',', '');
}

/** An ISO instant → "31/10/2026" in Brasília time. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

/** "2026-10" (or "2026-10-01") → "10/2026". */
export function formatPeriod(period: string | null | undefined): string {
  if (!period) return '—';
  const m = /^(\d{4})-(\d{2})/.exec(period);
  return m ? `${m[2]}/${m[1]}` : period;
}

/** Elapsed time, e.g. 65_000 → "1 min 05 s", 3_600_000 → "1 h 00 min". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** "há 12 min" / "12 min ago", in the UI language. */
export function formatRelative(iso: string | null | undefined, now: number, language: string): string {
  if (!iso) return '—';
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'short' });
  // A moment a hair ahead of this page's clock (another process stamped it) reads as "now".
  const seconds = Math.min(0, Math.round((then - now) / 1000));
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}

/** A decimal string as a number, for charts only (never for sums). */
export function chartNumber(amount: string | null | undefined): number {
  const n = Number(amount ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/** Compact R$ for chart axes: "R$ 1,2 mi". */
export function formatBRLCompact(value: number): string {
  return new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL', notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

const brasiliaDay = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Brasília as "YYYY-MM-DD". */
export function todayDay(now: Date = new Date()): string {
  return brasiliaDay.format(now);
}

/** The current month in Brasília as "YYYY-MM". */
export function currentPeriod(now: Date = new Date()): string {
  return todayDay(now).slice(0, 7);
}

/** Digits of a CNPJ/CPF → "12.345.678/0001-90" / "123.456.789-09"; anything else as is. */
export function formatDocument(document: string | null | undefined): string {
  if (!document) return '—';
  if (/^\d{14}$/.test(document)) return document.replace(/^(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})$/, '$1.$2.$3/$4-$5');
  if (/^\d{11}$/.test(document)) return document.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4');
  return document;
}
