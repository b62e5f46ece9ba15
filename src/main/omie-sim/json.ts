/**
 * JSON the way Omie writes it (omie-api.md §1): object keys in alphabetical order at every level,
 * every non-ASCII character escaped as `\uXXXX` (so "Não" travels as "N\u00e3o").
 */
export function omieJson(value: unknown): string {
  return escapeNonAscii(JSON.stringify(sortKeys(value)));
}

/** The value with keys sorted at every level; objects already in order are reused, not copied. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const sorted = sortKeys(item);
      if (sorted !== item && copy === null) copy = value.slice(0, i);
      if (copy !== null) copy.push(sorted);
    }
    return copy ?? value;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let inOrder = true;
  let childChanged = false;
  const children: unknown[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && (keys[i - 1] as string) > (keys[i] as string)) inOrder = false;
    const child = record[keys[i] as string];
    const sorted = sortKeys(child);
    if (sorted !== child) childChanged = true;
    children[i] = sorted;
  }
  if (inOrder && !childChanged) return value;
  const order = keys.map((k, i) => i).sort((a, b) => ((keys[a] as string) < (keys[b] as string) ? -1 : 1));
  const out: Record<string, unknown> = {};
  for (const i of order) out[keys[i] as string] = children[i];
  return out;
}

function escapeNonAscii(text: string): string {
  return text.replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
