/** Omie speaks Brasília wall time (dd/mm/aaaa, hh:mm:ss); the client speaks UTC instants. */
import { dayFromBr } from '../../shared/period';
import { brDateText, clockText, instantOfWallTime, wallTimeOf } from '../brasilia-time';

/** An instant → Brasília { date: "dd/mm/aaaa", time: "hh:mm:ss" }. */
export function toBrasilia(epochMs: number): { date: string; time: string } {
  const w = wallTimeOf(epochMs);
  return { date: brDateText(w.year, w.month, w.day), time: clockText(w.hour, w.minute, w.second) };
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** "hh:mm[:ss]" (hour of one or two digits) → its parts, or null when it is not a time of day. */
export function timeOfDay(text: string): { hour: number; minute: number; second: number } | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const [hour, minute, second] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  return hour > 23 || minute > 59 || second > 59 ? null : { hour, minute, second };
}

/** Brasília "dd/mm/aaaa" (+ optional "hh:mm:ss") → ISO UTC instant, or null when not a real date/time. */
export function instantFromBrasilia(date: unknown, time?: unknown): string | null {
  if (typeof date !== 'string') return null;
  const day = dayFromBr(date);
  if (!day) return null;
  let clock = { hour: 0, minute: 0, second: 0 };
  if (typeof time === 'string' && time.trim() !== '') {
    const parsed = timeOfDay(time);
    if (!parsed) return null;
    clock = parsed;
  }
  const [year, month, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(instantOfWallTime({ year, month, day: d, ...clock })).toISOString();
}

/**
 * The instant at which Brasília wall time next reads `hh:mm:ss` ("tente novamente às 12:00:05").
 * Takes the occurrence (yesterday, today, tomorrow) nearest to `now`: today's when it is ahead,
 * tomorrow's when today's has already passed (e.g. 00:00:40 asked at 23:59:50). A time a few
 * seconds behind `now` (clock skew) is nearer than tomorrow's and is returned as is (a past instant).
 */
export function nextBrasiliaWallTime(hhmmss: string, now: number): number | null {
  const clock = timeOfDay(hhmmss);
  if (!clock) return null;
  const today = wallTimeOf(now);
  let best: number | null = null;
  for (const offset of [-1, 0, 1]) {
    const at = instantOfWallTime({ ...today, day: today.day + offset, ...clock });
    if (best === null || Math.abs(at - now) < Math.abs(best - now)) best = at;
  }
  return best;
}
