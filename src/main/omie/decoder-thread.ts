/**
 * The decoder's worker thread: for each answer it is sent, replies with the answer read (decode-answer.ts)
 * at once, then with the listing's records once they are read. It keeps no state but the scrub for
 * the app key it last saw.
 */
import { parentPort } from 'node:worker_threads';
import { readRecords, splitAnswer } from './decode-answer';
import { makeScrub, type Scrub } from './secret';
import type { DecodeReply, DecodeRequest } from './answer-decoder';

let scrubFor: { appKey: string; appSecret: string; scrub: Scrub } | null = null;

function scrubOf({ appKey, appSecret }: DecodeRequest['secrets']): Scrub {
  if (scrubFor?.appKey !== appKey || scrubFor.appSecret !== appSecret) scrubFor = { appKey, appSecret, scrub: makeScrub(appKey, appSecret) };
  return scrubFor.scrub;
}

const reply = (message: DecodeReply) => parentPort?.postMessage(message);
const failure = (error: unknown) => (error instanceof Error ? error.message : String(error));

parentPort?.on('message', ({ id, raw, list, secrets }: DecodeRequest) => {
  try {
    const { answer, items } = splitAnswer(raw, list?.key);
    reply({ id, answer });
    if (items && list) reply({ id, records: readRecords(items, list.parser, scrubOf(secrets)) });
  } catch (error) {
    reply({ id, failure: failure(error) });
  }
});
