import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { DB } from '../db/schema';
import { runSchedulerWhileEnabled, type SchedulerSwitch } from '../settings/scheduler-switch';
import { envVault } from '../settings/secret-vault';
import { type AppRuntime, type AppRuntimeOptions, createAppRuntime } from './app-runtime';
import { type RunningHttpServer, startHttpServer } from './http-server';

/** The project's root (package.json, out/renderer), from this file's place in src/main/transport. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function packageVersion(): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));
    return parsed && typeof parsed === 'object' && 'version' in parsed && typeof parsed.version === 'string' ? parsed.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export interface ServeConsoleOptions {
  db: Kysely<DB>;
  dbUrl: string;
  host?: string;
  port?: number;
  /** Run the scheduled jobs while serving (off by default under serve). */
  scheduler?: boolean;
  rendererDir?: string;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  log?: (line: string) => void;
  omieOptions?: AppRuntimeOptions['omieOptions'];
}

export interface ServedConsole {
  runtime: AppRuntime;
  http: RunningHttpServer;
  /** Stops the scheduler, cancels running syncs and closes the server (not the database). */
  stop(): Promise<void>;
}

/** `ness-data serve`: the console over HTTP on loopback, secrets from the environment. */
export async function serveConsole(options: ServeConsoleOptions): Promise<ServedConsole> {
  const runtime = createAppRuntime({
    db: options.db,
    dbUrl: options.dbUrl,
    transport: 'http',
    vault: envVault(options.env ?? process.env),
    version: packageVersion(),
    clock: options.clock,
    log: options.log,
    omieOptions: options.omieOptions,
  });
  const http = await startHttpServer(runtime, {
    host: options.host,
    port: options.port,
    rendererDir: options.rendererDir ?? join(PACKAGE_ROOT, 'out', 'renderer'),
  });
  const scheduler: SchedulerSwitch | null = options.scheduler ? runSchedulerWhileEnabled(runtime, { log: options.log }) : null;
  return {
    runtime,
    http,
    async stop() {
      await scheduler?.stop();
      await runtime.syncJobs.stopAll();
      await http.close();
    },
  };
}

/** Resolves on the first Ctrl-C / SIGTERM. */
export function untilInterrupted(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
