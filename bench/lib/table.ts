/** The human table printed at the end of a run: one line per key, its target, met or not, and the absolute figures beside it. */
import { describeTarget, meets, type Target } from './results';

export interface TableLine {
  key: string;
  value: number | null;
  target: Target | null;
  detail: string;
}

const fmt = (value: number | null): string => {
  if (value === null) return '—';
  if (Number.isInteger(value) || Math.abs(value) >= 100) return value.toFixed(0);
  return Math.abs(value) < 0.1 ? value.toFixed(4) : value.toFixed(3);
};

export function renderTable(lines: TableLine[]): string {
  const rows = lines.map((l) => [
    l.key,
    fmt(l.value),
    l.target ? describeTarget(l.target) : 'info',
    l.value === null ? 'n/a' : l.target ? (meets(l.target, l.value) ? 'yes' : 'NO') : '',
    l.detail,
  ]);
  const header = ['key', 'value', 'target', 'met', 'absolute figures'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(Math.min(w, 60))).join('  '), ...rows.map(line)].join('\n');
}

/** Markdown version of the same table (for the README's Performance section). */
export function renderMarkdown(lines: TableLine[]): string {
  const out = ['| key | value | target | met | absolute figures |', '|---|---|---|---|---|'];
  for (const l of lines) {
    const met = l.value === null ? 'n/a' : l.target ? (meets(l.target, l.value) ? 'yes' : '**no**') : '';
    out.push(`| \`${l.key}\` | ${fmt(l.value)} | ${l.target ? describeTarget(l.target) : 'info'} | ${met} | ${l.detail} |`);
  }
  return out.join('\n');
}
