import type { CallOutput, ParsedInput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { formatMoney, type Money, parseMoneyInput } from '../../shared/money';
import type { ServiceDeps } from '../services/deps';
import {
  getReconciliation,
  getReconciliationPage,
  noteSubject,
  type Reconciliation,
  type ReconciliationRow,
  type ReconciliationTotals,
} from '../services/reconciliation';
import { reconciliationCsvFileName, renderReconciliationCsv } from '../services/reconciliation-csv';
import { filterReconciliation, type ReconciliationSortKey } from '../services/reconciliation-page';
import { recordModuleEvent } from '../services/module-events';
import type { FileDelivery } from './dispatch';
import { readPeriodRow } from '../services/revenue-snapshot-store';
import { readAppSettings } from '../settings/app-settings';

const SORT_KEY: Record<NonNullable<ParsedInput<'reconciliation:get'>['sort']>['key'], ReconciliationSortKey> = {
  name: 'name',
  document: 'document',
  omieCodigo: 'omieCodigo',
  mrr: 'mrr',
  faturado: 'invoiced',
  diferenca: 'difference',
  percent: 'differencePct',
  status: 'status',
};

/** The tolerance of a call: what the analyst typed, else the saved setting. */
export async function toleranceOf(deps: ServiceDeps, typed: string | undefined): Promise<Money> {
  if (typed === undefined) return (await readAppSettings(deps.db)).tolerance;
  try {
    return parseMoneyInput(typed);
  } catch {
    throw new AppError('bad_input', 'tolerance: amount must look like 0.01 or 0,01');
  }
}

export function rowView(row: ReconciliationRow): CallOutput<'reconciliation:get'>['rows'][number] {
  return {
    subject: noteSubject(row),
    clientId: row.clientId,
    clientName: row.name ?? (row.omieCodigo ? `Cliente Omie ${row.omieCodigo}` : '—'),
    document: row.document,
    omieCodigo: row.omieCodigo,
    mrr: formatMoney(row.mrr ?? 0n),
    faturado: formatMoney(row.invoiced ?? 0n),
    diferenca: formatMoney(row.difference),
    percent: row.differencePct,
    status: row.status,
    note: row.note,
    explained: row.explained,
  };
}

function totalsView(totals: ReconciliationTotals) {
  return { mrr: formatMoney(totals.mrr), faturado: formatMoney(totals.invoiced), diferenca: formatMoney(totals.difference) };
}

/** One window of a month's reconciliation, as the Conciliação page shows it. */
export async function reconciliationView(deps: ServiceDeps, input: ParsedInput<'reconciliation:get'>): Promise<CallOutput<'reconciliation:get'>> {
  const tolerance = await toleranceOf(deps, input.tolerance);
  const page = await getReconciliationPage(deps, input.period, {
    tolerance,
    status: input.status ? [input.status] : undefined,
    search: input.search,
    offset: input.offset,
    limit: input.limit,
    sort: input.sort ? { key: SORT_KEY[input.sort.key], direction: input.sort.direction } : undefined,
  });
  const periodRow = await readPeriodRow(deps.db, input.period);
  return {
    period: input.period,
    tolerance: formatMoney(page.tolerance),
    rows: page.rows.map(rowView),
    total: page.totalRows,
    totals: totalsView(page.filteredTotals),
    monthTotals: totalsView(page.totals),
    countsByStatus: page.countsByStatus,
    source: { kind: page.source, syncedAt: page.snapshotSyncedAt ?? page.liveFetchedAt, closed: periodRow?.closedAt != null },
  };
}

/**
 * The CSV of a month's reconciliation as the table shows it (status and search filters applied,
 * totals of those rows), rendered by the service; the transport delivers it (download or save dialog).
 */
export async function reconciliationCsvFile(deps: ServiceDeps, input: ParsedInput<'reconciliation:export-csv'>): Promise<FileDelivery> {
  const tolerance = await toleranceOf(deps, input.tolerance);
  const month = await getReconciliation(deps, input.period, { tolerance, sortByName: true });
  const rec: Reconciliation = input.status || input.search?.trim()
    ? filterReconciliation(month, { status: input.status ? [input.status] : undefined, search: input.search })
    : month;
  const body = renderReconciliationCsv(rec, input.dialect);
  await recordModuleEvent(deps.db, 'export.reconciliation', { period: rec.period, dialect: input.dialect, source: rec.source, rows: rec.rows.length }, new Date(deps.clock.now()).toISOString());
  return { filename: reconciliationCsvFileName(rec), contentType: 'text/csv; charset=utf-8', body, rows: rec.rows.length };
}
