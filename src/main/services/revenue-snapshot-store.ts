/**
 * The stored monthly snapshot: erp_revenue_snapshot rows (unique (period, omie_codigo)), the month's
 * erp_revenue_period row, and erp_revenue_restatement for changes to a closed month.
 * Money crosses in and out only through the codecs.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../shared/errors';
import type { Money } from '../../shared/money';
import { type Period, periodFirstDay } from '../../shared/period';
import { codecsFor } from '../db/codecs';
import type { DB } from '../db/schema';
import type { FaturamentoDoMes } from './faturamento-rule';

/** Rows per INSERT (well under SQLite's bound-parameter limit). */
const BATCH = 500;

/** "2026-10" → "10/2026", as the analyst reads months. */
export function monthLabel(period: Period): string {
  return `${period.slice(5, 7)}/${period.slice(0, 4)}`;
}

export function monthClosedError(period: Period): AppError {
  return new AppError('month_closed', `The month ${monthLabel(period)} is closed; use --force to re-snapshot it (changes are kept as restatements).`, {
    period,
  });
}

export interface PeriodRow {
  syncedAt: string | null;
  runId: string | null;
  clients: number;
  titles: number;
  total: Money;
  closedAt: string | null;
  closedBy: string | null;
}

export async function readPeriodRow(db: Kysely<DB>, period: Period): Promise<PeriodRow | null> {
  const row = await db.selectFrom('erp_revenue_period').selectAll().where('period', '=', periodFirstDay(period)).executeTakeFirst();
  if (!row) return null;
  return {
    syncedAt: row.synced_at,
    runId: row.run_id,
    clients: Number(row.clients),
    titles: Number(row.titles),
    total: codecsFor(db).moneyFromDb(row.total),
    closedAt: row.closed_at,
    closedBy: row.closed_by,
  };
}

/** The month's stored values per omie_codigo. */
async function readSnapshotValues(db: Kysely<DB>, period: Period): Promise<Map<string, Money>> {
  const codecs = codecsFor(db);
  const rows = await db
    .selectFrom('erp_revenue_snapshot')
    .select(['omie_codigo', 'valor'])
    .where('period', '=', periodFirstDay(period))
    .orderBy('omie_codigo')
    .execute();
  return new Map(rows.map((r) => [r.omie_codigo, codecs.moneyFromDb(r.valor)]));
}

export interface ReplaceOutcome {
  /** Customers new to the month, with a changed value, with the same value, and gone from it. */
  inserted: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Restatements written (only when the month was closed). */
  restatements: number;
}

export interface ReplaceInput {
  month: FaturamentoDoMes;
  runId: string;
  /** ISO instant of the write. */
  now: string;
  force: boolean;
}

/**
 * Replaces the month in one transaction: delete its rows, insert the new ones, update its period
 * row; when the month is closed (only with `force`), each changed value becomes a restatement.
 */
export async function replaceSnapshot(db: Kysely<DB>, input: ReplaceInput): Promise<ReplaceOutcome> {
  const { month, runId, now, force } = input;
  const day = periodFirstDay(month.period);
  const codecs = codecsFor(db);
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('erp_revenue_period').select('closed_at').where('period', '=', day).executeTakeFirst();
    const closed = current?.closed_at != null;
    if (closed && !force) throw monthClosedError(month.period);
    const before = await readSnapshotValues(trx, month.period);
    const changes = diffValues(before, month.byOmieCodigo);

    await trx.deleteFrom('erp_revenue_snapshot').where('period', '=', day).execute();
    const rows = [...month.byOmieCodigo].map(([omieCodigo, valor]) => ({
      id: randomUUID(),
      period: day,
      omie_codigo: omieCodigo,
      valor: codecs.moneyToDb(valor),
      created_at: now,
    }));
    for (let i = 0; i < rows.length; i += BATCH) await trx.insertInto('erp_revenue_snapshot').values(rows.slice(i, i + BATCH)).execute();

    await writePeriodRow(trx, day, { runId, now, clients: month.byOmieCodigo.size, titles: month.titles, total: codecs.moneyToDb(month.total) });

    let restatements = 0;
    if (closed) {
      const restated = changes.changed.map((c) => ({
        id: randomUUID(),
        period: day,
        omie_codigo: c.omieCodigo,
        old_valor: c.old === null ? null : codecs.moneyToDb(c.old),
        new_valor: c.new === null ? null : codecs.moneyToDb(c.new),
        run_id: runId,
        created_at: now,
      }));
      for (let i = 0; i < restated.length; i += BATCH) await trx.insertInto('erp_revenue_restatement').values(restated.slice(i, i + BATCH)).execute();
      restatements = restated.length;
    }
    const inserted = changes.changed.filter((c) => c.old === null).length;
    const removed = changes.changed.filter((c) => c.new === null).length;
    return { inserted, updated: changes.changed.length - inserted - removed, unchanged: changes.unchanged, removed, restatements };
  });
}

