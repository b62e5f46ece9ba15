/**
 * A window of a month's reconciliation for the UI: filtered by status and a search text, sorted,
 * sliced (offset, limit). The UI never receives the whole month in one message; counts per status
 * and totals (whole month and filtered) come along for the filter chips and the footer. The month
 * and its last view are kept between calls while nothing changes (reconciliation-memo.ts).
 */
import { AppError } from '../../shared/errors';
import type { Period } from '../../shared/period';
import type { ServiceDeps } from './deps';
import { countStatuses, type Reconciliation, type ReconciliationOptions, type ReconciliationProvenance, type ReconciliationTotals, totalsOf } from './reconciliation';
import { type KeptMonth, keptReconciliation, type ReconciliationView } from './reconciliation-memo';
import { foldText, type ReconciliationSortKey, SORT_KEYS, type SortDirection, sortRows } from './reconciliation-order';
import type { ReconciliationRow } from './reconciliation-rows';
import { isReconciliationStatus, type ReconciliationStatus } from './reconciliation-status';

/** At most this many rows per window. */
export const MAX_PAGE_ROWS = 1000;

export interface ReconciliationPageOptions extends ReconciliationOptions {
  /** Only rows with one of these statuses (empty or absent: all). */
  status?: ReconciliationStatus[];
  /** Matches name, document, Omie code or note (case and accents ignored; digits alone match the document). */
  search?: string;
  offset?: number;
  limit?: number;
  /** Default: by name (accents folded), then Omie code. */
  sort?: { key: ReconciliationSortKey; direction?: SortDirection };
}

export interface ReconciliationPage extends ReconciliationProvenance {
  /** The window: rows[0] is row number `offset` of the filtered, sorted list. */
  rows: ReconciliationRow[];
  offset: number;
  /** Rows after the filters. */
  totalRows: number;
  /** Rows of the month, before the filters. */
  allRows: number;
  /** Per status over the month (search applied, status filter not), for the filter chips. */
  countsByStatus: Record<ReconciliationStatus, number>;
  /** The whole month. */
  totals: ReconciliationTotals;
  /** The filtered rows. */
  filteredTotals: ReconciliationTotals;
}

function matcher(search: string | undefined): ((row: ReconciliationRow) => boolean) | null {
  const needle = foldText((search ?? '').trim());
  if (needle === '') return null;
  const digits = /^[\d.\-/\s]+$/.test(needle) ? needle.replace(/\D/g, '') : '';
  return (row) =>
    (row.name !== null && foldText(row.name).includes(needle)) ||
    (row.omieCodigo !== null && row.omieCodigo.includes(needle)) ||
    (digits !== '' && row.document !== null && row.document.includes(digits)) ||
    (row.note !== null && foldText(row.note).includes(needle));
}

function checkWindow(offset: number | undefined, limit: number | undefined): { offset: number; limit: number } {
  const o = offset ?? 0;
  const l = limit ?? 200;
  if (!Number.isInteger(o) || o < 0) throw new AppError('bad_input', 'offset must be a whole number of zero or more.');
  if (!Number.isInteger(l) || l < 1 || l > MAX_PAGE_ROWS) throw new AppError('bad_input', `limit must be between 1 and ${MAX_PAGE_ROWS}.`);
  return { offset: o, limit: l };
}

export interface ReconciliationFilters {
  status?: ReconciliationStatus[];
  search?: string;
  sort?: { key: ReconciliationSortKey; direction?: SortDirection };
}

function checkFilters(filters: ReconciliationFilters): void {
  for (const status of filters.status ?? []) {
    if (!isReconciliationStatus(status)) throw new AppError('bad_input', `Unknown status "${String(status).slice(0, 20)}".`);
  }
  if (filters.sort && !SORT_KEYS.includes(filters.sort.key)) throw new AppError('bad_input', `Cannot sort by "${String(filters.sort.key).slice(0, 20)}".`);
}

/**
 * The month's reconciliation narrowed to the rows the table shows (status, search) in its order,
 * with the totals and counts of those rows: e.g. for exporting what the analyst filtered in one go.
 */
export function filterReconciliation(rec: Reconciliation, filters: ReconciliationFilters): Reconciliation {
  checkFilters(filters);
  const { rows } = narrow(rec.rows, filters);
  return { ...rec, rows, totals: totalsOf(rows), countsByStatus: countStatuses(rows) };
}

/** Search, then status filter, then sort (a new array; `all` is left as it is). */
function narrow(all: readonly ReconciliationRow[], filters: ReconciliationFilters): { searched: ReconciliationRow[]; rows: ReconciliationRow[] } {
  const match = matcher(filters.search);
  const searched = match ? all.filter(match) : [...all];
  const wanted = filters.status && filters.status.length > 0 ? new Set(filters.status) : null;
  const rows = wanted ? searched.filter((row) => wanted.has(row.status)) : [...searched];
  sortRows(rows, filters.sort?.key ?? 'name', filters.sort?.direction ?? 'asc');
  return { searched, rows };
}

/** The filtered, sorted rows of a kept month, made once per filter while the month is kept. */
function viewOf(kept: KeptMonth, filters: ReconciliationFilters): ReconciliationView {
  const key = JSON.stringify([filters.search ?? '', filters.status ?? [], filters.sort?.key ?? 'name', filters.sort?.direction ?? 'asc']);
  if (kept.view?.key === key) return kept.view;
  const { rows: all, totals } = kept.month;
  const { searched, rows } = narrow(all, filters);
  kept.view = { key, rows, countsByStatus: countStatuses(searched), totals: rows.length === all.length ? totals : totalsOf(rows) };
  return kept.view;
}

export async function getReconciliationPage(deps: ServiceDeps, period: Period, options: ReconciliationPageOptions = {}): Promise<ReconciliationPage> {
  const { offset, limit } = checkWindow(options.offset, options.limit);
  checkFilters(options);
  const kept = await keptReconciliation(deps, period, options);
  const { rows: all, totals, countsByStatus: _wholeMonth, ...provenance } = kept.month;
  const view = viewOf(kept, options);
  return {
    ...provenance,
    rows: view.rows.slice(offset, offset + limit),
    offset,
    totalRows: view.rows.length,
    allRows: all.length,
    countsByStatus: view.countsByStatus,
    totals,
    filteredTotals: view.totals,
  };
}

export { type ReconciliationSortKey, SORT_KEYS, type SortDirection } from './reconciliation-order';
