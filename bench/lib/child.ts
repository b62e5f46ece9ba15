/**
 * Child processes of the bench: the CLI (`bin/ness-data.mjs`) started and awaited by its ready line
 * on stdout, or run to completion. Every child is stopped with a bounded shutdown (SIGTERM, then
 * SIGKILL) and only by its own pid.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'bin', 'ness-data.mjs');
const READY_TIMEOUT_MS = 180_000;
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

/** Spawns `node bin/ness-data.mjs …args` and resolves once a stdout line matches `ready`. */
export function startCli(args: string[], env: NodeJS.ProcessEnv, ready: RegExp, name: string): Promise<Started> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = () => stopChild(child);
  return new Promise<Started>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${name} did not print its ready line within ${READY_TIMEOUT_MS / 1000} s. stderr:\n${stderr}`));
    }, READY_TIMEOUT_MS);
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

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs `node [nodeArgs] bin/ness-data.mjs …args` to completion. `onSpawn` gets the child right after
 * it starts (e.g. to sample its memory).
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv, options: { nodeArgs?: string[]; onSpawn?: (child: ChildProcess) => void } = {}): Promise<Finished> {
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  options.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-8000)));
  return new Promise((done, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => done({ code, stdout, stderr, ms: performance.now() - started }));
  });
}
