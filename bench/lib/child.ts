/**
 * Child processes of the bench: the CLI started and awaited by its ready line (shared with the e2e
 * fixture, test/helpers/cli-process.ts), or run to completion.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { CLI, ROOT } from '../../test/helpers/cli-process';

export { CLI, ROOT, startCli, stopChild, type Started } from '../../test/helpers/cli-process';

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
