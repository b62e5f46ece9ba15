/** The reconciliation as JSON (CLI --json, transports): amounts as decimal strings, null where absent. */
import { formatMoney } from '../../shared/money';
import type { ReconciliationTotals } from './reconciliation';
import type { ReconciliationRow, ReconciliationSource } from './reconciliation-rows';
import type { ReconciliationStatus } from './reconciliation-status';

export interface ReconciliationRowJson {
  clientId: string | null;
  name: string | null;
  document: string | null;
  omieCodigo: string | null;
  mrr: string | null;
  invoiced: string | null;
  difference: string;
  differencePct: string | null;
  status: ReconciliationStatus;
  source: ReconciliationSource;
  note: string | null;
  explained: boolean;
}

export interface ReconciliationTotalsJson {
  mrr: string;
  invoiced: string;
  difference: string;
}

export function rowToJson(row: ReconciliationRow): ReconciliationRowJson {
  return {
    clientId: row.clientId,
    name: row.name,
    document: row.document,
    omieCodigo: row.omieCodigo,
    mrr: row.mrr === null ? null : formatMoney(row.mrr),
    invoiced: row.invoiced === null ? null : formatMoney(row.invoiced),
    difference: formatMoney(row.difference),
    differencePct: row.differencePct,
    status: row.status,
    source: row.source,
    note: row.note,
    explained: row.explained,
  };
}

export function totalsToJson(totals: ReconciliationTotals): ReconciliationTotalsJson {
  return { mrr: formatMoney(totals.mrr), invoiced: formatMoney(totals.invoiced), difference: formatMoney(totals.difference) };
}
