/**
 * Timing side by side: a floor and a measure run alternately (after warm-up rounds of both), so
 * drifts of a noisy machine hit both alike; figures are medians of the repetitions.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface Timed<T> {
  ms: number;
  value: T;
}

/** Wall-clock milliseconds of one async call. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<Timed<T>> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export interface SideBySide {
  /** Each round's milliseconds, in order. */
  floor: number[];
  measure: number[];
  floorMs: number;
  measureMs: number;
  /** median(measure) ÷ median(floor). */
  ratio: number;
}

/**
 * `warmup` untimed rounds of both, then `reps` rounds of floor → measure. Each callback does its
 * own untimed preparation (fresh database …) and returns the timing of the part that counts.
 * rep < 0 marks a warm-up round. Only the times are kept: a round's value is garbage once its
 * callback has returned (a callback keeps what it needs), so results do not pile up across rounds;
 * seven 100k-row reconciliations held ~500 MB, and collecting it landed in later rounds' times.
 */
export async function sideBySide<F, M>(spec: {
  reps: number;
  warmup: number;
  floor: (rep: number) => Promise<Timed<F>>;
  measure: (rep: number) => Promise<Timed<M>>;
  log?: (line: string) => void;
}): Promise<SideBySide> {
  for (let i = 0; i < spec.warmup; i++) {
    const f = await spec.floor(-1 - i);
    const m = await spec.measure(-1 - i);
    spec.log?.(`warm-up: floor ${f.ms.toFixed(0)} ms, measure ${m.ms.toFixed(0)} ms`);
  }
  const floor: number[] = [];
  const measure: number[] = [];
  for (let rep = 0; rep < spec.reps; rep++) {
    const f = await spec.floor(rep);
    const m = await spec.measure(rep);
    floor.push(f.ms);
    measure.push(m.ms);
    spec.log?.(`round ${rep + 1}/${spec.reps}: floor ${f.ms.toFixed(0)} ms, measure ${m.ms.toFixed(0)} ms (${(m.ms / f.ms).toFixed(2)}×)`);
  }
  const floorMs = median(floor);
  const measureMs = median(measure);
  return { floor, measure, floorMs, measureMs, ratio: measureMs / floorMs };
}
