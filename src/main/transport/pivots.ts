import type { CallOutput } from '../../shared/contract';
import type { DataIndexRow } from '../services/data-indices';
import type { EventAggregateRow } from '../services/event-aggregates';

/** event_aggregates rows → the totals the Eventos page charts. */
export function aggregateViews(rows: readonly EventAggregateRow[]): CallOutput<'events:get-aggregates'> {
  const byDay = new Map<string, number>();
  const byModule = new Map<string, { module: string; eventType: string; count: number }>();
  const byDayModule = new Map<string, { day: string; module: string; count: number }>();
  let total = 0;
  for (const row of rows) {
    total += row.count;
    byDay.set(row.period, (byDay.get(row.period) ?? 0) + row.count);
    const typeKey = `${row.module}\u0000${row.eventType}`;
    const typeEntry = byModule.get(typeKey) ?? { module: row.module, eventType: row.eventType, count: 0 };
    typeEntry.count += row.count;
    byModule.set(typeKey, typeEntry);
    const dayKey = `${row.period}\u0000${row.module}`;
    const dayEntry = byDayModule.get(dayKey) ?? { day: row.period, module: row.module, count: 0 };
    dayEntry.count += row.count;
    byDayModule.set(dayKey, dayEntry);
  }
  return {
    byDay: [...byDay].map(([day, count]) => ({ day, count })).sort((a, b) => a.day.localeCompare(b.day)),
    byModule: [...byModule.values()].sort((a, b) => a.module.localeCompare(b.module) || a.eventType.localeCompare(b.eventType)),
    byDayModule: [...byDayModule.values()].sort((a, b) => a.day.localeCompare(b.day) || a.module.localeCompare(b.module)),
    total,
  };
}

/** data_indices rows (one per month and key) → one row per month. */
export function indicesByMonth(rows: readonly DataIndexRow[], from: string, to: string, months: readonly string[]): CallOutput<'indices:get'> {
  const byPeriod = new Map<string, CallOutput<'indices:get'>['months'][number]>();
  for (const period of months) {
    if (period >= from && period <= to) byPeriod.set(period, { period, leads_mes: null, contratos_ativos: null, mrr_total: null, computedAt: null });
  }
  for (const row of rows) {
    const entry = byPeriod.get(row.period);
    if (!entry) continue;
    if (row.indexKey === 'leads_mes') entry.leads_mes = Math.round(Number(row.value));
    else if (row.indexKey === 'contratos_ativos') entry.contratos_ativos = Math.round(Number(row.value));
    else if (row.indexKey === 'mrr_total') entry.mrr_total = row.value;
  }
  return { months: [...byPeriod.values()] };
}
