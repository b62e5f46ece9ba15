/**
 * The Omie simulator in its own process (`ness-data omie-sim`), so its CPU work never shares the
 * bench's event loop: floors and measures both pay the same server on the other core.
 */
import { DEMO_APP_KEY, DEMO_APP_SECRET } from '../../src/main/omie-sim/index';
import { startCli } from './child';

export const SIM_APP_KEY = DEMO_APP_KEY;
export const SIM_APP_SECRET = DEMO_APP_SECRET;

export interface SimProcessOptions {
  clients: number;
  seed?: number;
  /** Receivable months to generate (the clients measures need none). */
  months?: number;
  rateLimit?: number;
  maxConcurrent?: number;
}

export interface SimProcess {
  /** http://127.0.0.1:PORT/api/v1 */
  url: string;
  clients: number;
  pid: number;
  /** POST /__sim/{op} with a JSON body (the control surface); the op's JSON answer. */
  control<T = unknown>(op: string, body?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

export async function startSimProcess(options: SimProcessOptions): Promise<SimProcess> {
  const args = ['omie-sim', '--port', '0', '--clients', String(options.clients), '--seed', String(options.seed ?? 1), '--months', String(options.months ?? 0)];
  args.push('--app-key', SIM_APP_KEY, '--app-secret', SIM_APP_SECRET);
  if (options.rateLimit !== undefined) args.push('--rate-limit', String(options.rateLimit));
  if (options.maxConcurrent !== undefined) args.push('--max-concurrent', String(options.maxConcurrent));
  const started = await startCli(args, {}, /listening on (http:\/\/\S+)/, 'omie-sim');
  const url = started.match[1] as string;
  const origin = url.replace(/\/api\/v1$/, '');
  return {
    url,
    clients: options.clients,
    pid: started.child.pid as number,
    async control<T>(op: string, body: Record<string, unknown> = {}): Promise<T> {
      const res = await fetch(`${origin}/__sim/${op}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const parsed = (await res.json()) as T;
      if (!res.ok) throw new Error(`simulator control ${op} failed: ${JSON.stringify(parsed)}`);
      return parsed;
    },
    stop: started.stop,
  };
}
