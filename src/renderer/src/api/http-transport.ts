import type { CallChannel, CallOutput, DownloadChannel, EventName, Result } from '../../../shared/contract';
import type { ClientTransport } from './transport';

const unreachable = { ok: false as const, error: { code: 'internal' as const, message: 'The console server cannot be reached.' } };

/** Calls `ness-data serve`: POST /api/<channel> with the Bearer token; events over SSE. */
export function httpTransport(token: string | null, base = ''): ClientTransport {
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const post = (channel: CallChannel, input: unknown) =>
    fetch(`${base}/api/${channel}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });

  async function call(channel: CallChannel, input: unknown): Promise<Result<unknown>> {
    let response: Response;
    try {
      response = await post(channel, input);
    } catch {
      return unreachable;
    }
    return readEnvelope(response);
  }

  async function download<C extends DownloadChannel>(channel: C, input: unknown): Promise<Result<CallOutput<C>>> {
    let response: Response;
    try {
      response = await post(channel, input);
    } catch {
      return unreachable;
    }
    if (!response.ok || (response.headers.get('content-type') ?? '').includes('application/json')) {
      return (await readEnvelope(response)) as Result<CallOutput<C>>;
    }
    const filename = filenameOf(response.headers.get('content-disposition')) ?? `${channel.replace(':', '-')}.csv`;
    const blob = await response.blob();
    saveBlob(blob, filename);
    const rows = Number(response.headers.get('x-row-count') ?? '0');
    return { ok: true, data: { path: null, filename, rows } as CallOutput<C> };
  }

  let source: EventSource | null = null;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  function subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
    source ??= new EventSource(`${base}/api/events${token ? `?token=${encodeURIComponent(token)}` : ''}`);
    let set = listeners.get(event);
    if (!set) {
      const created = new Set<(payload: unknown) => void>();
      listeners.set(event, created);
      source.addEventListener(event, (message) => {
        const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
        for (const fn of created) fn(payload);
      });
      set = created;
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  return { kind: 'http', call, download, subscribe };
}

async function readEnvelope(response: Response): Promise<Result<unknown>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, error: { code: 'internal', message: `The console server answered ${response.status} without a result.` } };
  }
  if (typeof body === 'object' && body !== null && 'ok' in body && body.ok === true && 'data' in body) return { ok: true, data: body.data };
  // The contract (and zod with it) is loaded only when a call fails: the first screen does without.
  const contract = await import('../../../shared/contract').catch(() => null);
  const failure = contract?.ErrorEnvelope.safeParse(body);
  if (failure?.success) return failure.data;
  return { ok: false, error: { code: 'internal', message: `The console server answered ${response.status} with an unknown shape.` } };
}

function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}

function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
