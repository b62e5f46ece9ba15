/** A calendar month "YYYY-MM" and a calendar day "YYYY-MM-DD" (no time zone: Brasília calendar). */
export type Period = string;
export type Day = string;

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isPeriod(text: string): boolean {
  return PERIOD.test(text);
}

export function isDay(text: string): boolean {
  const m = DAY.exec(text);
  return m !== null && Number(m[3]) <= daysInMonth(Number(m[1]), Number(m[2]));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(period: Period): [number, number] {
  const m = PERIOD.exec(period);
  if (!m) throw new RangeError(`not a month (YYYY-MM): "${period}"`);
  return [Number(m[1]), Number(m[2])];
}

/** "2026-10" → "2026-10-01", the form stored in `period` columns. */
export function periodFirstDay(period: Period): Day {
  parts(period);
  return `${period}-01`;
}

export function periodLastDay(period: Period): Day {
  const [y, m] = parts(period);
  return `${period}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/** "2026-10-01" (or any day of it) → "2026-10". */
export function periodOfDay(day: Day): Period {
  return day.slice(0, 7);
}

export function addMonths(period: Period, n: number): Period {
  const [y, m] = parts(period);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to`, both included. */
export function periodRange(from: Period, to: Period): Period[] {
  const out: Period[] = [];
  for (let p = from; p <= to; p = addMonths(p, 1)) out.push(p);
  return out;
}

/** "dd/mm/aaaa" → "aaaa-mm-dd", or null when it is not a real date. */
export function dayFromBr(text: string): Day | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const day = `${m[3]}-${m[2]}-${m[1]}`;
  return isDay(day) ? day : null;
}

/** "aaaa-mm-dd" → "dd/mm/aaaa". */
export function dayToBr(day: Day): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}
