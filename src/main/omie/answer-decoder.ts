/**
 * Omie answers decoded on a worker thread (decode-answer.ts there): JSON.parse of a 500-record page
 * and the reading of its records, ~5 ms a page, leave the sync's thread, which has the database
 * writes to do meanwhile. The answer comes back before the records, so the caller has its retry
 * decision early (the pager asks for its next page sooner still: caller.ts onLikelyData).
 *
 * One worker per process, started by the first client made (it loads while the first request is
 * under way), unref'd while it has nothing to decode so it never holds a process open, and started
 * again if it dies. The secrets go to it with each answer (to scrub skipped records' excerpts) and
 * never come back in a failure's text.
 */
import { Worker } from 'node:worker_threads';
import type { ListDecoding, ListRecords, ReadAnswer } from './decode-answer';
import type { Answer } from './faults';
import type { RawAnswer } from './http';
import type { Scrub } from './secret';

export interface DecodeRequest {
  id: number;
  raw: RawAnswer;
  list?: ListDecoding;
  secrets: { appKey: string; appSecret: string };
}
export type DecodeReply = { id: number; answer: ReadAnswer } | { id: number; records: ListRecords } | { id: number; failure: string };

/** An answer as the caller gets it: a listing's records still on their way when it arrives. */
export type DecodedAnswer =
  | Exclude<Answer, { kind: 'ok' }>
  | { kind: 'ok'; body: Record<string, unknown>; list?: { count: number; records: Promise<ListRecords> } };

export type AnswerDecoder = (raw: RawAnswer, list?: ListDecoding) => Promise<DecodedAnswer>;

/** Beside this module in the sources (a tsx loader); beside the main bundle in the desktop build. */
const THREAD_URL = new URL('./omie-decoder.js', import.meta.url);

/** What a request waits for next: its answer, then (a listing's) its records. */
type Waiting =
  | { next: 'answer'; resolve: (answer: DecodedAnswer) => void; reject: (error: Error) => void; scrub: Scrub }
  | { next: 'records'; resolve: (records: ListRecords) => void; reject: (error: Error) => void; scrub: Scrub };

/** One worker and the requests it has been sent; referenced (keeps the process up) only while it has some. */
class DecoderThread {
  private readonly worker = new Worker(THREAD_URL);
  private readonly waiting = new Map<number, Waiting>();
  private lastId = 0;

  constructor(onGone: (self: DecoderThread) => void) {
    this.worker.on('message', (reply: DecodeReply) => this.settle(reply));
    const gone = (why: string) => {
      onGone(this);
      for (const w of this.waiting.values()) w.reject(new Error(`The Omie answer decoder stopped: ${w.scrub(why)}`));
      this.waiting.clear();
    };
    this.worker.on('error', (error) => gone(error.message));
    this.worker.on('exit', (code) => gone(`its thread exited (code ${code})`));
    this.worker.unref(); // after the listeners: adding a 'message' listener refs the worker again
  }

  decode(request: Omit<DecodeRequest, 'id'>, scrub: Scrub): Promise<DecodedAnswer> {
    return new Promise((resolve, reject) => {
      const id = ++this.lastId;
      this.waiting.set(id, { next: 'answer', resolve, reject, scrub });
      this.worker.ref();
      // the body's bytes are handed over, not copied (undici reads each body into its own buffer)
      this.worker.postMessage({ ...request, id } satisfies DecodeRequest, [request.raw.bytes.buffer as ArrayBuffer]);
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }

  private settle(reply: DecodeReply): void {
    const w = this.waiting.get(reply.id);
    if (!w) return;
    this.waiting.delete(reply.id);
    if ('failure' in reply) w.reject(new Error(`The Omie answer decoder failed: ${w.scrub(reply.failure)}`));
    else if (w.next === 'records' && 'records' in reply) w.resolve(reply.records);
    else if (w.next === 'answer' && 'answer' in reply) w.resolve(this.answered(reply.id, reply.answer, w.scrub));
    if (this.waiting.size === 0) this.worker.unref();
  }

  private answered(id: number, answer: ReadAnswer, scrub: Scrub): DecodedAnswer {
    if (answer.kind !== 'ok' || answer.listed === undefined) return answer;
    const records = new Promise<ListRecords>((resolve, reject) => this.waiting.set(id, { next: 'records', resolve, reject, scrub }));
    records.catch(() => {}); // the pager awaits it later; a failure meanwhile must not count as unhandled
    return { kind: 'ok', body: answer.body, list: { count: answer.listed, records } };
  }
}

let thread: DecoderThread | null = null;

function running(): DecoderThread {
  thread ??= new DecoderThread((gone) => {
    if (thread === gone) thread = null;
  });
  return thread;
}

/** Starts the worker ahead of the first answer. */
export function warmAnswerDecoder(): void {
  running();
}

/** A decoder for one app key's answers. */
export function workerDecoder(secrets: DecodeRequest['secrets'], scrub: Scrub): AnswerDecoder {
  return (raw, list) => running().decode({ raw, list, secrets }, scrub);
}

/** Ends the worker (requests under way fail); the next answer starts a new one. */
export async function stopAnswerDecoder(): Promise<void> {
  const stopping = thread;
  thread = null;
  await stopping?.terminate();
}
