import { type Expression, type Kysely, type RawBuilder, sql } from 'kysely';
import { formatMoney, type Money, parseMoney } from '../../shared/money';
import { capabilitiesOf } from './capabilities';

/**
 * The one place money, fixed-point values and flags cross into and out of storage.
 * SQLite keeps integer cents / 0-1; Postgres keeps numeric(14,2) reais / boolean.
 */
export interface Codecs {
  moneyToDb(m: Money): number | string;
  moneyFromDb(v: unknown): Money;
  /** SUM of a money column as an exact value for moneyFromDb (never a float; 0 when empty). */
  sumMoney(column: Expression<unknown> | string): RawBuilder<string | number>;
  boolToDb(b: boolean): boolean | number;
  boolFromDb(v: unknown): boolean;
}

const CENTS: Codecs = {
  moneyToDb(m) {
    if (m > BigInt(Number.MAX_SAFE_INTEGER) || m < -BigInt(Number.MAX_SAFE_INTEGER)) return m.toString();
    return Number(m);
  },
  moneyFromDb(v) {
    if (typeof v === 'bigint') return v;
    if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
    if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
    throw new TypeError(`not a stored amount of cents: ${String(v)}`);
  },
  sumMoney(column) {
    const ref = typeof column === 'string' ? sql.ref(column) : column;
    // SQLite sums integers exactly (or fails on overflow); a sum beyond 2^53 would lose digits as a
    // JS number, so it comes as text. The usual sum stays a number: no string to make and parse
    // (~2 % of a 100k-row reconciliation).
    const total = sql`coalesce(sum(${ref}), 0)`;
    return sql<string | number>`case when ${total} between ${sql.lit(-Number.MAX_SAFE_INTEGER)} and ${sql.lit(Number.MAX_SAFE_INTEGER)} then ${total} else cast(${total} as text) end`;
  },
  boolToDb: (b) => (b ? 1 : 0),
  boolFromDb: (v) => v === 1 || v === true || v === 1n,
};

const DECIMAL: Codecs = {
  moneyToDb: (m) => formatMoney(m),
  moneyFromDb(v) {
    if (typeof v === 'string') return parseMoney(v);
    if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v) * 100n;
    throw new TypeError(`not a stored numeric amount: ${String(v)}`);
  },
  sumMoney(column) {
    const ref = typeof column === 'string' ? sql.ref(column) : column;
    return sql<string>`coalesce(sum(${ref}), 0)::text`;
  },
  boolToDb: (b) => b,
  boolFromDb: (v) => v === true,
};

export function codecsFor(db: Kysely<any>): Codecs {
  return capabilitiesOf(db).moneyAsCents ? CENTS : DECIMAL;
}
