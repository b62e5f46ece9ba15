import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what survived the last full collection, for the console's
 * own processes (the CLI, `serve`, the desktop app's main process). V8's default factor rises
 * towards 4× while a process allocates quickly, and a sync allocates fast and keeps little: each
 * Omie page arrives as a ~1.5 MB string (born in the old generation) that is garbage once parsed.
 * Left at the default, a 100k-client sync's resident memory kept growing with the run (peak RSS
 * ~340 MB vs ~220 MB for 10k clients); at 1.5× it stays near its live size (~245 vs ~215 MB),
 * for ~10 % more CPU in an unpaced sync (none visible in a paced one). No hard limit is set: a big
 * month's reconciliation or CSV still gets the memory it needs.
 */
export const HEAP_GROWING_PERCENT = 50;

export function applyHeapPolicy(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
