/**
 * One Omie call with the whole transport policy: block check, pacing, HTTP, fault reading,
 * bounded retries with the right wait per fault class, progress before every wait.
 */
import { cancelledError, type Clock } from '../clock';
import { assertNotBlocked, blockedError, recordBlock } from './block';
import type { AnswerDecoder, DecodedAnswer } from './answer-decoder';
import type { ListDecoding } from './decode-answer';
import { looksLikeData, type Fault } from './faults';
import { postJson, TransportFailure, type RawAnswer } from './http';
import { OmieError } from './omie-error';
import { acquireSlot } from './pacer';
import { RETRYABLE, blockEnd, waitFor, type Backoff } from './retry-policy';
import type { Scrub } from './secret';
import type { BlockStore, OmieMethod, OmieWait } from './types';

export interface CallerConfig {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  scope: string;
  clock: Clock;
  requestsPerMinute: number;
  maxInFlightPerMethod: number;
  requestTimeoutMs: number;
  maxAttempts: number;
  backoff: Backoff;
  blockStore?: BlockStore;
  log: (line: string) => void;
  random: () => number;
  scrub: Scrub;
  /** Reads each answer (and a listing's records): answer-decoder.ts. */
  decode: AnswerDecoder;
}

export interface CallHooks {
  signal?: AbortSignal;
  /** Told before every wait (pacing, retry) so the UI can show a countdown. */
  onWait?: (wait: OmieWait) => void;
  /** For messages: "ListarClientes page 3". */
  label: string;
  /** Told when an attempt's answer has arrived and looks like data (faults.ts looksLikeData), before it is decoded. */
  onLikelyData?: () => void;
  /** A listing's records to read from an ok answer (taken out of its body, read after the answer). */
  list?: ListDecoding;
}

/** An ok answer as the decoder hands it over (a listing's records on their way), or the end of the data. */
export type CallResult = Extract<DecodedAnswer, { kind: 'ok' }> | { kind: 'end_of_data' };

export function createCaller(config: CallerConfig) {
  const { clock, scrub, log } = config;

  async function wait(ms: number, reason: string, hooks: CallHooks): Promise<void> {
    hooks.onWait?.({ ms, until: clock.now() + ms, reason });
    await clock.sleep(ms, hooks.signal);
  }

  function describe(fault: Fault): string {
    const code = fault.faultcode ? `${fault.faultcode} ` : '';
    return scrub(`${code}${fault.text}`.trim()).slice(0, 300);
  }

  function finalError(fault: Fault, hooks: CallHooks, attempts: number): OmieError {
    const where = hooks.label;
    switch (fault.kind) {
      case 'auth':
        return new OmieError('omie_auth', 'auth', `Omie refused the app key/secret (HTTP ${fault.status}) on ${where}: ${describe(fault)}`, {
          status: fault.status,
        });
      case 'unknown_tag':
        return new OmieError('omie_protocol', 'unknown_tag', `Omie does not know the tag "${scrub(fault.tag ?? '?')}" sent by ${where} (a client bug): ${describe(fault)}`, {
          tag: scrub(fault.tag ?? '?'),
        });
      case 'protocol':
        return new OmieError('omie_protocol', 'protocol', `Omie answered ${where} with something the client cannot use (HTTP ${fault.status}): ${describe(fault)}`, {
          status: fault.status,
        });
      default:
        return new OmieError(
          'omie_unavailable',
          fault.kind,
          `Omie kept failing on ${where} after ${attempts} attempt(s); last: ${fault.kind} — ${describe(fault)}`,
          { attempts, lastFault: fault.kind, status: fault.status },
        );
    }
  }

  /** The call slot is held for the HTTP exchange only: the next call may start while this answer is decoded. */
  async function attemptOnce(url: string, method: OmieMethod, body: string, hooks: CallHooks): Promise<DecodedAnswer> {
    const release = await acquireSlot(`${config.scope}:${method}`, {
      maxInFlight: config.maxInFlightPerMethod,
      perMinute: config.requestsPerMinute,
      clock,
      signal: hooks.signal,
      onWait: (ms) => hooks.onWait?.({ ms, until: clock.now() + ms, reason: 'pacing' }),
    });
    let raw: RawAnswer;
    try {
      raw = await postJson(url, body, config.requestTimeoutMs, hooks.signal);
    } catch (error) {
      if (error instanceof TransportFailure) {
        return { kind: error.kind, status: 0, faultcode: null, text: error.message } satisfies Fault;
      }
      throw error;
    } finally {
      release();
    }
    if (looksLikeData(raw.status, raw.bytes)) hooks.onLikelyData?.();
    return config.decode(raw, hooks.list);
  }

  return async function call(
    url: string,
    method: OmieMethod,
    param: Record<string, unknown>,
    hooks: CallHooks,
  ): Promise<CallResult> {
    const body = JSON.stringify({ call: method, app_key: config.appKey, app_secret: config.appSecret, param: [param] });
    for (let attempt = 1; ; attempt++) {
      if (hooks.signal?.aborted) throw cancelledError();
      await assertNotBlocked(config.scope, clock.now(), config.blockStore, log);
      const answer = await attemptOnce(url, method, body, hooks);
      if (answer.kind === 'ok') return answer;
      if (answer.kind === 'end_of_data') return { kind: 'end_of_data' };
      const fault = answer;
      if (fault.kind === 'blocked') {
        const until = blockEnd(fault, clock.now());
        await recordBlock(config.scope, until, config.blockStore, log);
        log(`omie: ${hooks.label}: blocked (425) until ${new Date(until).toISOString()} — not retrying`);
        throw blockedError(until, describe(fault));
      }
      if (!RETRYABLE.has(fault.kind)) {
        log(`omie: ${hooks.label}: ${fault.kind} — ${describe(fault)} — not retrying`);
        throw finalError(fault, hooks, attempt);
      }
      if (attempt >= config.maxAttempts) {
        log(`omie: ${hooks.label}: ${fault.kind} — giving up after ${attempt} attempt(s)`);
        throw finalError(fault, hooks, attempt);
      }
      const ms = waitFor(fault, attempt, clock.now(), config.backoff, config.random);
      log(`omie: ${hooks.label}: ${fault.kind} (attempt ${attempt}/${config.maxAttempts}) — waiting ${Math.ceil(ms / 1000)} s: ${describe(fault)}`);
      await wait(ms, fault.kind, hooks);
    }
  };
}

export type OmieCall = ReturnType<typeof createCaller>;
