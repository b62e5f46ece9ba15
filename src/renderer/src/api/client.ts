import type { CallChannel, CallInput, CallOutput, DownloadChannel, EventName, EventPayload, Result } from '../../../shared/contract';
import { ApiError } from './api-error';
import { desktopBridge } from './bridge';
import { httpTransport } from './http-transport';
import { ipcTransport } from './ipc-transport';
import { sessionToken } from './session-token';
import type { ClientTransport } from './transport';

/** Channels whose input may be left out (every field optional). */
type OptionalInputChannel = { [C in CallChannel]: undefined extends CallInput<C> ? C : never }[CallChannel];
type CallArgs<C extends CallChannel> = C extends OptionalInputChannel ? [input?: CallInput<C>] : [input: CallInput<C>];

export interface ApiClient {
  readonly transport: 'ipc' | 'http';
  /** One call of the contract; rejects with ApiError. */
  call<C extends CallChannel>(channel: C, ...args: CallArgs<C>): Promise<CallOutput<C>>;
  /** A file export: a save dialog in the desktop app, a browser download otherwise. */
  download<C extends DownloadChannel>(channel: C, input: CallInput<C>): Promise<CallOutput<C>>;
  /** Listens to a push event; returns the unsubscribe function. */
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.data;
  throw new ApiError(result.error.code, result.error.message);
}

export function createApiClient(transport: ClientTransport): ApiClient {
  return {
    transport: transport.kind,
    call: async <C extends CallChannel>(channel: C, ...args: CallArgs<C>) =>
      unwrap((await transport.call(channel, args[0] ?? {})) as Result<CallOutput<C>>),
    download: async (channel, input) => unwrap(await transport.download(channel, input)),
    subscribe: (event, listener) => transport.subscribe(event, listener as (payload: unknown) => void),
  };
}

/** IPC when the preload bridge exists (desktop), HTTP to the serving origin otherwise (browser). */
export function defaultTransport(): ClientTransport {
  const bridge = desktopBridge();
  return bridge ? ipcTransport(bridge) : httpTransport(sessionToken());
}
