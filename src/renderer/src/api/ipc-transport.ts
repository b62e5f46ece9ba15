import type { CallOutput, DownloadChannel, Result } from '../../../shared/contract';
import type { NessDataBridge } from './bridge';
import type { ClientTransport } from './transport';

/** Calls main through the preload bridge; main answers with the contract's envelope (a refused call becomes one too). */
export function ipcTransport(bridge: NessDataBridge): ClientTransport {
  const invoke = async <T>(channel: string, input: unknown): Promise<Result<T>> => {
    try {
      return (await bridge.invoke(channel, input)) as Result<T>;
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
    }
  };
  return {
    kind: 'ipc',
    call: (channel, input) => invoke<unknown>(channel, input),
    download: <C extends DownloadChannel>(channel: C, input: unknown) => invoke<CallOutput<C>>(channel, input),
    subscribe: (event, listener) => bridge.on(event, listener),
  };
}
