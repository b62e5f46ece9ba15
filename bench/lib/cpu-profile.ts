/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per file, and
 * total (inclusive) time of the functions whose name matches a pattern. Used when a target is missed.
 *
 *   npx tsx bench/lib/cpu-profile.ts PROFILE.cpuprofile [--top 30] [--total name1,name2]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from './child';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  bySelf: { name: string; ms: number }[];
  byFile: { file: string; ms: number }[];
  inclusive: Record<string, number>;
}

function label(node: ProfileNode): string {
  const url = node.callFrame.url.replace(/^file:\/\//, '');
  const file = url ? (url.startsWith(ROOT) ? relative(ROOT, url) : url.replace(/.*node_modules\//, 'node_modules/')) : '(native)';
  return `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
}

function fileOf(node: ProfileNode): string {
  const url = node.callFrame.url.replace(/^file:\/\//, '');
  if (!url) return node.callFrame.functionName.startsWith('(') ? node.callFrame.functionName : '(native)';
  if (url.includes('node_modules/')) return url.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, 'node_modules/$1');
  return url.startsWith(ROOT) ? relative(ROOT, url) : url;
}

export function summarise(profile: Profile, patterns: string[] = []): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0));
  }
  const bySelf = new Map<string, number>();
  const byFile = new Map<string, number>();
  const inclusive: Record<string, number> = Object.fromEntries(patterns.map((p) => [p, 0]));
  let idle = 0;
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id) as ProfileNode;
    total += us;
    if (node.callFrame.functionName === '(idle)') idle += us;
    bySelf.set(label(node), (bySelf.get(label(node)) ?? 0) + us);
    byFile.set(fileOf(node), (byFile.get(fileOf(node)) ?? 0) + us);
    // inclusive: count once per pattern if any ancestor (or itself) matches
    const matched = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = (byId.get(cur) as ProfileNode).callFrame.functionName;
      for (const p of patterns) if (!matched.has(p) && name === p) matched.add(p);
    }
    for (const p of matched) inclusive[p] = (inclusive[p] ?? 0) + us;
  }
  const ms = (us: number) => us / 1000;
  return {
    totalMs: ms(total),
    idleMs: ms(idle),
    bySelf: [...bySelf].map(([name, us]) => ({ name, ms: ms(us) })).sort((a, b) => b.ms - a.ms),
    byFile: [...byFile].map(([file, us]) => ({ file, ms: ms(us) })).sort((a, b) => b.ms - a.ms),
    inclusive: Object.fromEntries(Object.entries(inclusive).map(([k, v]) => [k, ms(v)])),
  };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const args = process.argv.slice(2);
  const file = args[0];
  if (!file) throw new Error('usage: cpu-profile.ts PROFILE.cpuprofile [--top N] [--total fn1,fn2]');
  const top = Number(args[args.indexOf('--top') + 1] ?? 30) || 30;
  const totals = args.includes('--total') ? (args[args.indexOf('--total') + 1] ?? '').split(',').filter(Boolean) : [];
  const s = summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, totals);
  console.log(`sampled ${s.totalMs.toFixed(0)} ms, idle ${s.idleMs.toFixed(0)} ms`);
  console.log('\nself time by file:');
  for (const f of s.byFile.slice(0, top)) console.log(`  ${f.ms.toFixed(0).padStart(7)} ms  ${f.file}`);
  console.log('\nself time by function:');
  for (const f of s.bySelf.slice(0, top)) console.log(`  ${f.ms.toFixed(0).padStart(7)} ms  ${f.name}`);
  if (totals.length) {
    console.log('\ninclusive time:');
    for (const [k, v] of Object.entries(s.inclusive)) console.log(`  ${v.toFixed(0).padStart(7)} ms  ${k}`);
  }
}
