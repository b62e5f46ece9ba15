import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../shared/errors';
import { formatMoney, type Money } from '../../shared/money';
import { isPeriod, type Period, periodFirstDay } from '../../shared/period';
import { codecsFor } from '../db/codecs';
import type { DB } from '../db/schema';
import { BRASILIA_TZ } from '../brasilia-time';
import { countsForMonth } from './contract-rule';
import { monthInstantRange } from './zoned-days';

/**
 * data_indices per month (DESIGN.md §4): leads_mes (leads created in the month, Brasília calendar),
 * contratos_ativos (contracts that count for the month) and mrr_total (the sum of their MRR).
 * `value` is fixed-point with two decimals: counts are stored as count × 100 hundredths through the
 * money codec, so every index reads back as a decimal string ("42.00", "1234.56").
 */
const INDEX_KEYS = ['leads_mes', 'contratos_ativos', 'mrr_total'] as const;
export type IndexKey = (typeof INDEX_KEYS)[number];

export interface DataIndexRow {
  /** "YYYY-MM". */
  period: Period;
  indexKey: string;
  /** Decimal string with two decimals. */
  value: string;
}

export interface ComputeIndicesOutcome {
  period: Period;
  indices: DataIndexRow[];
}

function countAsFixed(n: number): Money {
  return BigInt(n) * 100n;
}

function requirePeriod(period: string): Period {
  if (!isPeriod(period)) throw new AppError('bad_input', `Expected a month (YYYY-MM), got "${period.slice(0, 40)}".`);
  return period;
}

export async function computeDataIndices(
  db: Kysely<DB>,
  periodText: string,
  { timeZone = BRASILIA_TZ }: { timeZone?: string } = {},
): Promise<ComputeIndicesOutcome> {
  const period = requirePeriod(periodText);
  const codecs = codecsFor(db);
  const { startIso, endIso } = monthInstantRange(period, timeZone);

  return db.transaction().execute(async (trx) => {
    const leads = await trx
      .selectFrom('leads')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('created_at', '>=', startIso)
      .where('created_at', '<', endIso)
      .executeTakeFirstOrThrow();
    const contracts = await trx
      .selectFrom('contracts')
      .select((eb) => [eb.fn.countAll().as('n'), codecs.sumMoney('contracts.mrr').as('mrr')])
      .where(countsForMonth(period))
      .executeTakeFirstOrThrow();

    const values: Record<IndexKey, Money> = {
      leads_mes: countAsFixed(Number(leads.n)),
      contratos_ativos: countAsFixed(Number(contracts.n)),
      mrr_total: codecs.moneyFromDb(contracts.mrr),
    };
    const day = periodFirstDay(period);
    const createdAt = new Date().toISOString();
    for (const key of INDEX_KEYS) {
      const value = codecs.moneyToDb(values[key]);
      await trx
        .insertInto('data_indices')
        .values({ id: randomUUID(), period: day, index_key: key, value, created_at: createdAt })
        .onConflict((oc) => oc.columns(['period', 'index_key']).doUpdateSet({ value, created_at: createdAt }))
        .execute();
    }
    return { period, indices: INDEX_KEYS.map((key) => ({ period, indexKey: key, value: formatMoney(values[key]) })) };
  });
}

export interface DataIndexQuery {
  /** First month included ("YYYY-MM"). */
  from?: string;
  /** Last month included. */
  to?: string;
  keys?: string[];
}

/** Stored indices, oldest month first, keys in alphabetical order. */
export async function getDataIndices(db: Kysely<DB>, options: DataIndexQuery = {}): Promise<DataIndexRow[]> {
  const codecs = codecsFor(db);
  let query = db.selectFrom('data_indices').select(['period', 'index_key', 'value']);
  if (options.from) query = query.where('period', '>=', periodFirstDay(requirePeriod(options.from)));
  if (options.to) query = query.where('period', '<=', periodFirstDay(requirePeriod(options.to)));
  if (options.keys && options.keys.length > 0) query = query.where('index_key', 'in', options.keys);
  const rows = await query.orderBy('period').orderBy('index_key').execute();
  return rows.map((r) => ({
    period: r.period.slice(0, 7),
    indexKey: r.index_key,
    value: formatMoney(codecs.moneyFromDb(r.value)),
  }));
}
