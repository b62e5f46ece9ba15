import type { CallChannel, CallOutput, DownloadChannel, EventName, Result } from '../../../shared/contract';

/** What the client needs from a transport (IPC through the preload, or HTTP to `ness-data serve`). */
export interface ClientTransport {
  readonly kind: 'ipc' | 'http';
  call(channel: CallChannel, input: unknown): Promise<Result<unknown>>;
  /** IPC: main shows a save dialog and returns the path; HTTP: the browser downloads the file. */
  download<C extends DownloadChannel>(channel: C, input: unknown): Promise<Result<CallOutput<C>>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}
