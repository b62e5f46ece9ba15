/**
 * readRecords (paginate.ts): a page's records are read in order, valid and skipped apart, in slices
 * of RECORDS_PER_TURN with the event loop let in between (an answer that arrived meanwhile is read
 * then, instead of after the whole page).
 */
import { describe, expect, it } from 'vitest';
import type { Parsed } from '../../src/main/omie/lenient';
import { readRecords, RECORDS_PER_TURN } from '../../src/main/omie/paginate';

/** Even numbers are records; odd ones are skipped. Counts the records read so far. */
function counting() {
  let read = 0;
  const parse = (raw: unknown): Parsed<number> => {
    read += 1;
    const n = raw as number;
    return n % 2 === 0 ? { ok: true, record: n } : { ok: false, skipped: { omieCodigo: String(n), reason: 'odd', excerpt: String(n) } };
  };
  return { parse, read: () => read };
}

describe('readRecords', () => {
  it('reads every record in order, valid and skipped apart', async () => {
    const list = Array.from({ length: 2 * RECORDS_PER_TURN + 7 }, (_, i) => i);
    const { parse } = counting();
    const { parsed, skipped } = await readRecords(list, parse);
    expect(parsed).toEqual(list.filter((n) => n % 2 === 0));
    expect(skipped.map((s) => s.omieCodigo)).toEqual(list.filter((n) => n % 2 === 1).map(String));
  });

  it('lets other work run between slices of a page', async () => {
    const list = Array.from({ length: 2 * RECORDS_PER_TURN + 7 }, (_, i) => i);
    const { parse, read } = counting();
    // other work waiting for a turn of the event loop, again and again: what has been read by then
    const seenAtTurns: number[] = [];
    let done = false;
    const turn = () => {
      if (done) return;
      seenAtTurns.push(read());
      setImmediate(turn);
    };
    setImmediate(turn);
    try {
      await readRecords(list, parse);
    } finally {
      done = true;
    }
    expect(read()).toBe(list.length);
    expect(seenAtTurns.slice(0, 2)).toEqual([RECORDS_PER_TURN, 2 * RECORDS_PER_TURN]);
  });

  it('reads a short page in one turn', async () => {
    const { parse, read } = counting();
    const reading = readRecords([0, 1, 2], parse);
    expect(read()).toBe(3);
    await expect(reading).resolves.toMatchObject({ parsed: [0, 2] });
  });
});
