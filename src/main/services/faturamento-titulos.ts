/**
 * Which receivable titles to ask Omie for, to know the faturamento of some months — and reading them.
 *
 * The month of a title is decided in code (faturamento-rule.ts); the server-side filters only make
 * the listing smaller, so they are chosen to over-fetch, never to decide:
 *
 *  1. Issued titles: `filtrar_por_emissao_de/ate` = the months widened by EMISSAO_MARGIN_DAYS on each
 *     side, so a server that reads the bounds differently (exclusive ends, another time zone) still
 *     returns every title issued inside the months.
 *  2. Titles without `data_emissao` (manual MANR entries; they fall back to data_registro, then
 *     data_vencimento) can never match an emissão filter, and Omie has no filter for "no emissão"
 *     nor one on vencimento. They are read from an inclusion/alteration window (`filtrar_por_data_de`)
 *     from UNDATED_LOOKBACK_MONTHS before the first month until tomorrow: Omie stamps a title's
 *     inclusion when it is created and its alteration is never earlier, so an undated title created
 *     up to that long before its month (or touched since) is found. The same listing also returns
 *     dated titles; the rule keeps whatever belongs to the months, whichever listing brought it.
 *     Known gap: an undated title created more than the lookback before its month and never changed
 *     since is not seen — `fullScan` reads every title instead (exact, slower on large accounts).
 *  3. One customer's titles (drill-down): `filtrar_cliente` alone, every title of that customer.
 */
import type { Day, Period } from '../../shared/period';
import { addMonths, periodFirstDay, periodLastDay } from '../../shared/period';
import type { ContasReceberFilters, OmieClient, OmieProgress, OmieTitulo, SkippedRecord } from '../omie/types';
import type { Clock } from '../clock';
import { faturamentoPeriod } from './faturamento-rule';
import { addDays, dayOfInstant } from './zoned-days';

const EMISSAO_MARGIN_DAYS = 7;
const UNDATED_LOOKBACK_MONTHS = 3;

export interface FetchScope {
  /** The months whose faturamento is wanted (any order, at least one). */
  periods: Period[];
  /** Only this customer's titles (codigo_cliente_omie). */
  cliente?: string;
  /** Read every title instead of the two windows. */
  fullScan?: boolean;
}

/** The listings to run for a scope, in order. `today` is Brasília's calendar day. */
export function titulosListings(scope: FetchScope, today: Day): ContasReceberFilters[] {
  if (scope.periods.length === 0) throw new RangeError('at least one month is needed');
  if (scope.cliente !== undefined) return [{ cliente: scope.cliente }];
  if (scope.fullScan) return [{}];
  const sorted = [...scope.periods].sort();
  const first = sorted[0] as Period;
  const last = sorted[sorted.length - 1] as Period;
  const firstDay = periodFirstDay(first);
  const lookbackFrom = periodFirstDay(addMonths(first, -UNDATED_LOOKBACK_MONTHS));
  const tomorrow = addDays(today, 1);
  return [
    { emissaoDe: addDays(firstDay, -EMISSAO_MARGIN_DAYS), emissaoAte: addDays(periodLastDay(last), EMISSAO_MARGIN_DAYS) },
    { alteradoDe: lookbackFrom, alteradoAte: tomorrow > lookbackFrom ? tomorrow : addDays(lookbackFrom, 1) },
  ];
}

export interface FetchedTitulos {
  /** Titles that count for one of the scope's months (latest copy of each title). */
  titulos: OmieTitulo[];
  /** Records Omie sent that could not be read, one per (code, reason). */
  skipped: SkippedRecord[];
  pages: number;
  /** Records read (parsed or skipped), over every listing. */
  records: number;
}

export interface FetchControl {
  signal?: AbortSignal;
  /** After each page: cumulative pages and records; totalPages/totalRecords as known so far. */
  onPage?: (p: { pages: number; totalPages: number | null; records: number; totalRecords: number | null }) => Promise<void> | void;
  onClientProgress?: (p: OmieProgress) => void;
}

/** Runs the scope's listings and keeps the titles that count for its months. */
export async function fetchTitulos(omie: OmieClient, scope: FetchScope, clock: Clock, control: FetchControl = {}): Promise<FetchedTitulos> {
  const wanted = new Set(scope.periods);
  const listings = titulosListings(scope, dayOfInstant(clock.now()));
  const kept = new Map<string, OmieTitulo>();
  const skipped = new Map<string, SkippedRecord>();
  let pages = 0;
  let records = 0;
  let pagesBefore = 0;
  let recordsBefore = 0;
  for (const [index, filters] of listings.entries()) {
    const lastListing = index === listings.length - 1;
    for await (const page of omie.listarContasReceber(filters, { signal: control.signal, onProgress: control.onClientProgress })) {
      for (const titulo of page.records) {
        // The latest copy decides: a title cancelled between two listings is dropped.
        if (wanted.has(faturamentoPeriod(titulo) ?? '') && (scope.cliente === undefined || titulo.codigoClienteOmie === scope.cliente)) {
          kept.set(titulo.codigoLancamentoOmie, titulo);
        } else {
          kept.delete(titulo.codigoLancamentoOmie);
        }
      }
      for (const skip of page.skipped) skipped.set(`${skip.omieCodigo ?? ''}\u0000${skip.reason}`, skip);
      pages += 1;
      records += page.records.length + page.skipped.length;
      await control.onPage?.({
        pages,
        totalPages: lastListing ? pagesBefore + page.totalPages : null,
        records,
        totalRecords: lastListing ? recordsBefore + page.totalRecords : null,
      });
    }
    pagesBefore = pages;
    recordsBefore = records;
  }
  return { titulos: [...kept.values()], skipped: [...skipped.values()], pages, records };
}
