/**
 * An Omie answer, decoded in two steps (on the decoder's worker thread, answer-decoder.ts): first its
 * fault reading (faults.ts) with a listing's list taken out of the body — all the caller needs to
 * go on to its next call — then that list's records, read with the method's parser.
 */
import { readAnswer, type Answer } from './faults';
import type { RawAnswer } from './http';
import type { Parsed } from './lenient';
import { parseCliente } from './parse-cliente';
import { parseTitulo } from './parse-titulo';
import type { Scrub } from './secret';
import type { SkippedRecord } from './types';

/** As undici reads a body as text: a BOM dropped, invalid sequences replaced. */
const utf8 = new TextDecoder();

export const RECORD_PARSERS = { cliente: parseCliente, titulo: parseTitulo } as const;
export type RecordParser = keyof typeof RECORD_PARSERS;
export type RecordOf<P extends RecordParser> = ReturnType<(typeof RECORD_PARSERS)[P]> extends Parsed<infer T> ? T : never;

/** Where a listing's records are in its answer, and how each one is read. */
export interface ListDecoding<P extends RecordParser = RecordParser> {
  key: string;
  parser: P;
}

/** A listing's records as read, valid and skipped apart. */
export interface ListRecords<T = unknown> {
  parsed: T[];
  skipped: SkippedRecord[];
}

/** The first step: an ok answer of a listing says how many records its list holds (`listed`) instead of holding them. */
export type ReadAnswer = Exclude<Answer, { kind: 'ok' }> | { kind: 'ok'; body: Record<string, unknown>; listed?: number };

/**
 * The answer, and the list to read when it is an ok answer whose `key` is an array (otherwise
 * the body keeps what it had there: the pager reports a missing or unusable list).
 */
export function splitAnswer(raw: RawAnswer, key: string | undefined): { answer: ReadAnswer; items: readonly unknown[] | null } {
  const answer = readAnswer(raw.status, utf8.decode(raw.bytes), raw.contentType);
  if (answer.kind !== 'ok' || key === undefined) return { answer, items: null };
  const { [key]: items, ...body } = answer.body;
  if (!Array.isArray(items)) return { answer, items: null };
  return { answer: { kind: 'ok', body, listed: items.length }, items };
}

export function readRecords(items: readonly unknown[], parser: RecordParser, scrub: Scrub): ListRecords {
  const parse: (raw: unknown, scrub: Scrub) => Parsed<unknown> = RECORD_PARSERS[parser];
  const parsed: unknown[] = [];
  const skipped: SkippedRecord[] = [];
  for (const item of items) {
    const r = parse(item, scrub);
    if (r.ok) parsed.push(r.record);
    else skipped.push(r.skipped);
  }
  return { parsed, skipped };
}
