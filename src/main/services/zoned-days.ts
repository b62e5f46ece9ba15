import { addMonths, type Day, isDay, isPeriod, type Period, periodFirstDay, periodLastDay } from '../../shared/period';
import { BRASILIA_TZ, instantOfWallTime, wallTimeOf } from '../brasilia-time';

/**
 * Calendar days (YYYY-MM-DD) and months of the services: which day an instant falls on, where a day
 * or month begins, day arithmetic. The zone is Brasília's unless a caller says otherwise (DESIGN.md §2).
 */

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function dayParts(day: Day): [number, number, number] {
  if (!isDay(day)) throw new RangeError(`not a day (YYYY-MM-DD): "${day}"`);
  return day.split('-').map(Number) as [number, number, number];
}

/** The UTC instant (epoch ms) at which `day` begins in `timeZone`. */
export function dayStartInstant(day: Day, timeZone = BRASILIA_TZ): number {
  const [year, month, d] = dayParts(day);
  return instantOfWallTime({ year, month, day: d, hour: 0, minute: 0, second: 0 }, timeZone);
}

/** The calendar day an instant falls on in `timeZone`. */
export function dayOfInstant(epochMs: number, timeZone = BRASILIA_TZ): Day {
  const w = wallTimeOf(epochMs, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** `day` shifted by `n` calendar days. */
export function addDays(day: Day, n: number): Day {
  const [y, m, d] = dayParts(day);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Every day from `from` to `to`, both included. */
function daysBetween(from: Day, to: Day): Day[] {
  const out: Day[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The days a "YYYY-MM-DD" or "YYYY-MM" argument covers. */
export function daysOf(dayOrMonth: string): Day[] {
  if (isDay(dayOrMonth)) return [dayOrMonth];
  if (isPeriod(dayOrMonth)) return daysBetween(periodFirstDay(dayOrMonth), periodLastDay(dayOrMonth));
  throw new RangeError(`not a day (YYYY-MM-DD) or a month (YYYY-MM): "${dayOrMonth}"`);
}

/** [start, end) of a month in `timeZone`, as ISO 8601 UTC instants (the form timestamps are stored in). */
export function monthInstantRange(period: Period, timeZone = BRASILIA_TZ): { startIso: string; endIso: string } {
  return {
    startIso: new Date(dayStartInstant(periodFirstDay(period), timeZone)).toISOString(),
    endIso: new Date(dayStartInstant(periodFirstDay(addMonths(period, 1)), timeZone)).toISOString(),
  };
}

/** Wall-clock date and time in `timeZone` → ISO 8601 UTC instant. */
export function instantFromZoned(day: Day, h: number, mi: number, s: number, timeZone = BRASILIA_TZ): string {
  const [year, month, d] = dayParts(day);
  return new Date(instantOfWallTime({ year, month, day: d, hour: h, minute: mi, second: s }, timeZone)).toISOString();
}
