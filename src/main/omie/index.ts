/**
 * The Omie client: ListarClientes and ListarContasReceber as async generators of parsed pages,
 * with the transport policy of omie-api.md §4–§5 (faults on every status, waits, backoff,
 * 425 circuit breaker, pacing per app key and method, cancellation) and no secret ever let out.
 */
import { AppError } from '../../shared/errors';
import { systemClock } from '../clock';
import { cachedBlockStore, omieScope } from './block';
import { createCaller } from './caller';
import { clientesParams, contasReceberParams } from './filters';
import { warmAnswerDecoder, workerDecoder } from './answer-decoder';
import type { RecordParser } from './decode-answer';
import { paginate, type ListSpec } from './paginate';
import { makeScrub } from './secret';
import type { OmieClient, OmieClientOptions, RunOptions } from './types';

export type * from './types';
export { OmieError, type OmieFaultKind } from './omie-error';
export { omieScope, memoryBlockStore, forgetKnownBlocks } from './block';
export { resetPacing } from './pacer';

/** How long a client trusts its last read of the BlockStore (another process's 425 is seen within this). */
const BLOCK_STORE_READ_EVERY_MS = 15_000;

export const DEFAULT_OMIE_BASE_URL = 'https://app.omie.com.br/api/v1';

export function createOmieClient(options: OmieClientOptions): OmieClient {
  const appKey = options.appKey.trim();
  const appSecret = options.appSecret.trim();
  if (!appKey || !appSecret) throw new AppError('omie_not_configured', 'Omie app key and app secret are both required.');
  const scrub = makeScrub(appKey, appSecret);
  const userLog = options.log;
  const log = (line: string) => userLog?.(scrub(line));
  const base = (options.baseUrl || process.env.OMIE_BASE_URL || DEFAULT_OMIE_BASE_URL).replace(/\/+$/, '');
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? 500));

  const call = createCaller({
    baseUrl: base,
    appKey,
    appSecret,
    scope: omieScope(appKey),
    clock: options.clock ?? systemClock,
    requestsPerMinute: Math.max(0, options.requestsPerMinute ?? 200),
    maxInFlightPerMethod: Math.max(1, options.maxInFlightPerMethod ?? 1),
    requestTimeoutMs: Math.max(1, options.requestTimeoutMs ?? 60_000),
    maxAttempts: Math.max(1, Math.floor(options.maxAttempts ?? 6)),
    backoff: options.backoff ?? { baseMs: 1000, capMs: 60_000 },
    blockStore: options.blockStore && cachedBlockStore(options.blockStore, () => (options.clock ?? systemClock).now(), BLOCK_STORE_READ_EVERY_MS),
    log,
    random: options.random ?? Math.random,
    scrub,
    decode: workerDecoder({ appKey, appSecret }, scrub),
  });
  warmAnswerDecoder();

  // Filters are checked on the first next(), so every failure comes through the iteration.
  async function* listing<P extends RecordParser>(spec: Omit<ListSpec<P>, 'params'>, params: () => Record<string, unknown>, run?: RunOptions) {
    yield* paginate(call, { ...spec, params: params() }, pageSize, log, run);
  }

  return {
    listarClientes: (filters, run) =>
      listing(
        { method: 'ListarClientes', url: `${base}/geral/clientes/`, listKey: 'clientes_cadastro', parser: 'cliente' },
        () => clientesParams(filters),
        run,
      ),
    listarContasReceber: (filters, run) =>
      listing(
        { method: 'ListarContasReceber', url: `${base}/financas/contareceber/`, listKey: 'conta_receber_cadastro', parser: 'titulo' },
        () => contasReceberParams(filters),
        run,
      ),
  };
}

/** OMIE_APP_KEY / OMIE_APP_SECRET / OMIE_BASE_URL from the environment; throws omie_not_configured when a key is missing. */
export function omieClientFromEnv(extra: Partial<OmieClientOptions> = {}): OmieClient {
  const appKey = extra.appKey ?? process.env.OMIE_APP_KEY ?? '';
  const appSecret = extra.appSecret ?? process.env.OMIE_APP_SECRET ?? '';
  if (!appKey.trim() || !appSecret.trim()) {
    throw new AppError('omie_not_configured', 'Omie is not configured: set OMIE_APP_KEY and OMIE_APP_SECRET.');
  }
  return createOmieClient({ ...extra, appKey, appSecret, baseUrl: extra.baseUrl || process.env.OMIE_BASE_URL || undefined });
}
