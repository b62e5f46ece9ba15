/**
 * Money in BRL, exact to the cent: an integer number of cents held in a bigint.
 * Amounts travel as decimal strings ("1234.56", "-0.10"), never as binary floats.
 */
export type Money = bigint;

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Parses a plain decimal ("1234.5", "-0.01"); more than two decimals must be zeros. */
export function parseMoney(text: string): Money {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new RangeError(`not a decimal amount: "${text.slice(0, 40)}"`);
  const [, sign, whole, fraction = ''] = match;
  if (/[1-9]/.test(fraction.slice(2))) throw new RangeError(`amount has fractions of a cent: "${text.slice(0, 40)}"`);
  const cents = BigInt(whole!) * 100n + BigInt((fraction + '00').slice(0, 2));
  return sign === '-' ? -cents : cents;
}

/** Parses what a person types: "1.234,56", "1,234.56", "0,01", "R$ -10,00", "1234.56". */
export function parseMoneyInput(text: string): Money {
  let s = text.replace(/R\$/g, '').replace(/\s/g, '');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma > lastDot) s = s.replace(/\./g, '').replace(',', '.');
  else if (lastDot > lastComma && lastComma >= 0) s = s.replace(/,/g, '');
  else if (lastDot >= 0 && s.indexOf('.') !== lastDot) s = s.replace(/\./g, ''); // "1.234.567"
  return parseMoney(s);
}

/** A JSON number from an API (e.g. Omie's valor_documento 7.7) to cents, rounding half away from zero. */
export function moneyFromNumber(value: number): Money {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  const [whole, fraction = ''] = Math.abs(value).toFixed(6).split('.');
  let cents = BigInt(whole!) * 100n + BigInt(fraction.slice(0, 2));
  if (Number(fraction[2]) >= 5) cents += 1n;
  return value < 0 ? -cents : cents;
}

/** Cents whose arithmetic on doubles is exact integer arithmetic. */
const SAFE_CENTS = BigInt(Number.MAX_SAFE_INTEGER);

/** Integer cents below 2^53 as "1234.56": every step is exact on doubles, no bigint is made. */
function formatSafeCents(cents: number): string {
  const abs = Math.abs(cents);
  const fraction = abs % 100;
  const text = `${(abs - fraction) / 100}.${fraction < 10 ? '0' : ''}${fraction}`;
  return cents < 0 ? `-${text}` : text;
}

/** "1234.56" / "-0.10": the wire and JSON form. */
export function formatMoney(m: Money): string {
  if (m <= SAFE_CENTS && m >= -SAFE_CENTS) return formatSafeCents(Number(m));
  const negative = m < 0n;
  const abs = negative ? -m : m;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

export function sumMoney(values: Iterable<Money>): Money {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/** The largest |part| percentOf computes on doubles: part × 10^6 ≤ 2^53 − 1. */
const SAFE_PERCENT_PART = SAFE_CENTS / 1_000_000n;

/** part ÷ whole as a percentage with two decimals ("-12.50"), or null when whole is zero. */
export function percentOf(part: Money, whole: Money): string | null {
  if (whole === 0n) return null;
  if (part <= SAFE_PERCENT_PART && part >= -SAFE_PERCENT_PART && whole <= SAFE_CENTS && whole >= -SAFE_CENTS) {
    // part × 10^6 stays below 2^53, so the product is exact, and the truncated quotient of two
    // integers below 2^53 is their integer quotient (the float's rounding error is smaller than
    // the quotient's distance to the next integer): the bigint steps below, on doubles.
    const scaled = Math.trunc((Number(part) * 1_000_000) / Number(whole));
    return formatSafeCents(Math.trunc((scaled >= 0 ? scaled + 50 : scaled - 50) / 100));
  }
  const scaled = (part * 1000000n) / whole; // hundredths of a percent × 100
  const rounded = scaled >= 0n ? (scaled + 50n) / 100n : (scaled - 50n) / 100n;
  return formatMoney(rounded);
}

export function absMoney(m: Money): Money {
  return m < 0n ? -m : m;
}
