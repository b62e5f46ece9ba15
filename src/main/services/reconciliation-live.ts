/**
 * Faturamento of a month without snapshot, live from Omie through getOmieFaturamentoForPeriod. The
 * answer is kept a few minutes per database handle, so paging through a live month (one service
 * call per window) does not read every title from Omie again each time.
 */
import { AppError } from '../../shared/errors';
import type { Money } from '../../shared/money';
import type { Period } from '../../shared/period';
import type { ServiceDeps } from './deps';
import { getOmieFaturamentoForPeriod } from './faturamento';
import { monthLabel } from './revenue-snapshot-store';

export function offlineError(period: Period, reason: string | null): AppError {
  const why = reason ? ` (${reason.replace(/\.$/, '')})` : '';
  return new AppError(
    'offline',
    `No snapshot of ${monthLabel(period)} and Omie cannot be used now${why}: take the month's snapshot while online (ness-data sync revenue ${period}) or reconcile a month that has one.`,
    { period },
  );
}

/** How long a live answer from Omie is reused (paging through a live month must not re-read Omie per page). */
export const LIVE_REUSE_MS = 5 * 60_000;

export type LiveAnswer =
  | { source: 'live'; byOmieCodigo: ReadonlyMap<string, Money>; fetchedAt: number }
  | { source: 'snapshot'; syncedAt: string | null };

const liveAnswers = new WeakMap<object, Map<Period, { byOmieCodigo: ReadonlyMap<string, Money>; fetchedAt: number }>>();

export async function liveFaturamento(
  deps: ServiceDeps,
  period: Period,
  options: { signal?: AbortSignal; refreshLive?: boolean },
): Promise<LiveAnswer> {
  let cache = liveAnswers.get(deps.db);
  if (!cache) liveAnswers.set(deps.db, (cache = new Map()));
  const now = deps.clock.now();
  for (const [p, a] of cache) if (now - a.fetchedAt >= LIVE_REUSE_MS) cache.delete(p);
  const kept = cache.get(period);
  if (kept && !options.refreshLive && now - kept.fetchedAt < LIVE_REUSE_MS) return { source: 'live', ...kept };
  const range = await getOmieFaturamentoForPeriod(deps, period, period, { signal: options.signal });
  const month = range.months[0];
  if (!month || month.source === 'unavailable' || month.byOmieCodigo === null) throw offlineError(period, range.offlineReason);
  if (month.source === 'snapshot') return { source: 'snapshot', syncedAt: month.syncedAt };
  const answer = { byOmieCodigo: month.byOmieCodigo, fetchedAt: now };
  cache.set(period, answer);
  return { source: 'live', ...answer };
}
