/**
 * Brasília date + time of Omie records → ISO UTC instants, fast: a page of 500 customers carries
 * a thousand of them, and converting each through the zone rules (and Date#toISOString) was the
 * largest part of reading a record. The answer is always instantFromBrasilia's.
 */
import { instantFromBrasilia, timeOfDay } from './brasilia';

const DAY_MS = 86_400_000;
const MAX_CACHED_DAYS = 20_000;
/** Per Omie date text: the instant of its 00:00:00, or null when the day is not usable from the cache. */
const dayStarts = new Map<string, number | null>();
/** Per UTC day number: "yyyy-mm-ddT" ('' for a day outside years 0000–9999, written "+yyyyyy-…"). */
const utcDayPrefixes = new Map<number, string>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

/** Date#toISOString of a whole second, its day's "yyyy-mm-ddT" taken from a cache. */
function isoOfWholeSecond(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = utcDayPrefixes.get(day);
  if (prefix === undefined) {
    const midnight = new Date(day * DAY_MS).toISOString();
    prefix = midnight.length === 24 ? midnight.slice(0, 11) : '';
    if (utcDayPrefixes.size >= MAX_CACHED_DAYS) utcDayPrefixes.clear();
    utcDayPrefixes.set(day, prefix);
  }
  if (prefix === '') return new Date(ms).toISOString();
  const second = (ms - day * DAY_MS) / 1000;
  return `${prefix}${TWO_DIGITS[Math.floor(second / 3600)]}:${TWO_DIGITS[Math.floor(second / 60) % 60]}:${TWO_DIGITS[second % 60]}.000Z`;
}

function dayStartOf(date: string): number | null {
  let start = dayStarts.get(date);
  if (start === undefined) {
    const first = instantFromBrasilia(date, '00:00:00');
    const last = instantFromBrasilia(date, '23:59:59');
    const a = first === null ? Number.NaN : Date.parse(first);
    const b = last === null ? Number.NaN : Date.parse(last);
    start = b - a === DAY_MS - 1000 ? a : null;
    if (dayStarts.size >= MAX_CACHED_DAYS) dayStarts.clear();
    dayStarts.set(date, start);
  }
  return start;
}

/**
 * instantFromBrasilia, with the zone arithmetic done once per date instead of once per record.
 * Only days whose offset is the same at 00:00:00 and 23:59:59 are taken from the cache (offsets
 * change at most once a day); any other day, or an unusual input, goes through
 * instantFromBrasilia itself.
 */
export function brasiliaInstant(date: unknown, time: unknown): string | null {
  const start = typeof date === 'string' ? dayStartOf(date) : null;
  if (start === null) return instantFromBrasilia(date, time);
  if (typeof time !== 'string' || time.trim() === '') return isoOfWholeSecond(start);
  const clock = timeOfDay(time);
  return clock === null ? null : isoOfWholeSecond(start + clock.hour * 3_600_000 + clock.minute * 60_000 + clock.second * 1000);
}
