import { brDateText, clockText, utcOffsetMinutes } from '../brasilia-time';

/**
 * Brasília wall time. The simulator keeps every Omie timestamp as "wall seconds": seconds since
 * 1970-01-01 00:00 on the America/Sao_Paulo wall clock, so days and hours are plain arithmetic.
 */
export const DAY_SEC = 86_400;

/** Clock milliseconds (UTC) → Brasília wall seconds. */
export function wallSecOf(epochMs: number): number {
  return Math.floor(epochMs / 1000) + utcOffsetMinutes(epochMs) * 60;
}

/** Wall day number (days since 1970-01-01) → "dd/mm/aaaa". */
export function brDate(day: number): string {
  const d = new Date(day * DAY_SEC * 1000);
  return brDateText(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Wall seconds → "hh:mm:ss" of that day. */
export function brTime(wallSec: number): string {
  const s = ((wallSec % DAY_SEC) + DAY_SEC) % DAY_SEC;
  return clockText(Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60);
}

export function dayOfWall(wallSec: number): number {
  return Math.floor(wallSec / DAY_SEC);
}

/** Days since epoch of a calendar date. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / (DAY_SEC * 1000));
}

export function ymOfDay(day: number): { year: number; month: number } {
  const d = new Date(day * DAY_SEC * 1000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

/** "dd/mm/aaaa" → day number, or null when it is not a real date. */
export function parseBrDate(text: string): number | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return null;
  const day = dayNumber(y, mo, d);
  return ymOfDay(day).month === mo ? day : null;
}

/** "hh:mm:ss" (or "hh:mm") → seconds of the day, or null. */
export function parseBrTime(text: string): number | null {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? '0')];
  if (h > 23 || mi > 59 || s > 59) return null;
  return h * 3600 + mi * 60 + s;
}

/** "dd/mm/aaaa" + "hh:mm:ss" → wall seconds (lenient: null when either part is unusable). */
export function parseStamp(date: unknown, time: unknown): number | null {
  if (typeof date !== 'string') return null;
  const day = parseBrDate(date);
  if (day === null) return null;
  const sec = typeof time === 'string' ? parseBrTime(time) : 0;
  return day * DAY_SEC + (sec ?? 0);
}
