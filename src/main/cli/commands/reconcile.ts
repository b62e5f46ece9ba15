import type { Command } from 'commander';
import { formatMoney, type Money, parseMoneyInput } from '../../../shared/money';
import { isPeriod } from '../../../shared/period';
import { formatBrasiliaDateTime } from '../../brasilia-time';
import {
  getReconciliation,
  RECONCILIATION_STATUSES,
  type Reconciliation,
  type ReconciliationRow,
  rowToJson,
  totalsToJson,
} from '../../services/reconciliation';
import { CSV_DIALECTS, isCsvDialect } from '../../services/reconciliation-csv';
import { type ReconciliationExport, writeReconciliationCsv } from '../../services/reconciliation-export';
import { cliServiceDeps } from '../omie-deps';
import { badInput, emit, fail, type GlobalOptions, withDb } from '../runtime';

interface ReconcileOptions {
  tolerance?: string;
  csv?: string;
  csvDialect?: string;
  offline?: boolean;
}

/** `ness-data reconcile YYYY-MM [--tolerance AMOUNT] [--csv FILE] [--csv-dialect excel-br|rfc4180] [--offline]` (issue 5). */
export function registerReconcile(program: Command): void {
  program
    .command('reconcile')
    .description('reconcile contracted MRR against Omie faturamento for a month (snapshot, else live)')
    .argument('<month>', 'YYYY-MM')
    .option('--tolerance <amount>', 'differences up to this amount are ok (0.01 or 0,01)', '0.01')
    .option('--csv <file>', 'also write the reconciliation to this CSV file (atomically)')
    .option('--csv-dialect <dialect>', `CSV dialect: ${CSV_DIALECTS.join(' or ')}`, 'excel-br')
    .option('--offline', 'do not call Omie: only a month with a snapshot can be reconciled')
    .action(async (period: string, own: ReconcileOptions, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      try {
        if (!isPeriod(period)) throw badInput(`Expected a month (YYYY-MM), got "${period.slice(0, 40)}".`);
        const tolerance = parseTolerance(own.tolerance ?? '0.01');
        const dialect = own.csvDialect ?? 'excel-br';
        if (!isCsvDialect(dialect)) throw badInput(`Unknown --csv-dialect "${dialect.slice(0, 40)}"; use ${CSV_DIALECTS.join(' or ')}.`);
        const { rec, csv } = await withDb(options, async (db) => {
          const deps = cliServiceDeps(db, (line) => process.stderr.write(`${line}\n`));
          const result = await getReconciliation(deps, period, { tolerance, offline: own.offline === true, signal: stop.signal, sortByName: true });
          const written = own.csv ? await writeReconciliationCsv(deps, result, { dialect, file: own.csv }) : null;
          return { rec: result, csv: written };
        });
        emit(options, reconcileJson(rec, csv), () => humanReport(rec, csv));
      } catch (error) {
        fail(options, error);
      } finally {
        process.off('SIGINT', onSignal);
      }
    });
}

function parseTolerance(text: string): Money {
  let value: Money;
  try {
    value = parseMoneyInput(text);
  } catch {
    throw badInput(`--tolerance expects an amount such as 0.01 or 0,01, got "${text.slice(0, 40)}".`);
  }
  if (value < 0n) throw badInput(`--tolerance cannot be negative (got "${text.slice(0, 40)}").`);
  return value;
}

/** The --json document (issue 5): amounts as decimal strings, null where absent; `csv` only with --csv. */
export function reconcileJson(rec: Reconciliation, csv: ReconciliationExport | null = null): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    period: rec.period,
    source: rec.source,
    rows: rec.rows.map(rowToJson),
    totals: totalsToJson(rec.totals),
  };
  if (csv) doc.csv = { file: csv.file, dialect: csv.dialect, rows: csv.rows };
  return doc;
}

const COLUMNS = ['Client', 'Document', 'Omie code', 'MRR', 'Invoiced', 'Difference', '%', 'Status', 'Note'] as const;
const RIGHT = new Set([3, 4, 5, 6]);
const NAME_WIDTH = 40;
const NOTE_WIDTH = 30;

/** One line of text: control characters become spaces, long values are cut with an ellipsis. */
function cell(value: string | null, width?: number): string {
  const text = (value ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ');
  return width !== undefined && text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

const amount = (m: Money | null) => (m === null ? '—' : formatMoney(m));

function tableRow(r: ReconciliationRow): string[] {
  return [
    cell(r.name ?? '(not in clients)', NAME_WIDTH),
    cell(r.document),
    cell(r.omieCodigo),
    amount(r.mrr),
    amount(r.invoiced),
    formatMoney(r.difference),
    r.differencePct ?? '—',
    r.status,
    cell(r.explained ? `✓ ${r.note ?? ''}` : r.note, NOTE_WIDTH),
  ];
}

function table(rows: string[][]): string {
  const widths = COLUMNS.map((_, i) => rows.reduce((w, r) => Math.max(w, r[i]!.length), 0));
  return rows.map((r) => r.map((v, i) => (RIGHT.has(i) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

function humanReport(rec: Reconciliation, csv: ReconciliationExport | null): string {
  const month = `${rec.period.slice(5, 7)}/${rec.period.slice(0, 4)}`;
  const source =
    rec.source === 'snapshot'
      ? `snapshot${rec.snapshotSyncedAt ? ` of ${formatBrasiliaDateTime(rec.snapshotSyncedAt)}` : ''}`
      : 'live from Omie (no snapshot of this month)';
  const lines = [`Reconciliation ${month} — source: ${source}; tolerance R$ ${formatMoney(rec.tolerance)}`, ''];
  lines.push(rec.rows.length === 0 ? 'No client has contracted MRR or faturamento this month.' : table([[...COLUMNS], ...rec.rows.map(tableRow)]));
  lines.push('');
  lines.push(`Totals: MRR ${formatMoney(rec.totals.mrr)} · invoiced ${formatMoney(rec.totals.invoiced)} · difference ${formatMoney(rec.totals.difference)}`);
  lines.push(`Rows: ${rec.rows.length} (${RECONCILIATION_STATUSES.map((s) => `${s} ${rec.countsByStatus[s]}`).join(', ')})`);
  if (csv) lines.push(`CSV (${csv.dialect}) written to ${csv.file}: ${csv.rows} row(s) + totals.`);
  return lines.join('\n');
}
