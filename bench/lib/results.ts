/**
 * bench/results.json: one nested object per measure plus two flat maps keyed by the issue's dotted
 * keys — `targets` (what each key must satisfy) and `met` (true / false; null when the measure could
 * not run, with the reason in `skipped`). A dotted key is a path into the document:
 * "postgres.clientsFullSync.ratio" → results.postgres.clientsFullSync.ratio.
 */
import { cpus, loadavg, totalmem } from 'node:os';

export type TargetOp = '<=' | '>=' | '<';
export interface Target {
  op: TargetOp;
  value: number;
  unit?: string;
}

/** The issue's keys and targets (issue 7). Never loosened here. */
export const TARGETS = {
  'clientsFullSync.ratio': { op: '<=', value: 1.3 },
  'applyRate.ratio': { op: '>=', value: 0.6 },
  'incremental.ratio': { op: '<=', value: 0.05 },
  'throttled.ratio': { op: '<=', value: 1.1 },
  'memory.ratio': { op: '<=', value: 1.25 },
  'reconciliation.ms': { op: '<', value: 300, unit: 'ms' },
  'reconciliation.ratio': { op: '<=', value: 1.5 },
  'postgres.clientsFullSync.ratio': { op: '<=', value: 1.5 },
  'ui.clients.firstPaintMs': { op: '<', value: 500, unit: 'ms' },
} as const satisfies Record<string, Target>;

export type ResultKey = keyof typeof TARGETS;
export const RESULT_KEYS = Object.keys(TARGETS) as ResultKey[];

export function meets(target: Target, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (target.op === '<=') return value <= target.value;
  if (target.op === '>=') return value >= target.value;
  return value < target.value;
}

export function describeTarget(target: Target): string {
  return `${target.op === '<=' ? '≤' : target.op === '>=' ? '≥' : '<'} ${target.value}${target.unit ? ` ${target.unit}` : ''}`;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  totalMemoryMB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the document was written (other work on the machine skews absolute times). */
  loadAverage: number;
}

export function machine(): Machine {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemoryMB: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: Number((loadavg()[0] ?? 0).toFixed(2)),
  };
}

/** Reads a dotted path out of the document (undefined when a step is missing). */
export function valueAt(doc: Record<string, unknown>, key: string): unknown {
  let cur: unknown = doc;
  for (const step of key.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[step];
  }
  return cur;
}

/** Writes `value` at a dotted path, creating objects on the way. */
export function setAt(doc: Record<string, unknown>, key: string, value: unknown): void {
  const steps = key.split('.');
  let cur = doc;
  for (const step of steps.slice(0, -1)) {
    const next = cur[step];
    if (next === null || typeof next !== 'object') cur[step] = {};
    cur = cur[step] as Record<string, unknown>;
  }
  cur[steps[steps.length - 1] as string] = value;
}

/** The `met` map: true/false per key, null when its value is absent (measure skipped or failed). */
export function metMap(doc: Record<string, unknown>): Record<ResultKey, boolean | null> {
  const out = {} as Record<ResultKey, boolean | null>;
  for (const key of RESULT_KEYS) {
    const value = valueAt(doc, key);
    out[key] = typeof value === 'number' ? meets(TARGETS[key], value) : null;
  }
  return out;
}
