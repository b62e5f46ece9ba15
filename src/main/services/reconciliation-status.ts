/**
 * The status of one reconciliation row (DESIGN.md §4), decided from the two sides of the month:
 *   unlinked      the client has contracted MRR but no omie_codigo (nothing in Omie can match it)
 *   not_invoiced  MRR, and no faturamento for its Omie customer
 *   no_contract   faturamento, and no contract that counts for the month
 *   ok            |faturamento − MRR| ≤ tolerance
 *   under / over  faturamento less / more than MRR beyond the tolerance
 * The tolerance applies only when both sides are present; a missing side is named even for R$ 0,01.
 * Only a present side of exactly R$ 0,00 (a zero contract, a zero snapshot row) facing an absent
 * one leaves nothing to chase: that row is `ok`.
 */
import type { Money } from '../../shared/money';

export const RECONCILIATION_STATUSES = ['ok', 'under', 'over', 'not_invoiced', 'no_contract', 'unlinked'] as const;
export type ReconciliationStatus = (typeof RECONCILIATION_STATUSES)[number];

/** R$ 0,01: the default tolerance. */
export const DEFAULT_TOLERANCE: Money = 1n;

export function isReconciliationStatus(value: unknown): value is ReconciliationStatus {
  return typeof value === 'string' && (RECONCILIATION_STATUSES as readonly string[]).includes(value);
}

/**
 * mrr null: no contract counts for the client this month; invoiced null: no faturamento row.
 * linked: the row has an Omie code (a client with omie_codigo, or an Omie customer).
 */
export function reconciliationStatus(mrr: Money | null, invoiced: Money | null, linked: boolean, tolerance: Money): ReconciliationStatus {
  if (mrr !== null && !linked) return 'unlinked';
  if (invoiced === null) return mrr === null || mrr === 0n ? 'ok' : 'not_invoiced';
  if (mrr === null) return invoiced === 0n ? 'ok' : 'no_contract';
  const difference = invoiced - mrr;
  if (difference >= -tolerance && difference <= tolerance) return 'ok';
  return difference < 0n ? 'under' : 'over';
}

/** Every status with a zero count, in display order. */
export function emptyStatusCounts(): Record<ReconciliationStatus, number> {
  return { ok: 0, under: 0, over: 0, not_invoiced: 0, no_contract: 0, unlinked: 0 };
}
