/** What every measure gets from the runner: sizes, repetitions, scratch space and a log line writer. */
import type { Scratch } from './databases';

export interface BenchOptions {
  quick: boolean;
  /** Timed repetitions of each side-by-side pair (warm-up rounds come on top). */
  reps: number;
  /** Measures to run (all when empty). */
  only: string[];
  pgUrl: string;
  /** Keep the scratch directory (databases) for inspection. */
  keep: boolean;
  /** Write bench/results.json (off with --no-write). */
  write: boolean;
}

export interface BenchContext extends BenchOptions {
  /** 1 for the full run, 0.1 for --quick (every workload 10× smaller). */
  scale: number;
  scratch: Scratch;
  log(line: string): void;
}

/** A workload size scaled for --quick. */
export function sized(ctx: Pick<BenchContext, 'scale'>, full: number): number {
  return Math.max(1, Math.round(full * ctx.scale));
}

export const MB = 2 ** 20;
export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
