/**
 * Deterministic kill points for the reliability suite (test/reliability/crash.test.ts).
 *
 *   NESS_TEST_CRASH_AT=page-commit:2 ness-data sync clients
 *
 * makes the process SIGKILL itself the 2nd time it reaches `crashPoint('page-commit')`, right
 * there, with no cleanup of any kind (no finally blocks, no exit handlers, no flushed buffers) —
 * the same as a power cut or `kill -9` at that line. One marker line goes to stderr first, so the
 * test knows the process died where it was told to.
 *
 * Inert in production: when the variable is unset every call is one cached comparison.
 */
export const CRASH_ENV = 'NESS_TEST_CRASH_AT';

/** Where a run can be told to die (each phase is one call site in the product). */
export const CRASH_PHASES = [
  /** clients sync: the run row is written, no Omie call made yet */
  'before-first-page',
  /** Omie client: a page's answer arrived (headers), its body not read yet */
  'page-in-flight',
  /** clients sync: a commit's pages (up to PAGES_PER_COMMIT) and the counters written inside its transaction, not committed */
  'page-commit',
  /** clients sync: a commit done, the next page not taken yet (the next ones may be read ahead) */
  'between-pages',
  /** erp_sync_log: the final status about to be written (the row still says running) */
  'final-log-row',
] as const;
export type CrashPhase = (typeof CRASH_PHASES)[number];

export interface CrashPlan {
  phase: CrashPhase;
  /** 1-based: die on this arrival at the phase. */
  occurrence: number;
}

export const CRASH_MARKER = 'crash-hook: SIGKILL at';

/** "page-commit:2" → plan; unset/empty → null; anything else throws (a mistyped plan must not pass silently). */
export function parseCrashPlan(text: string | undefined): CrashPlan | null {
  if (text === undefined || text.trim() === '') return null;
  const match = /^([a-z-]+):([1-9]\d*)$/.exec(text.trim());
  const phase = match?.[1] as CrashPhase | undefined;
  if (!match || !phase || !CRASH_PHASES.includes(phase)) {
    throw new Error(`${CRASH_ENV} must be <phase>:<occurrence> with a phase among ${CRASH_PHASES.join(', ')}; got "${text.slice(0, 60)}"`);
  }
  return { phase, occurrence: Number(match[2]) };
}

let plan: CrashPlan | null | undefined;
const arrivals = new Map<CrashPhase, number>();

/** Kills this process with SIGKILL when the plan in NESS_TEST_CRASH_AT names this phase and arrival. */
export function crashPoint(phase: CrashPhase): void {
  if (plan === undefined) plan = parseCrashPlan(process.env[CRASH_ENV]);
  if (plan === null || plan.phase !== phase) return;
  const n = (arrivals.get(phase) ?? 0) + 1;
  arrivals.set(phase, n);
  if (n !== plan.occurrence) return;
  // stderr is synchronous for pipes and files on POSIX: the line is out before the signal.
  process.stderr.write(`${CRASH_MARKER} ${phase}:${n}\n`);
  process.kill(process.pid, 'SIGKILL');
}

/** For tests of the hook itself: forget the cached plan and the arrival counts. */
export function resetCrashHook(): void {
  plan = undefined;
  arrivals.clear();
}
