import type { Command } from 'commander';
import { serveConsole, untilInterrupted } from '../../transport/serve-console';
import { badInput, fail, type GlobalOptions, resolveDbUrl, withDb } from '../runtime';

interface ServeOptions {
  host: string;
  port?: string;
  scheduler?: boolean;
}

export function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw badInput(`--port must be a number from 0 to 65535, got "${text.slice(0, 20)}".`);
  return port;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the console on http://127.0.0.1 (prints the URL with a fresh session token); Ctrl-C stops')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <n>', 'port to bind (default: a free one)')
    .option('--scheduler', 'also run the scheduled jobs (snapshots, aggregates, indices) while serving')
    .action(async (_own: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & ServeOptions>();
      try {
        const port = parsePort(options.port);
        await withDb(options, async (db) => {
          const log = (line: string) => process.stderr.write(`${line}\n`);
          const served = await serveConsole({ db, dbUrl: resolveDbUrl(options), host: options.host, port, scheduler: options.scheduler === true, log });
          if (options.json) process.stdout.write(`${JSON.stringify({ url: served.http.openUrl, host: served.http.host, port: served.http.port })}\n`);
          else process.stdout.write(`${served.http.openUrl}\n`);
          if (!['127.0.0.1', 'localhost', '::1'].includes(served.http.host)) log(`ness-data: warning: serving on ${served.http.host}, reachable from other machines (the token still guards every call).`);
          await untilInterrupted();
          await served.stop();
        });
      } catch (error) {
        fail(options, error);
      }
    });
}
