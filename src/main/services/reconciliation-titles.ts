/**
 * Drill-down: the Omie titles behind one row's faturamento, live from Omie (there is no stored copy
 * of titles). Each title says whether it counts for the month by the faturamento rule, so the
 * counted total matches the row. Offline this is an AppError('offline') that says so.
 */
import { AppError } from '../../shared/errors';
import type { Money } from '../../shared/money';
import type { Day, Period } from '../../shared/period';
import type { ServiceDeps } from './deps';
import { getLiveTitlesForClient } from './faturamento';
import { countsInMonth, faturamentoDay } from './faturamento-rule';
import { checkPeriod } from './reconciliation';

export interface ReconciliationTitle {
  codigoLancamentoOmie: string;
  numeroDocumento: string | null;
  numeroParcela: string | null;
  dataEmissao: Day | null;
  dataRegistro: Day | null;
  dataVencimento: Day | null;
  /** The day that places the title in a month (emissão, else registro, else vencimento). */
  faturamentoDay: Day | null;
  status: string;
  valor: Money;
  /** Counts for the month (issued in it, not cancelled). */
  counted: boolean;
}

export interface ReconciliationTitles {
  period: Period;
  omieCodigo: string;
  source: 'live';
  titles: ReconciliationTitle[];
  /** Sum of the titles that count: the row's faturamento as Omie reports it now. */
  countedTotal: Money;
}

export async function getReconciliationTitles(
  deps: ServiceDeps,
  periodText: Period,
  omieCodigo: string,
  options: { signal?: AbortSignal; offline?: boolean } = {},
): Promise<ReconciliationTitles> {
  const period = checkPeriod(periodText);
  if (options.offline) {
    throw new AppError('offline', 'The Omie titles behind a row are read live from Omie: unavailable offline.', { period, omieCodigo });
  }
  const titulos = await getLiveTitlesForClient(deps, period, omieCodigo, { signal: options.signal });
  let countedTotal = 0n;
  const titles = titulos.map((t): ReconciliationTitle => {
    const counted = t.codigoClienteOmie === omieCodigo && countsInMonth(t, period);
    if (counted) countedTotal += t.valorDocumento;
    return {
      codigoLancamentoOmie: t.codigoLancamentoOmie,
      numeroDocumento: t.numeroDocumento,
      numeroParcela: t.numeroParcela,
      dataEmissao: t.dataEmissao,
      dataRegistro: t.dataRegistro,
      dataVencimento: t.dataVencimento,
      faturamentoDay: faturamentoDay(t),
      status: t.status,
      valor: t.valorDocumento,
      counted,
    };
  });
  return { period, omieCodigo, source: 'live', titles, countedTotal };
}
