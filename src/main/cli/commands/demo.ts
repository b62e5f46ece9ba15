import type { Command } from 'commander';
import { startDemo } from '../../demo/run-demo';
import { untilInterrupted } from '../../transport/serve-console';
import { badInput, fail, type GlobalOptions } from '../runtime';
import { parsePort } from './serve';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('start an Omie simulator and a seeded SQLite database in a temp dir, run the first syncs and serve the console; Ctrl-C stops')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <n>', 'port to bind (default: a free one)')
    .option('--clients <n>', 'customers in the simulator', '1500')
    .action(async (_own: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions & { host: string; port?: string; clients: string }>();
      try {
        const clients = Number(options.clients);
        if (!Number.isInteger(clients) || clients < 10 || clients > 200_000) throw badInput('--clients must be an integer from 10 to 200000.');
        const log = (line: string) => process.stderr.write(`${line}\n`);
        log('demo: preparing the simulator, the database and the first syncs…');
        const demo = await startDemo({ host: options.host, port: parsePort(options.port), clients, log });
        const url = demo.served.http.openUrl;
        if (options.json) process.stdout.write(`${JSON.stringify({ url, database: demo.dbUrl, omieSimulator: demo.sim.url })}\n`);
        else process.stdout.write(`${url}\n`);
        log('demo: open the URL above in a browser; Ctrl-C stops the console, the simulator and removes the demo database.');
        await untilInterrupted();
        await demo.stop();
      } catch (error) {
        fail(options, error);
      }
    });
}