async function writePeriodRow(
  trx: Transaction<DB>,
  day: string,
  v: { runId: string; now: string; clients: number; titles: number; total: number | string },
): Promise<void> {
  const values = { synced_at: v.now, run_id: v.runId, clients: v.clients, titles: v.titles, total: v.total };
  await trx
    .insertInto('erp_revenue_period')
    .values({ period: day, ...values })
    .onConflict((oc) => oc.column('period').doUpdateSet(values))
    .execute();
}

export interface ValueChange {
  omieCodigo: string;
  old: Money | null;
  new: Money | null;
}

/** Every customer whose value differs (appearing: old null; disappearing: new null), by omie_codigo. */
function diffValues(before: Map<string, Money>, after: Map<string, Money>): { changed: ValueChange[]; unchanged: number } {
  const changed: ValueChange[] = [];
  let unchanged = 0;
  for (const [omieCodigo, value] of after) {
    const old = before.get(omieCodigo);
    if (old === undefined) changed.push({ omieCodigo, old: null, new: value });
    else if (old !== value) changed.push({ omieCodigo, old, new: value });
    else unchanged += 1;
  }
  for (const [omieCodigo, old] of before) if (!after.has(omieCodigo)) changed.push({ omieCodigo, old, new: null });
  changed.sort((a, b) => (a.omieCodigo < b.omieCodigo ? -1 : a.omieCodigo > b.omieCodigo ? 1 : 0));
  return { changed, unchanged };
}

export interface StoredSnapshot {
  period: Period;
  /** When the snapshot was taken (for rows older than erp_revenue_period: their latest created_at). */
  syncedAt: string | null;
  closedAt: string | null;
  /** One row per Omie customer, by omie_codigo. */
  rows: { omieCodigo: string; valor: Money }[];
  total: Money;
  /** Titles that counted (null for rows older than erp_revenue_period). */
  titles: number | null;
}

/** The month's stored snapshot, or null when the month was never snapshotted. */
export async function getOmieRevenueFromSnapshot(db: Kysely<DB>, period: Period): Promise<StoredSnapshot | null> {
  const day = periodFirstDay(period);
  const [meta, values] = await Promise.all([readPeriodRow(db, period), readSnapshotValues(db, period)]);
  if (!meta?.syncedAt && values.size === 0) return null;
  let syncedAt = meta?.syncedAt ?? null;
  if (!syncedAt) {
    const latest = await db.selectFrom('erp_revenue_snapshot').select((eb) => eb.fn.max('created_at').as('at')).where('period', '=', day).executeTakeFirst();
    syncedAt = latest?.at ?? null;
  }
  const rows = [...values].map(([omieCodigo, valor]) => ({ omieCodigo, valor }));
  let total = 0n;
  for (const row of rows) total += row.valor;
  return { period, syncedAt, closedAt: meta?.closedAt ?? null, rows, total, titles: meta?.syncedAt ? meta.titles : null };
}
