/**
 * Closing a month freezes its snapshot: afterwards only a forced re-snapshot changes it, and every
 * value it changes is kept in erp_revenue_restatement (revenue-snapshot-store.ts). Reopening
 * lifts the freeze. Also the listings the UI shows: snapshot months and a month's restatements.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../shared/errors';
import type { Money } from '../../shared/money';
import { type Period, periodFirstDay, periodOfDay } from '../../shared/period';
import { type Clock, systemClock } from '../clock';
import { codecsFor } from '../db/codecs';
import type { DB } from '../db/schema';
import { recordModuleEvent } from './module-events';
import { monthLabel, readPeriodRow } from './revenue-snapshot-store';

export interface MonthState {
  period: Period;
  closedAt: string | null;
  closedBy: string | null;
}

export type Actor = { host: string; user: string } | string;

function actorText(actor: Actor): string {
  return typeof actor === 'string' ? actor : `${actor.user}@${actor.host}`;
}

function noSnapshot(period: Period): AppError {
  return new AppError('not_found', `There is no snapshot of ${monthLabel(period)}; run "ness-data sync revenue ${period}" first.`, { period });
}

/** Closes a month that has a snapshot. Closing a closed month keeps its first closing. */
export async function closeMonth(db: Kysely<DB>, period: Period, actor: Actor, clock: Clock = systemClock): Promise<MonthState> {
  const row = await readPeriodRow(db, period);
  if (!row?.syncedAt) throw noSnapshot(period);
  if (row.closedAt) return { period, closedAt: row.closedAt, closedBy: row.closedBy };
  const closedAt = new Date(clock.now()).toISOString();
  const closedBy = actorText(actor);
  await db
    .updateTable('erp_revenue_period')
    .set({ closed_at: closedAt, closed_by: closedBy })
    .where('period', '=', periodFirstDay(period))
    .where('closed_at', 'is', null)
    .execute();
  await recordModuleEvent(db, 'month.closed', { period, closedBy }, closedAt);
  const after = await readPeriodRow(db, period);
  return { period, closedAt: after?.closedAt ?? closedAt, closedBy: after?.closedBy ?? closedBy };
}

/** Reopens a month (a month that is not closed stays as it is). */
export async function reopenMonth(db: Kysely<DB>, period: Period, clock: Clock = systemClock): Promise<MonthState> {
  const row = await readPeriodRow(db, period);
  if (!row) throw noSnapshot(period);
  if (row.closedAt) {
    await db.updateTable('erp_revenue_period').set({ closed_at: null, closed_by: null }).where('period', '=', periodFirstDay(period)).execute();
    await recordModuleEvent(db, 'month.reopened', { period, wasClosedAt: row.closedAt }, new Date(clock.now()).toISOString());
  }
  return { period, closedAt: null, closedBy: null };
}

export interface SnapshotPeriod {
  period: Period;
  syncedAt: string | null;
  closedAt: string | null;
  clients: number;
  titles: number;
  total: Money;
}

/**
 * Every month with a snapshot, newest first. Months whose rows predate erp_revenue_period (a
 * database shared with the web app) are listed from their rows, with titles unknown (0).
 */
export async function listSnapshotPeriods(db: Kysely<DB>): Promise<SnapshotPeriod[]> {
  const codecs = codecsFor(db);
  const periods = await db.selectFrom('erp_revenue_period').selectAll().where('synced_at', 'is not', null).execute();
  const out: SnapshotPeriod[] = periods.map((r) => ({
    period: periodOfDay(r.period),
    syncedAt: r.synced_at,
    closedAt: r.closed_at,
    clients: Number(r.clients),
    titles: Number(r.titles),
    total: codecs.moneyFromDb(r.total),
  }));
  const known = new Set(out.map((p) => p.period));
  const legacy = await db
    .selectFrom('erp_revenue_snapshot')
    .select((eb) => ['period', eb.fn.countAll<number | string>().as('clients'), codecs.sumMoney('valor').as('total'), eb.fn.max('created_at').as('synced_at')])
    .groupBy('period')
    .execute();
  for (const r of legacy) {
    const period = periodOfDay(r.period);
    if (known.has(period)) continue;
    out.push({ period, syncedAt: r.synced_at, closedAt: null, clients: Number(r.clients), titles: 0, total: codecs.moneyFromDb(r.total) });
  }
  return out.sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0));
}

export interface Restatement {
  omieCodigo: string;
  /** null: the customer had no value before (appeared). */
  oldValor: Money | null;
  /** null: the customer has no value any more (disappeared). */
  newValor: Money | null;
  runId: string | null;
  createdAt: string;
}

/** A month's restatements, oldest first. */
export async function listRestatements(db: Kysely<DB>, period: Period): Promise<Restatement[]> {
  const codecs = codecsFor(db);
  const rows = await db
    .selectFrom('erp_revenue_restatement')
    .selectAll()
    .where('period', '=', periodFirstDay(period))
    .orderBy('created_at')
    .orderBy('omie_codigo')
    .execute();
  return rows.map((r) => ({
    omieCodigo: r.omie_codigo,
    oldValor: r.old_valor === null ? null : codecs.moneyFromDb(r.old_valor),
    newValor: r.new_valor === null ? null : codecs.moneyFromDb(r.new_valor),
    runId: r.run_id,
    createdAt: r.created_at,
  }));
}
