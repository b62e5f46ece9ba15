/**
 * The reconciliation as CSV, in two dialects:
 *   excel-br  UTF-8 BOM, `;`, decimal comma, dd/mm/aaaa, Portuguese headers and labels (Excel pt-BR)
 *   rfc4180   `,`, decimal point, ISO 8601 dates, English headers and status codes
 * Amounts are plain numbers without currency symbol ("-100,00" / "-100.00"). Every text cell that a
 * spreadsheet could read as a formula (starting with = + - @ tab CR) is prefixed with "'".
 * Provenance columns on every row (month, when its snapshot was taken, the last clients sync run),
 * then a totals row. Files are written atomically (reconciliation-csv-file.ts).
 */
import { stringify } from 'csv-stringify/sync';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { formatMoney, type Money, percentOf } from '../../shared/money';
import { dayToBr, periodFirstDay } from '../../shared/period';
import type { Reconciliation } from './reconciliation';
import type { ReconciliationRow, ReconciliationSource } from './reconciliation-rows';
import type { ReconciliationStatus } from './reconciliation-status';

export const CSV_DIALECTS = ['excel-br', 'rfc4180'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

export function isCsvDialect(value: unknown): value is CsvDialect {
  return typeof value === 'string' && (CSV_DIALECTS as readonly string[]).includes(value);
}

export const CSV_HEADERS: Record<CsvDialect, readonly string[]> = {
  'excel-br': [
    'Cliente',
    'Documento',
    'Código Omie',
    'MRR',
    'Faturado',
    'Diferença',
    'Diferença %',
    'Status',
    'Fonte',
    'Nota',
    'Explicado',
    'ID do cliente',
    'Mês',
    'Snapshot sincronizado em',
    'Último sync de clientes',
  ],
  rfc4180: [
    'client',
    'document',
    'omie_codigo',
    'mrr',
    'invoiced',
    'difference',
    'difference_pct',
    'status',
    'source',
    'note',
    'explained',
    'client_id',
    'period',
    'snapshot_synced_at',
    'last_clients_sync_run_id',
  ],
};

/** How excel-br names each status (rfc4180 writes the codes). */
export const STATUS_LABELS_PT: Record<ReconciliationStatus, string> = {
  ok: 'ok',
  under: 'abaixo',
  over: 'acima',
  not_invoiced: 'não faturado',
  no_contract: 'sem contrato',
  unlinked: 'sem vínculo Omie',
};

export const SOURCE_LABELS_PT: Record<ReconciliationSource, string> = { snapshot: 'snapshot', live: 'ao vivo' };

/** The label of the totals row's first cell. */
export const TOTALS_LABEL: Record<CsvDialect, string> = { 'excel-br': 'TOTAL', rfc4180: 'TOTAL' };

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell a spreadsheet will show as text, never evaluate: "=HYPERLINK(…)" → "'=HYPERLINK(…)". */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

interface DialectFormat {
  delimiter: string;
  bom: boolean;
  amount(m: Money): string;
  /** "12.50" → "12,50" (excel-br). */
  percent(p: string): string;
  day(isoDay: string): string;
  instant(iso: string): string;
  status(s: ReconciliationStatus): string;
  source(s: ReconciliationSource): string;
  flag(b: boolean): string;
}

const brasilia = (iso: string) => format(new TZDate(Date.parse(iso), 'America/Sao_Paulo'), 'dd/MM/yyyy HH:mm:ss');

const FORMATS: Record<CsvDialect, DialectFormat> = {
  'excel-br': {
    delimiter: ';',
    bom: true,
    amount: (m) => formatMoney(m).replace('.', ','),
    percent: (p) => p.replace('.', ','),
    day: dayToBr,
    instant: brasilia,
    status: (s) => STATUS_LABELS_PT[s],
    source: (s) => SOURCE_LABELS_PT[s],
    flag: (b) => (b ? 'sim' : 'não'),
  },
  rfc4180: {
    delimiter: ',',
    bom: false,
    amount: formatMoney,
    percent: (p) => p,
    day: (d) => d,
    instant: (iso) => new Date(Date.parse(iso)).toISOString(),
    status: (s) => s,
    source: (s) => s,
    flag: (b) => (b ? 'true' : 'false'),
  },
};

/** The CSV records (header first, totals last) as cells. Text cells are neutralised here; amounts never are. */
export function reconciliationCsvRecords(rec: Reconciliation, dialect: CsvDialect): string[][] {
  const f = FORMATS[dialect];
  const text = (v: string | null) => (v === null ? '' : neutraliseCell(v));
  const amount = (m: Money | null) => (m === null ? '' : f.amount(m));
  const provenance = [
    f.day(periodFirstDay(rec.period)),
    rec.snapshotSyncedAt ? f.instant(rec.snapshotSyncedAt) : '',
    text(rec.lastClientsSyncRunId),
  ];
  const records: string[][] = [[...CSV_HEADERS[dialect]]];
  const row = (r: ReconciliationRow) => [
    text(r.name),
    text(r.document),
    text(r.omieCodigo),
    amount(r.mrr),
    amount(r.invoiced),
    f.amount(r.difference),
    r.differencePct === null ? '' : f.percent(r.differencePct),
    f.status(r.status),
    f.source(r.source),
    text(r.note),
    f.flag(r.explained),
    text(r.clientId),
    ...provenance,
  ];
  for (const r of rec.rows) records.push(row(r));
  const { mrr, invoiced, difference } = rec.totals;
  const pct = percentOf(difference, mrr);
  records.push([
    TOTALS_LABEL[dialect],
    '',
    '',
    f.amount(mrr),
    f.amount(invoiced),
    f.amount(difference),
    pct === null ? '' : f.percent(pct),
    '',
    f.source(rec.source),
    '',
    '',
    '',
    ...provenance,
  ]);
  return records;
}

/** The whole CSV as a string (BOM included for excel-br), e.g. for an HTTP download. */
export function renderReconciliationCsv(rec: Reconciliation, dialect: CsvDialect): string {
  const f = FORMATS[dialect];
  return stringify(reconciliationCsvRecords(rec, dialect), { delimiter: f.delimiter, bom: f.bom, record_delimiter: '\r\n' });
}

/** A file name for the download: "conciliacao-2026-10.csv". */
export function reconciliationCsvFileName(rec: Pick<Reconciliation, 'period'>): string {
  return `conciliacao-${rec.period}.csv`;
}
