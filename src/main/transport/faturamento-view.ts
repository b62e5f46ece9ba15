import type { Kysely } from 'kysely';
import type { CallOutput, ParsedInput } from '../../shared/contract';
import { formatMoney, type Money } from '../../shared/money';
import type { DB } from '../db/schema';
import type { FaturamentoRange } from '../services/faturamento';
import { clientsByOmieCodigo } from './read-models';

/** A faturamento range → months with their source, and one page of per-client values (largest total first). */
export async function faturamentoView(db: Kysely<DB>, range: FaturamentoRange, input: ParsedInput<'faturamento:get-range'>): Promise<CallOutput<'faturamento:get-range'>> {
  const perClient = new Map<string, { values: Record<string, string>; total: Money }>();
  let grandTotal = 0n;
  for (const month of range.months) {
    if (month.total !== null) grandTotal += month.total;
    for (const [codigo, valor] of month.byOmieCodigo ?? []) {
      const entry = perClient.get(codigo) ?? { values: {}, total: 0n };
      entry.values[month.period] = formatMoney(valor);
      entry.total += valor;
      perClient.set(codigo, entry);
    }
  }
  const clients = await clientsByOmieCodigo(db, [...perClient.keys()]);
  const search = input.search?.trim().toLowerCase();
  const searchDigits = search?.replace(/\D/g, '') ?? '';
  const rows = [...perClient]
    .map(([omieCodigo, entry]) => {
      const client = clients.get(omieCodigo);
      return { omieCodigo, clientId: client?.id ?? null, name: client?.name ?? null, document: client?.document ?? null, values: entry.values, totalMoney: entry.total };
    })
    .filter(
      (row) =>
        !search ||
        row.omieCodigo === search ||
        (row.name?.toLowerCase().includes(search) ?? false) ||
        (searchDigits.length >= 3 && (row.document?.includes(searchDigits) ?? false)),
    )
    .sort((a, b) => (a.totalMoney === b.totalMoney ? a.omieCodigo.localeCompare(b.omieCodigo) : a.totalMoney > b.totalMoney ? -1 : 1));
  return {
    months: range.months.map((m) => ({
      period: m.period,
      source: m.source === 'unavailable' ? 'missing' : m.source,
      closed: m.closed,
      total: m.total === null ? null : formatMoney(m.total),
      syncedAt: m.syncedAt,
    })),
    missing: range.missing,
    online: range.offlineReason === null,
    grandTotal: formatMoney(grandTotal),
    clients: {
      total: rows.length,
      rows: rows.slice(input.offset, input.offset + input.limit).map(({ totalMoney, ...row }) => ({ ...row, total: formatMoney(totalMoney) })),
    },
  };
}
