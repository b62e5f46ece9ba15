import { randomUUID } from 'node:crypto';
import type { Faker } from '@faker-js/faker';
import type { Kysely } from 'kysely';
import type { Money } from '../../shared/money';
import { addMonths, type Period, periodFirstDay, periodLastDay, periodOfDay } from '../../shared/period';
import { codecsFor } from '../db/codecs';
import type { DB } from '../db/schema';

const PLANS = ['Assinatura ness.DATA Pro', 'Assinatura ness.FIN', 'Plano GROWTH Essencial', 'Suporte Premium', 'Licença Analytics', 'Plano Enterprise'];

export interface ContractSeedOutcome {
  contracts: number;
  underInvoiced: number;
  overInvoiced: number;
  notInvoiced: number;
  ended: number;
  unlinked: number;
  withoutContract: number;
}

/**
 * Contracts (ness.FIN) for most Omie customers, from what Omie actually invoiced: a customer's MRR
 * is its most frequent monthly faturamento, so most months reconcile — and then deliberate
 * mismatches: some contracts above what is invoiced, some below, some for customers Omie never
 * invoices, some ended, a few for hand-made clients without omie_codigo; about one customer in
 * eight is invoiced without any contract.
 */
export async function seedDemoContracts(db: Kysely<DB>, faker: Faker, firstMonth: Period, unlinkedClientIds: readonly string[]): Promise<ContractSeedOutcome> {
  const codecs = codecsFor(db);
  const snapshot = await db.selectFrom('erp_revenue_snapshot').select(['period', 'omie_codigo', 'valor']).execute();
  const monthly = new Map<string, { values: Money[]; first: string; last: string }>();
  let latest = '';
  for (const row of snapshot) {
    const entry = monthly.get(row.omie_codigo) ?? { values: [], first: row.period, last: row.period };
    entry.values.push(codecs.moneyFromDb(row.valor));
    if (row.period < entry.first) entry.first = row.period;
    if (row.period > entry.last) entry.last = row.period;
    monthly.set(row.omie_codigo, entry);
    if (row.period > latest) latest = row.period;
  }
  // A customer Omie stopped invoicing two months before the newest snapshot ended its contract then.
  const stoppedBefore = latest ? periodFirstDay(addMonths(periodOfDay(latest), -1)) : '';
  const linked = await db.selectFrom('clients').select(['id', 'omie_codigo']).where('omie_codigo', 'is not', null).orderBy('omie_codigo').execute();
  const outcome: ContractSeedOutcome = { contracts: 0, underInvoiced: 0, overInvoiced: 0, notInvoiced: 0, ended: 0, unlinked: 0, withoutContract: 0 };
  const rows: { id: string; client_id: string; description: string; mrr: number | string; start_date: string; end_date: string | null; status: 'active' | 'ended' }[] = [];
  const startFor = (first: string) => {
    const month = periodOfDay(first);
    const back = month <= firstMonth ? faker.number.int({ min: 1, max: 18 }) : 0;
    return periodFirstDay(addMonths(month, -back));
  };
  const lastMonth = addMonths(firstMonth, 12);

  for (const client of linked) {
    const invoiced = monthly.get(client.omie_codigo ?? '');
    const roll = faker.number.float({ min: 0, max: 1 });
    if (!invoiced) {
      if (roll < 0.25) {
        rows.push(contract(client.id, 2_000_00n + BigInt(faker.number.int({ min: 0, max: 80 })) * 100n, periodFirstDay(addMonths(firstMonth, -2)), null));
        outcome.notInvoiced += 1;
      }
      continue;
    }
    if (roll < 0.12) {
      outcome.withoutContract += 1;
      continue;
    }
    let mrr = modeOf(invoiced.values);
    if (roll < 0.19) {
      mrr += (mrr * BigInt(faker.number.int({ min: 10, max: 35 }))) / 100n;
      outcome.underInvoiced += 1;
    } else if (roll < 0.24) {
      mrr -= (mrr * BigInt(faker.number.int({ min: 10, max: 30 }))) / 100n;
      outcome.overInvoiced += 1;
    }
    let end: string | null = invoiced.last < stoppedBefore ? periodLastDay(periodOfDay(invoiced.last)) : null;
    if (end !== null) outcome.ended += 1;
    else if (roll > 0.96) {
      end = periodLastDay(addMonths(lastMonth, -faker.number.int({ min: 2, max: 6 })));
      outcome.ended += 1;
    }
    rows.push(contract(client.id, mrr, startFor(invoiced.first), end));
  }
  for (const id of unlinkedClientIds) {
    rows.push(contract(id, BigInt(faker.number.int({ min: 800, max: 6000 })) * 100n, periodFirstDay(addMonths(firstMonth, -3)), null));
    outcome.unlinked += 1;
  }
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('contracts').values(rows.slice(i, i + 500)).execute();
  outcome.contracts = rows.length;
  return outcome;

  function contract(clientId: string, mrr: Money, start: string, end: string | null) {
    return {
      id: randomUUID(),
      client_id: clientId,
      description: faker.helpers.arrayElement(PLANS),
      mrr: codecs.moneyToDb(mrr),
      start_date: start,
      end_date: end,
      status: end ? ('ended' as const) : ('active' as const),
    };
  }
}

/** The most frequent value (ties: the larger). */
function modeOf(values: readonly Money[]): Money {
  const counts = new Map<Money, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: Money = values[0] ?? 0n;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && value > best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
