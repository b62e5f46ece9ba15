/**
 * Faturamento for a range of months (DESIGN.md §4): per month the stored snapshot when there is one,
 * else computed live from Omie with the same rule (not persisted); the answer names each month's
 * source. When Omie cannot be used (offline on purpose, unreachable, not configured, key refused or
 * blocked) the live months are `unavailable` and listed in `missing`, with the reason.
 */
import { AppError } from '../../shared/errors';
import type { ErrorCode } from '../../shared/errors';
import type { Money } from '../../shared/money';
import { isPeriod, type Period, periodRange } from '../../shared/period';
import type { OmieTitulo } from '../omie/types';
import type { ServiceDeps } from './deps';
import { faturamentoByMonth, faturamentoDay } from './faturamento-rule';
import { fetchTitulos } from './faturamento-titulos';
import { getOmieRevenueFromSnapshot, monthLabel } from './revenue-snapshot-store';

/** At most this many months per call (ten years). */
const MAX_RANGE_MONTHS = 120;

/** Omie errors that mean "no live data now" rather than a bug: the months become unavailable. */
const OFFLINE_CODES: ReadonlySet<ErrorCode> = new Set(['omie_unavailable', 'omie_not_configured', 'omie_auth', 'omie_blocked', 'offline']);

const OFFLINE_BY_CHOICE = 'Working offline: only months with a snapshot are shown.';

export interface FaturamentoMonth {
  period: Period;
  source: 'snapshot' | 'live' | 'unavailable';
  syncedAt: string | null;
  closed: boolean;
  total: Money | null;
  byOmieCodigo: Map<string, Money> | null;
  /** Live months: titles that counted. Snapshot months: from the period row when known. */
  titles: number | null;
}

export interface FaturamentoRange {
  months: FaturamentoMonth[];
  /** Months with neither a snapshot nor live data. */
  missing: Period[];
  /** Why live data could not be had (null when it was not needed or was had). */
  offlineReason: string | null;
}

export interface FaturamentoOptions {
  /** Do not call Omie: snapshot months only. */
  offline?: boolean;
  signal?: AbortSignal;
  /** Live months: read every title (see faturamento-titulos.ts). */
  fullScan?: boolean;
}

function checkRange(from: Period, to: Period): Period[] {
  if (!isPeriod(from) || !isPeriod(to)) throw new AppError('bad_input', `Months must be YYYY-MM (got "${String(from).slice(0, 20)}" to "${String(to).slice(0, 20)}").`);
  if (from > to) throw new AppError('bad_input', `The range starts after it ends (${monthLabel(from)} to ${monthLabel(to)}).`);
  const months = periodRange(from, to);
  if (months.length > MAX_RANGE_MONTHS) throw new AppError('bad_input', `At most ${MAX_RANGE_MONTHS} months at a time (asked for ${months.length}).`);
  return months;
}

function isOffline(error: unknown): error is AppError {
  return error instanceof AppError && OFFLINE_CODES.has(error.code);
}

export async function getOmieFaturamentoForPeriod(deps: ServiceDeps, from: Period, to: Period, options: FaturamentoOptions = {}): Promise<FaturamentoRange> {
  const periods = checkRange(from, to);
  const months = new Map<Period, FaturamentoMonth>();
  for (const period of periods) {
    const snapshot = await getOmieRevenueFromSnapshot(deps.db, period);
    if (!snapshot) continue;
    months.set(period, {
      period,
      source: 'snapshot',
      syncedAt: snapshot.syncedAt,
      closed: snapshot.closedAt !== null,
      total: snapshot.total,
      byOmieCodigo: new Map(snapshot.rows.map((r) => [r.omieCodigo, r.valor])),
      titles: snapshot.titles,
    });
  }
  const live = periods.filter((p) => !months.has(p));
  let offlineReason: string | null = null;
  if (live.length > 0) {
    try {
      if (options.offline) throw new AppError('offline', OFFLINE_BY_CHOICE);
      const fetched = await fetchTitulos(deps.omie(), { periods: live, fullScan: options.fullScan }, deps.clock, { signal: options.signal });
      for (const month of faturamentoByMonth(fetched.titulos, live).values()) {
        months.set(month.period, {
          period: month.period,
          source: 'live',
          syncedAt: null,
          closed: false,
          total: month.total,
          byOmieCodigo: month.byOmieCodigo,
          titles: month.titles,
        });
      }
    } catch (error) {
      if (!isOffline(error)) throw error;
      offlineReason = error.message;
    }
  }
  const missing: Period[] = [];
  const ordered = periods.map((period) => {
    const month = months.get(period);
    if (month) return month;
    missing.push(period);
    return { period, source: 'unavailable', syncedAt: null, closed: false, total: null, byOmieCodigo: null, titles: null } satisfies FaturamentoMonth;
  });
  return { months: ordered, missing, offlineReason };
}

/**
 * The titles behind one customer's value in a month (reconciliation drill-down), live from Omie with
 * the same rule; ordered by their faturamento day, then code. Throws AppError('offline') when Omie
 * cannot be used.
 */
export async function getLiveTitlesForClient(
  deps: ServiceDeps,
  period: Period,
  omieCodigo: string,
  options: { signal?: AbortSignal } = {},
): Promise<OmieTitulo[]> {
  if (!isPeriod(period)) throw new AppError('bad_input', `Not a month: "${String(period).slice(0, 20)}"; use YYYY-MM.`);
  if (!/^\d+$/.test(omieCodigo)) throw new AppError('bad_input', `Not an Omie customer code: "${String(omieCodigo).slice(0, 30)}".`);
  try {
    const fetched = await fetchTitulos(deps.omie(), { periods: [period], cliente: omieCodigo }, deps.clock, { signal: options.signal });
    return fetched.titulos.sort((a, b) => {
      const da = faturamentoDay(a) ?? '';
      const db = faturamentoDay(b) ?? '';
      if (da !== db) return da < db ? -1 : 1;
      return a.codigoLancamentoOmie.length - b.codigoLancamentoOmie.length || (a.codigoLancamentoOmie < b.codigoLancamentoOmie ? -1 : 1);
    });
  } catch (error) {
    if (isOffline(error)) throw new AppError('offline', `The titles of ${monthLabel(period)} need Omie, which cannot be used now: ${error.message}`, { cause: error.code });
    throw error;
  }
}
