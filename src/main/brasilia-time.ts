import { TZDate, tzOffset } from '@date-fns/tz';
import { format } from 'date-fns';

/**
 * Brasília time, the one place that converts between instants and a zone's wall clock
 * (DESIGN.md §2: Omie's dates and times, calendar days and months, what the analyst reads are
 * America/Sao_Paulo's). The Omie client, the simulator and the services build on it; none of
 * them converts zones by itself.
 */
export const BRASILIA_TZ = 'America/Sao_Paulo';

/** A wall-clock reading: month 1–12, day 1–31, 24-hour clock. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What the wall clock in `timeZone` reads at an instant (epoch ms). */
export function wallTimeOf(epochMs: number, timeZone = BRASILIA_TZ): WallTime {
  const z = new TZDate(epochMs, timeZone);
  return { year: z.getFullYear(), month: z.getMonth() + 1, day: z.getDate(), hour: z.getHours(), minute: z.getMinutes(), second: z.getSeconds() };
}

/**
 * The instant (epoch ms) at which the wall clock in `timeZone` reads `w`. Fields out of range
 * roll over as in Date (day 0 is the last day of the previous month, day 32 the next month's).
 */
export function instantOfWallTime(w: WallTime, timeZone = BRASILIA_TZ): number {
  return new TZDate(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, timeZone).getTime();
}

/** Minutes the wall clock in `timeZone` is ahead of UTC at an instant (Brasília: -180). */
export function utcOffsetMinutes(epochMs: number, timeZone = BRASILIA_TZ): number {
  return tzOffset(timeZone, new Date(epochMs));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "dd/mm/aaaa", the form Omie and the analyst read dates in. */
export function brDateText(year: number, month: number, day: number): string {
  return `${pad(day)}/${pad(month)}/${pad(year, 4)}`;
}

/** "hh:mm:ss". */
export function clockText(hour: number, minute: number, second: number): string {
  return `${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

/** "dd/mm/aaaa HH:MM" in Brasília time, for messages and the CLI. */
export function formatBrasiliaDateTime(instant: string | number): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return format(new TZDate(ms, BRASILIA_TZ), 'dd/MM/yyyy HH:mm');
}
