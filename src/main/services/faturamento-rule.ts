/**
 * The faturamento rule (DESIGN.md §4), decided in code from each title's own data:
 *   faturamento of a month per Omie customer = Σ valor_documento of its receivable titles issued in
 *   that month; a title without data_emissao falls back to data_registro, then data_vencimento;
 *   CANCELADO titles are excluded. Whatever filter the server applied, only this decides the month.
 */
import type { Money } from '../../shared/money';
import { type Day, type Period, periodOfDay } from '../../shared/period';
import type { OmieTitulo } from '../omie/types';

/** The fields the rule reads. */
export type TituloFaturavel = Pick<
  OmieTitulo,
  'codigoLancamentoOmie' | 'codigoClienteOmie' | 'valorDocumento' | 'dataEmissao' | 'dataRegistro' | 'dataVencimento' | 'status'
>;

/** One month's faturamento: per Omie customer, how many titles counted, and the total. */
export interface FaturamentoDoMes {
  period: Period;
  byOmieCodigo: Map<string, Money>;
  titles: number;
  total: Money;
}

/** The day that places a title in a month: emissão, else registro, else vencimento (null: none). */
export function faturamentoDay(titulo: Pick<TituloFaturavel, 'dataEmissao' | 'dataRegistro' | 'dataVencimento'>): Day | null {
  return titulo.dataEmissao ?? titulo.dataRegistro ?? titulo.dataVencimento ?? null;
}

/** `CANCELADO` as Omie writes it (case and surrounding spaces ignored). */
export function isCancelado(status: string | null | undefined): boolean {
  return (status ?? '').trim().toUpperCase() === 'CANCELADO';
}

/** The month a title's faturamento belongs to, or null when it does not count (cancelled / undated). */
export function faturamentoPeriod(titulo: TituloFaturavel): Period | null {
  if (isCancelado(titulo.status)) return null;
  const day = faturamentoDay(titulo);
  return day ? periodOfDay(day) : null;
}

/** Whether the title counts for `period`. */
export function countsInMonth(titulo: TituloFaturavel, period: Period): boolean {
  return faturamentoPeriod(titulo) === period;
}

/**
 * One copy per codigo_lancamento_omie (the last seen wins): the same title can arrive twice, from
 * two listings or when records shift between pages while Omie is being written to.
 */
function uniqueTitulos<T extends Pick<TituloFaturavel, 'codigoLancamentoOmie'>>(titulos: Iterable<T>): T[] {
  const byCodigo = new Map<string, T>();
  for (const titulo of titulos) byCodigo.set(titulo.codigoLancamentoOmie, titulo);
  return [...byCodigo.values()];
}

function emptyMonth(period: Period): FaturamentoDoMes {
  return { period, byOmieCodigo: new Map(), titles: 0, total: 0n };
}

/** Faturamento of each requested month (every month present, empty when nothing counts). */
export function faturamentoByMonth(titulos: Iterable<TituloFaturavel>, periods: Iterable<Period>): Map<Period, FaturamentoDoMes> {
  const months = new Map<Period, FaturamentoDoMes>();
  for (const period of periods) months.set(period, emptyMonth(period));
  for (const titulo of uniqueTitulos(titulos)) {
    const period = faturamentoPeriod(titulo);
    const month = period === null ? undefined : months.get(period);
    if (!month) continue;
    month.byOmieCodigo.set(titulo.codigoClienteOmie, (month.byOmieCodigo.get(titulo.codigoClienteOmie) ?? 0n) + titulo.valorDocumento);
    month.titles += 1;
    month.total += titulo.valorDocumento;
  }
  return months;
}

/** Faturamento of one month. */
export function faturamentoOfMonth(titulos: Iterable<TituloFaturavel>, period: Period): FaturamentoDoMes {
  return faturamentoByMonth(titulos, [period]).get(period) ?? emptyMonth(period);
}
