/** Omie speaks Brasília wall time (dd/mm/aaaa, hh:mm:ss); the client speaks UTC instants. */
import { TZDate } from '@date-fns/tz';
import { dayFromBr } from '../../shared/period';

export const BRASILIA = 'America/Sao_Paulo';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** An instant → Brasília { date: "dd/mm/aaaa", time: "hh:mm:ss" }. */
export function toBrasilia(epochMs: number): { date: string; time: string } {
  const d = new TZDate(epochMs, BRASILIA);
  return {
    date: `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${pad(d.getFullYear(), 4)}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`,
  };
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Brasília "dd/mm/aaaa" (+ optional "hh:mm:ss") → ISO UTC instant, or null when not a real date/time. */
export function instantFromBrasilia(date: unknown, time?: unknown): string | null {
  if (typeof date !== 'string') return null;
  const day = dayFromBr(date);
  if (!day) return null;
  let h = 0;
  let mi = 0;
  let s = 0;
  if (typeof time === 'string' && time.trim() !== '') {
    const m = TIME.exec(time.trim());
    if (!m) return null;
    [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    if (h > 23 || mi > 59 || s > 59) return null;
  }
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, mo - 1, d, h, mi, s, BRASILIA).getTime()).toISOString();
}

/**
 * The instant at which Brasília wall time next reads `hh:mm:ss` ("tente novamente às 12:00:05").
 * Takes the occurrence (yesterday, today, tomorrow) nearest to `now`: today's when it is ahead,
 * tomorrow's when today's has already passed (e.g. 00:00:40 asked at 23:59:50). A time a few
 * seconds behind `now` (clock skew) is nearer than tomorrow's and is returned as is (a past instant).
 */
export function nextBrasiliaWallTime(hhmmss: string, now: number): number | null {
  const m = TIME.exec(hhmmss.trim());
  if (!m) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return null;
  const today = new TZDate(now, BRASILIA);
  let best: number | null = null;
  for (const offset of [-1, 0, 1]) {
    const at = new TZDate(today.getFullYear(), today.getMonth(), today.getDate() + offset, h, mi, s, BRASILIA).getTime();
    if (best === null || Math.abs(at - now) < Math.abs(best - now)) best = at;
  }
  return best;
}
