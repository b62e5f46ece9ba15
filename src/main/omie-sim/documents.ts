import type { Rng } from './rng';

/** Valid, formatted Brazilian documents with real check digits (Módulo 11). */
export function cnpjFormatted(rng: Rng): string {
  let base = rng.digits(8);
  if (/^(\d)\1+$/.test(base)) base = `1${base.slice(1)}`;
  const twelve = `${base}${rng.chance(0.9) ? '0001' : `000${rng.int(2, 9)}`}`;
  const d1 = cnpjDigit(twelve);
  const d2 = cnpjDigit(`${twelve}${d1}`);
  const n = `${twelve}${d1}${d2}`;
  return `${n.slice(0, 2)}.${n.slice(2, 5)}.${n.slice(5, 8)}/${n.slice(8, 12)}-${n.slice(12)}`;
}

export function cpfFormatted(rng: Rng): string {
  let nine = rng.digits(9);
  if (/^(\d)\1+$/.test(nine)) nine = `1${nine.slice(1)}`;
  const d1 = cpfDigit(nine);
  const d2 = cpfDigit(`${nine}${d1}`);
  const n = `${nine}${d1}${d2}`;
  return `${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6, 9)}-${n.slice(9)}`;
}

function cnpjDigit(digits: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = digits.length - 1; i >= 0; i--) {
    sum += Number(digits[i]) * weight;
    weight = weight === 9 ? 2 : weight + 1;
  }
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

function cpfDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (digits.length + 1 - i);
  const rest = (sum * 10) % 11;
  return rest === 10 ? 0 : rest;
}

export function onlyDigits(text: string): string {
  return text.replace(/\D/g, '');
}
