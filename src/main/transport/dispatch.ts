import { type CallChannel, type CallResult, contract, isCallChannel, type Result } from '../../shared/contract';
import { toErrorShape } from '../../shared/errors';
import type { AppRuntime } from './app-runtime';
import { handlers } from './handlers';

/** A file a handler hands to the transport: IPC saves it through a dialog, HTTP sends it as a download. */
export interface FileDelivery {
  filename: string;
  contentType: string;
  body: string | Uint8Array;
  rows: number;
}

/** What one call's handler sees: the process's runtime and how to deliver a file. */
export interface HandlerContext {
  app: AppRuntime;
  /** Returns the saved path (IPC), or null (cancelled dialog; HTTP sends the file itself). */
  deliverFile(file: FileDelivery): Promise<string | null>;
}

/**
 * One call, whatever the transport: parse the input with the channel's schema, run its handler,
 * wrap the outcome. Never throws: a malformed input is { ok:false, error:{ code:'bad_input' } }.
 */
export async function dispatch(channel: string, rawInput: unknown, ctx: HandlerContext): Promise<Result<unknown>> {
  if (!isCallChannel(channel)) return { ok: false, error: { code: 'not_found', message: `Unknown call "${channel.slice(0, 60)}".` } };
  return dispatchKnown(channel, rawInput, ctx);
}

async function dispatchKnown<C extends CallChannel>(channel: C, rawInput: unknown, ctx: HandlerContext): Promise<CallResult<C>> {
  const parsed = contract[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: toErrorShape(parsed.error) };
  try {
    const handler = handlers[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
    const data = await handler(parsed.data, ctx);
    return { ok: true, data } as CallResult<C>;
  } catch (error) {
    return { ok: false, error: toErrorShape(error) };
  }
}
