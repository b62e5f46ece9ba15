import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codecsFor } from '../../src/main/db/codecs';
import { formatMoney, type Money, moneyFromNumber, parseMoney, parseMoneyInput, percentOf } from '../../src/shared/money';
import { describeBackends } from '../helpers/backends';

/** 100,000 amounts chosen to break binary floats: tenths, huge values, negatives, one-cent steps. */
function adversarialAmounts(count: number): string[] {
  const seeds = ['0.10', '0.20', '0.30', '999999999.99', '-999999999.99', '0.01', '-0.01', '1234.56', '0.07', '-100.00'];
  const out: string[] = [];
  let x = 12345;
  for (let i = 0; i < count; i++) {
    if (i % 3 === 0) out.push(seeds[i % seeds.length]!);
    else {
      x = (x * 1103515245 + 12345) % 2147483648; // deterministic LCG
      const cents = (x % 100000000) - 50000000;
      out.push(formatMoney(BigInt(cents)));
    }
  }
  return out;
}

/** The reference: formatMoney and percentOf in bigint arithmetic only. */
function formatMoneyOnBigints(m: Money): string {
  const abs = m < 0n ? -m : m;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return m < 0n ? `-${text}` : text;
}

function percentOnBigints(part: Money, whole: Money): string | null {
  if (whole === 0n) return null;
  const scaled = (part * 1000000n) / whole;
  return formatMoneyOnBigints(scaled >= 0n ? (scaled + 50n) / 100n : (scaled - 50n) / 100n);
}

describe('Money', () => {
  it('parses and formats decimals exactly', () => {
    expect(formatMoney(parseMoney('0.1') + parseMoney('0.2'))).toBe('0.30');
    expect(formatMoney(parseMoney('-0.05'))).toBe('-0.05');
    expect(formatMoney(parseMoney('999999999.99'))).toBe('999999999.99');
    expect(() => parseMoney('1.005')).toThrow(/fractions of a cent/);
    expect(formatMoney(parseMoney('1.0000'))).toBe('1.00');
    expect(() => parseMoney('abc')).toThrow();
  });

  it('reads what people type in pt-BR and en', () => {
    expect(formatMoney(parseMoneyInput('1.234,56'))).toBe('1234.56');
    expect(formatMoney(parseMoneyInput('0,01'))).toBe('0.01');
    expect(formatMoney(parseMoneyInput('R$ -10,00'))).toBe('-10.00');
    expect(formatMoney(parseMoneyInput('1,234.56'))).toBe('1234.56');
    expect(formatMoney(parseMoneyInput('1.234.567'))).toBe('1234567.00');
  });

  it('converts API numbers to cents without float drift', () => {
    expect(moneyFromNumber(7.7)).toBe(770n);
    expect(moneyFromNumber(0.1 + 0.2)).toBe(30n);
    expect(moneyFromNumber(-1.005)).toBe(-101n);
    expect(moneyFromNumber(799)).toBe(79900n);
    expect(() => moneyFromNumber(Number.NaN)).toThrow();
  });

  it('computes percentages with two decimals', () => {
    expect(percentOf(-125n, 1000n)).toBe('-12.50');
    expect(percentOf(1n, 3n)).toBe('33.33');
    expect(percentOf(5n, 0n)).toBeNull();
    expect(percentOf(-1n, 300000n)).toBe('0.00'); // rounds to zero from below: no "-0.00"
    expect(percentOf(1n, -8n)).toBe('-12.50');
  });

  it('formats and takes percentages on doubles exactly as the bigint arithmetic does, at every scale', () => {
    const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
    const edges = [0n, 1n, 49n, 50n, 99n, 100n, 101n, 9_007_199_254n, 9_007_199_255n, SAFE - 1n, SAFE, SAFE + 1n, 10n ** 20n];
    let x = 987654321n;
    const random = (bits: bigint): bigint => {
      x = (x * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n; // deterministic LCG
      return x % 2n ** bits;
    };
    const values: bigint[] = [...edges, ...edges.map((v) => -v)];
    for (let i = 0; i < 20_000; i++) {
      const v = random(BigInt(1 + (i % 60)));
      values.push(i % 2 === 0 ? v : -v);
    }
    for (const m of values) expect(formatMoney(m)).toBe(formatMoneyOnBigints(m));
    for (let i = 0; i + 1 < values.length; i++) {
      const [part, whole] = [values[i]!, values[values.length - 1 - i]!];
      expect(percentOf(part, whole)).toBe(percentOnBigints(part, whole));
    }
  });
});

describeBackends('money storage', (t) => {
  it('sums 100,000 adversarial amounts exactly in the database and through the codec', async () => {
    const codecs = codecsFor(t.db);
    const amounts = adversarialAmounts(100_000);
    const expected = amounts.reduce<Money>((sum, a) => sum + parseMoney(a), 0n);
    const rows = amounts.map((a, i) => ({
      id: randomUUID(),
      period: '2026-01-01',
      omie_codigo: String(i),
      valor: codecs.moneyToDb(parseMoney(a)),
    }));
    for (let i = 0; i < rows.length; i += 5000) {
      await t.db.insertInto('erp_revenue_snapshot').values(rows.slice(i, i + 5000)).execute();
    }
    const { total } = await t.db
      .selectFrom('erp_revenue_snapshot')
      .select(codecs.sumMoney('valor').as('total'))
      .executeTakeFirstOrThrow();
    expect(formatMoney(codecs.moneyFromDb(total))).toBe(formatMoney(expected));

    const stored = await t.db.selectFrom('erp_revenue_snapshot').select(['omie_codigo', 'valor']).execute();
    const viaCodec = stored.reduce<Money>((sum, r) => sum + codecs.moneyFromDb(r.valor), 0n);
    expect(viaCodec).toBe(expected);
    const sample = stored.find((r) => r.omie_codigo === '3');
    expect(formatMoney(codecs.moneyFromDb(sample!.valor))).toBe(amounts[3]);
  });

  it('sums past 2^53 cents exactly, and an empty sum to zero', async () => {
    const codecs = codecsFor(t.db);
    const largest = parseMoney('999999999999.99'); // numeric(14,2)'s largest
    const rows = Array.from({ length: 91 }, (_, i) => ({ id: randomUUID(), period: '2026-02-01', omie_codigo: String(i), valor: codecs.moneyToDb(largest) }));
    await t.db.insertInto('erp_revenue_snapshot').values(rows).execute();
    const sumOf = async (period: string) =>
      (await t.db.selectFrom('erp_revenue_snapshot').select(codecs.sumMoney('valor').as('total')).where('period', '=', period).executeTakeFirstOrThrow()).total;
    const total = codecs.moneyFromDb(await sumOf('2026-02-01'));
    expect(total > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(total).toBe(91n * largest);
    expect(codecs.moneyFromDb(await sumOf('1999-01-01'))).toBe(0n);
  });
});
