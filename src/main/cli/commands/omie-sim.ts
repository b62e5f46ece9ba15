import type { Command } from 'commander';
import { type OmieSimOptions, SIM_FAULT_KINDS, type SimFaultKind, type SimLimits, startOmieSim } from '../../omie-sim';
import { badInput, fail, type GlobalOptions } from '../runtime';

interface OmieSimFlags {
  port?: string;
  host?: string;
  seed?: string;
  clients?: string;
  months?: string;
  lastMonth?: string;
  appKey?: string;
  appSecret?: string;
  latency?: string;
  rateLimit?: string;
  maxConcurrent?: string;
  redundancyWindow?: string;
  blockAfter?: string;
  blockSeconds?: string;
  faultRate?: string;
  faults?: string;
  noRecordsWording?: string;
}

function int(name: string, text: string | undefined, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < min || Number(text) > max) throw badInput(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return Number(text);
}

/** Turns the flags into simulator options; any bad value is a usage error (exit 2). */
function simOptionsFromFlags(f: OmieSimFlags): OmieSimOptions {
  const rate = f.faultRate === undefined ? undefined : Number(f.faultRate);
  if (rate !== undefined && (!Number.isFinite(rate) || rate < 0 || rate > 1 || f.faultRate?.trim() === '')) throw badInput(`--fault-rate must be a number from 0 to 1, got "${f.faultRate}"`);
  const kinds = f.faults === undefined ? undefined : (f.faults.split(',').map((k) => k.trim()).filter((k) => k !== '') as SimFaultKind[]);
  for (const kind of kinds ?? []) {
    if (!SIM_FAULT_KINDS.includes(kind)) throw badInput(`--faults: unknown kind "${kind}" (known: ${SIM_FAULT_KINDS.join(', ')})`);
  }
  if ((f.appKey === undefined) !== (f.appSecret === undefined)) throw badInput('--app-key and --app-secret go together');
  if (f.lastMonth !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(f.lastMonth)) throw badInput(`--last-month must be YYYY-MM, got "${f.lastMonth}"`);
  if (f.noRecordsWording !== undefined && f.noRecordsWording !== 'registros' && f.noRecordsWording !== 'cadastros') {
    throw badInput(`--no-records-wording must be "registros" or "cadastros", got "${f.noRecordsWording}"`);
  }
  const limits: Partial<SimLimits> = {};
  const set = (key: keyof SimLimits, value: number | undefined) => {
    if (value !== undefined) limits[key] = value;
  };
  set('requestsPerMinute', int('rate-limit', f.rateLimit));
  set('maxConcurrentPerMethod', int('max-concurrent', f.maxConcurrent));
  set('redundancyWindowSec', int('redundancy-window', f.redundancyWindow));
  set('blockAfterConsecutiveErrors', int('block-after', f.blockAfter));
  set('blockSeconds', int('block-seconds', f.blockSeconds));
  return {
    port: int('port', f.port, 0, 65535) ?? 0,
    host: f.host ?? '127.0.0.1',
    seed: int('seed', f.seed),
    clients: int('clients', f.clients, 0, 2_000_000),
    months: int('months', f.months, 0, 600),
    lastMonth: f.lastMonth,
    appKey: f.appKey,
    appSecret: f.appSecret,
    latencyMs: int('latency', f.latency),
    limits,
    faults: { rate: rate ?? (kinds ? 0.1 : 0), kinds: kinds ?? [] },
    noRecordsWording: f.noRecordsWording as 'registros' | 'cadastros' | undefined,
  };
}

export function registerOmieSim(program: Command): void {
  program
    .command('omie-sim')
    .description('run the Omie API simulator (seeded pt-BR data, switchable limits and faults) until Ctrl-C')
    .option('--port <n>', 'port (0 = any free port)', '0')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--seed <n>', 'data seed (same seed, same data)', '1')
    .option('--clients <n>', 'number of customers', '200')
    .option('--months <n>', 'months of receivable titles', '12')
    .option('--last-month <YYYY-MM>', 'last month with titles (default: the current Brasília month)')
    .option('--app-key <key>', 'accepted app_key (else OMIE_APP_KEY, else the demo key)')
    .option('--app-secret <secret>', 'accepted app_secret (else OMIE_APP_SECRET, else the demo secret)')
    .option('--latency <ms>', 'added to every response')
    .option('--rate-limit <n>', 'requests per minute per method (429 above)')
    .option('--max-concurrent <n>', 'calls of one method in flight (1880 above)')
    .option('--redundancy-window <s>', 'identical request within S seconds → "Consumo redundante"')
    .option('--block-after <n>', 'consecutive faults before a 425 block')
    .option('--block-seconds <s>', 'length of the 425 block (default 1800)')
    .option('--fault-rate <r>', 'probability 0..1 of a random fault per call')
    .option('--faults <kinds>', `comma-separated fault kinds for random faults: ${SIM_FAULT_KINDS.join(',')}`)
    .option('--no-records-wording <w>', '5113 wording: registros | cadastros')
    .action(async (flags: OmieSimFlags, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      try {
        const sim = await startOmieSim(simOptionsFromFlags(flags));
        if (options.json) process.stdout.write(`${JSON.stringify({ url: sim.url, port: sim.port })}\n`);
        else process.stdout.write(`Omie simulator listening on ${sim.url}\n`);
        process.stderr.write(`omie-sim: control surface at ${sim.url.replace(/\/api\/v1$/, '')}/__sim/{op}; Ctrl-C to stop\n`);
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve();
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        await sim.close();
      } catch (error) {
        fail(options, error instanceof RangeError ? badInput(error.message) : error);
      }
    });
}
