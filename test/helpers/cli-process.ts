/**
 * The CLI (`bin/ness-data.mjs`) as a child process, the one place the tests, the end-to-end fixture
 * and the benchmarks start it:
 * - `startCli`: started and awaited by its ready line on stdout (never a sleep), stopped with a
 *   bounded shutdown (SIGTERM, then SIGKILL) and only by its own pid (the e2e fixture, the bench);
 * - `spawnCli` / `runCli`: started and watched as it runs — stdout and stderr collected, a stderr
 *   line awaited, killed by signal, its exit code and signal once it closes (the Vitest suites).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'bin', 'ness-data.mjs');
const STOP_TIMEOUT_MS = 5_000;

export interface Started {
  child: ChildProcess;
  match: RegExpMatchArray;
  stop(): Promise<void>;
}

/** Stops a child: SIGTERM, then SIGKILL after 5 s; resolves once it has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), STOP_TIMEOUT_MS).unref());
  if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Spawns `node bin/ness-data.mjs …args` and resolves once a stdout line matches `ready`; rejects if it exits or times out first. */
export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  name: string,
  readyTimeoutMs = 180_000,
): Promise<Started> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = () => stopChild(child);
  return new Promise<Started>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${name} did not print its ready line within ${readyTimeoutMs / 1000} s. stderr:\n${stderr}`));
    }, readyTimeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = ready.exec(line.trim());
      if (match) {
        clearTimeout(timer);
        resolvePromise({ child, match, stop });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? code}) before it was ready. stderr:\n${stderr}`));
    });
  });
}

// ── a CLI run watched from start to finish ──────────────────────────────────────────────────
export interface CliOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliRun extends CliOutcome {
  pid: number;
  kill(signal: NodeJS.Signals): void;
  /** Resolves when a line of stderr matches (rejects when the process ends first). */
  stderrLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  done: Promise<CliOutcome>;
}

/** The environment of a child: this one's, minus anything that would steer it elsewhere, plus `extra`. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NESS_DATA_DB: '' };
  for (const key of ['NESS_TEST_CRASH_AT', 'OMIE_APP_KEY', 'OMIE_APP_SECRET', 'OMIE_BASE_URL', 'OMIE_PAGE_SIZE']) delete env[key];
  return { ...env, ...extra };
}

/** Spawns `node bin/ness-data.mjs …args` with exactly `env`; its fields fill in as it runs and closes. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = childEnv(), cwd = ROOT): CliRun {
  const child = spawn(process.execPath, [CLI, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const waiters: { pattern: RegExp; resolve: (line: string) => void; reject: (e: Error) => void }[] = [];
  let pending = '';
  const run: CliRun = {
    code: null,
    signal: null,
    stdout: '',
    stderr: '',
    pid: child.pid ?? -1,
    kill: (signal) => {
      if (run.code === null && run.signal === null) child.kill(signal);
    },
    stderrLine(pattern, timeoutMs = 60_000) {
      const seen = run.stderr.split('\n').find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error(`no stderr line matching ${pattern} within ${timeoutMs} ms:\n${run.stderr}`)), timeoutMs);
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolvePromise(line);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
      });
    },
    done: undefined as unknown as Promise<CliOutcome>,
  };
  child.stdout.on('data', (chunk: Buffer) => {
    run.stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    run.stderr += text;
    pending += text;
    let cut: number;
    while ((cut = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, cut);
      pending = pending.slice(cut + 1);
      for (const w of [...waiters]) {
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  run.done = once(child, 'close').then(([code, signal]) => {
    run.code = code as number | null;
    run.signal = signal as NodeJS.Signals | null;
    for (const w of waiters.splice(0)) w.reject(new Error(`the process ended (code ${run.code}, signal ${run.signal}) before a line matched ${w.pattern}:\n${run.stderr}`));
    return { code: run.code, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
  });
  return run;
}

/** Runs `node bin/ness-data.mjs …args` to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = childEnv()): Promise<CliOutcome> {
  return spawnCli(args, env).done;
}
