/**
 * reconciliation.ms / reconciliation.ratio: `getReconciliation(deps, month)` — service call to
 * result — over 100,000 clients × 36 months of snapshots on SQLite (plus contracts and notes), and
 * ÷ the same rows computed by one hand-written SQL statement through raw better-sqlite3. The
 * results are checked to agree (row count, MRR and faturamento totals, rows per status).
 */
import { rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { systemClock } from '../../src/main/clock';
import { type Period, periodFirstDay, periodLastDay } from '../../src/shared/period';
import { getReconciliation, type Reconciliation } from '../../src/main/services/reconciliation';
import type { BenchContext } from '../lib/context';
import { round, sized } from '../lib/context';
import { migratedSqlite, rawSqlite } from '../lib/databases';
import { monthsEndingAt, seedClients, seedReconciliation } from '../lib/seed';
import { sideBySide, timed } from '../lib/timing';
import { createDb } from '../../src/main/db/create-db';

export const LAST_MONTH: Period = '2026-10';
const MONTHS = 36;
const TOLERANCE_CENTS = 1;

export interface ReconciliationFigures {
  ms: number;
  ratio: number;
  floorMs: number;
  rows: number;
  clients: number;
  months: number;
  snapshotRows: number;
  contracts: number;
  period: Period;
  seedMs: number;
  rounds: { ms: number; floorMs: number }[];
}

/** The hand-written statement: the month's rows, their difference and status, in the service's order. */
const HAND_SQL = `
with m as (
  select client_id, sum(mrr) as mrr from contracts
   where start_date <= @last and (end_date is null or end_date >= @first)
   group by client_id
), r as (
  select c.id as client_id, c.name, c.document, c.omie_codigo, m.mrr, s.valor, n.note, n.explained
    from clients c
    left join m on m.client_id = c.id
    left join erp_revenue_snapshot s on s.period = @first and s.omie_codigo = c.omie_codigo
    left join reconciliation_notes n on n.period = @first and n.subject = c.id
   where m.client_id is not null or s.omie_codigo is not null
  union all
  select null, null, null, s.omie_codigo, null, s.valor, n.note, n.explained
    from erp_revenue_snapshot s
    left join reconciliation_notes n on n.period = @first and n.subject = 'omie:' || s.omie_codigo
   where s.period = @first and not exists (select 1 from clients c where c.omie_codigo = s.omie_codigo)
)
select r.*, coalesce(valor, 0) - coalesce(mrr, 0) as difference,
       case when mrr is null or mrr = 0 then null else round(100.0 * (coalesce(valor, 0) - mrr) / mrr, 2) end as difference_pct,
       case when mrr is not null and omie_codigo is null then 'unlinked'
            when abs(coalesce(valor, 0) - coalesce(mrr, 0)) <= @tolerance then 'ok'
            when valor is null then 'not_invoiced'
            when mrr is null then 'no_contract'
            when valor < mrr then 'under' else 'over' end as status
  from r
 order by name is null, name, length(omie_codigo), omie_codigo`;

interface HandRow {
  mrr: number | null;
  valor: number | null;
  status: string;
}

function handReconciliation(stmt: Database.Statement, period: Period): HandRow[] {
  return stmt.all({ first: periodFirstDay(period), last: periodLastDay(period), tolerance: TOLERANCE_CENTS }) as HandRow[];
}

function checkAgreement(service: Reconciliation, hand: HandRow[]): void {
  const mrr = hand.reduce((s, r) => s + BigInt(r.mrr ?? 0), 0n);
  const invoiced = hand.reduce((s, r) => s + BigInt(r.valor ?? 0), 0n);
  const statuses: Record<string, number> = {};
  for (const r of hand) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const problems: string[] = [];
  if (service.rows.length !== hand.length) problems.push(`rows ${service.rows.length} vs ${hand.length}`);
  if (service.totals.mrr !== mrr) problems.push(`MRR ${service.totals.mrr} vs ${mrr}`);
  if (service.totals.invoiced !== invoiced) problems.push(`faturamento ${service.totals.invoiced} vs ${invoiced}`);
  for (const [status, n] of Object.entries(service.countsByStatus)) if ((statuses[status] ?? 0) !== n) problems.push(`${status} ${n} vs ${statuses[status] ?? 0}`);
  if (service.source !== 'snapshot') problems.push(`source ${service.source}`);
  if (problems.length > 0) throw new Error(`the service and the hand-written SQL disagree: ${problems.join('; ')}`);
}

export async function measureReconciliation(ctx: BenchContext): Promise<ReconciliationFigures> {
  const path = ctx.scratch.path('reconciliation');
  const clientsCount = sized(ctx, 100_000);
  const months = monthsEndingAt(LAST_MONTH, MONTHS);
  const seeded = await timed(async () => {
    await (await migratedSqlite(path)).destroy();
    const raw = rawSqlite(path);
    try {
      const clients = seedClients(raw, { clients: clientsCount, seed: 7, unlinked: 0.03 });
      const rest = seedReconciliation(raw, clients, { seed: 7, months });
      raw.pragma('optimize');
      raw.pragma('wal_checkpoint(TRUNCATE)');
      return rest;
    } finally {
      raw.close();
    }
  });
  ctx.log(`reconciliation: seeded ${clientsCount} clients, ${seeded.value.contracts} contracts, ${seeded.value.snapshotRows} snapshot rows in ${(seeded.ms / 1000).toFixed(1)} s`);

  const db = await createDb(`sqlite:${path}`);
  const raw = rawSqlite(path);
  const deps = { db, clock: systemClock, actor: { host: 'bench', user: 'bench' }, omie: () => { throw new Error('a snapshot month never calls Omie'); } };
  try {
    const stmt = raw.prepare(HAND_SQL);
    let service: Reconciliation | null = null;
    let hand: HandRow[] = [];
    const result = await sideBySide({
      reps: Math.max(5, ctx.reps),
      warmup: 1,
      log: (line) => ctx.log(`reconciliation: ${line}`),
      floor: async () => {
        const t = await timed(() => handReconciliation(stmt, LAST_MONTH));
        hand = t.value;
        return t;
      },
      measure: async () => {
        const t = await timed(() => getReconciliation(deps, LAST_MONTH, { tolerance: BigInt(TOLERANCE_CENTS) }));
        service = t.value;
        return t;
      },
    });
    const done = service as Reconciliation | null;
    if (!done) throw new Error('no reconciliation ran');
    checkAgreement(done, hand);
    return {
      ms: round(result.measureMs, 1),
      ratio: round(result.ratio, 3),
      floorMs: round(result.floorMs, 1),
      rows: done.rows.length,
      clients: clientsCount,
      months: MONTHS,
      snapshotRows: seeded.value.snapshotRows,
      contracts: seeded.value.contracts,
      period: LAST_MONTH,
      seedMs: round(seeded.ms, 0),
      rounds: result.measure.map((ms, i) => ({ ms: round(ms, 1), floorMs: round(result.floor[i] ?? Number.NaN, 1) })),
    };
  } finally {
    raw.close();
    await db.destroy();
    if (!ctx.keep) for (const s of ['', '-wal', '-shm']) rmSync(`${path}${s}`, { force: true });
  }
}
