/** One POST to Omie with undici: a per-request timeout combined with the caller's AbortSignal. */
import { request } from 'undici';
import { cancelledError } from '../clock';
import { crashPoint } from '../testing/crash-hook';

export interface RawAnswer {
  status: number;
  /** The body as it came (decoded as UTF-8 where it is read, off the caller's thread). */
  bytes: Uint8Array;
  contentType: string;
}

/** A transport failure: no answer arrived (kind network) or not in time (kind timeout). */
export class TransportFailure extends Error {
  constructor(
    readonly kind: 'network' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

export async function postJson(url: string, body: string, timeoutMs: number, signal?: AbortSignal): Promise<RawAnswer> {
  if (signal?.aborted) throw cancelledError();
  const timeout = AbortSignal.timeout(Math.max(1, timeoutMs));
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'ness-data' },
      body,
      signal: combined,
    });
    crashPoint('page-in-flight');
    const contentType = String(res.headers['content-type'] ?? '');
    const bytes = await res.body.bytes();
    return { status: res.statusCode, bytes, contentType };
  } catch (error) {
    if (signal?.aborted) throw cancelledError();
    if (timeout.aborted) throw new TransportFailure('timeout', `no answer within ${timeoutMs} ms`);
    throw new TransportFailure('network', describe(error));
  }
}

/** undici errors carry a code (ECONNREFUSED, UND_ERR_SOCKET …) and a message; never the request body. */
function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const cause = (error as { cause?: unknown }).cause;
    const causeCode = cause && typeof cause === 'object' ? (cause as { code?: unknown }).code : undefined;
    return [typeof code === 'string' ? code : null, typeof causeCode === 'string' ? causeCode : null, error.message]
      .filter(Boolean)
      .join(': ');
  }
  return String(error);
}
