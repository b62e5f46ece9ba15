/**
 * Paging through a ListarX method: trusts total_de_paginas / total_de_registros of each answer
 * (never page arithmetic on the requested size); stops at the last page, an empty list or 5113.
 * Reads up to READ_AHEAD_PAGES ahead of its caller (one request in flight at a time, as ever), so
 * Omie prepares the next pages while the caller stores the ones it has.
 */
import { setImmediate } from 'node:timers/promises';
import { OmieError } from './omie-error';
import { readAhead } from './read-ahead';
import type { OmieCall } from './caller';
import type { Parsed } from './lenient';
import type { OmieMethod, OmiePage, OmieProgress, RunOptions, SkippedRecord } from './types';

export interface ListSpec<T> {
  method: OmieMethod;
  url: string;
  listKey: string;
  params: Record<string, unknown>;
  parse: (raw: unknown) => Parsed<T>;
}

function count(v: unknown): number | null {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
}

/**
 * Pages read before the caller asks for them. While the caller stores pages (it yields to I/O
 * between them), up to this many answers are read and the next request sent, so Omie keeps working;
 * with one the sync sat idle ~30 % of a 100k-client run waiting for pages, with three ~5 %. More
 * bought nothing and kept more pages alive long enough to be promoted to the old generation.
 */
export const READ_AHEAD_PAGES = 3;

/**
 * Records read per turn of the event loop. A 500-record page read in one piece (~3 ms) held an
 * answer that had arrived meanwhile, and so the next request (with the rows' writes sliced too,
 * bulk-statement.ts, a 100k-client sync went from ~1.4 to ~1.25× the bench's floor).
 */
export const RECORDS_PER_TURN = 100;

export function paginate<T>(
  call: OmieCall,
  spec: ListSpec<T>,
  pageSize: number,
  log: (line: string) => void,
  run: RunOptions = {},
): AsyncGenerator<OmiePage<T>> {
  // cancels the requests under way for pages the caller will not take (it stopped early)
  const unwanted = new AbortController();
  const signal = run.signal ? AbortSignal.any([run.signal, unwanted.signal]) : unwanted.signal;
  const raw = readAhead(rawPages(call, spec, pageSize, log, { ...run, signal }), READ_AHEAD_PAGES, () => unwanted.abort());
  return parsedPages(raw, spec, log);
}

/**
 * A page's records read in slices of RECORDS_PER_TURN, letting I/O in between (an answer that
 * arrived meanwhile is read, and the request after it sent).
 */
export async function readRecords<T>(list: readonly unknown[], parse: (raw: unknown) => Parsed<T>): Promise<{ parsed: T[]; skipped: SkippedRecord[] }> {
  const parsed: T[] = [];
  const skipped: SkippedRecord[] = [];
  for (let i = 0; i < list.length; i++) {
    if (i > 0 && i % RECORDS_PER_TURN === 0) await setImmediate();
    const r = parse(list[i]);
    if (r.ok) parsed.push(r.record);
    else skipped.push(r.skipped);
  }
  return { parsed, skipped };
}

/** A page as Omie sent it: the records not yet read (that is done on the caller's turn, off the request chain). */
interface RawPage {
  page: number;
  totalPages: number;
  totalRecords: number;
  list: unknown[];
}

async function* parsedPages<T>(raw: AsyncGenerator<RawPage>, spec: ListSpec<T>, log: (line: string) => void): AsyncGenerator<OmiePage<T>> {
  for await (const { list, ...page } of raw) {
    const { parsed, skipped } = await readRecords(list, spec.parse);
    if (skipped.length > 0) log(`omie: ${spec.method} page ${page.page}: ${skipped.length} record(s) skipped`);
    yield { ...page, records: parsed, skipped };
  }
}

async function* rawPages<T>(
  call: OmieCall,
  spec: ListSpec<T>,
  pageSize: number,
  log: (line: string) => void,
  run: RunOptions,
): AsyncGenerator<RawPage> {
  const { method } = spec;
  let page = 1;
  let totalPages: number | null = null;
  let totalRecords: number | null = null;
  let recordsSoFar = 0;
  let firstTotal: number | null = null;
  const progress = (extra: Partial<OmieProgress> = {}) =>
    run.onProgress?.({ method, page, totalPages, recordsSoFar, totalRecords, ...extra });

  progress();
  for (;;) {
    const result = await call(spec.url, method, { ...spec.params, pagina: page, registros_por_pagina: pageSize }, {
      signal: run.signal,
      label: `${method} page ${page}`,
      onWait: (wait) => progress({ wait }),
    });
    if (result.kind === 'end_of_data') break;

    const body = result.body;
    const list = body[spec.listKey] ?? [];
    const pages = count(body.total_de_paginas);
    const records = count(body.total_de_registros);
    if (!Array.isArray(list) || pages === null || records === null) {
      throw new OmieError('omie_protocol', 'protocol', `Omie answered ${method} page ${page} without a usable ${spec.listKey}/total_de_paginas/total_de_registros`, {
        keys: Object.keys(body).slice(0, 20),
      });
    }
    totalPages = pages;
    totalRecords = records;
    firstTotal ??= records;
    recordsSoFar += list.length;

    progress();
    if (list.length > 0) yield { page, totalPages: pages, totalRecords: records, list };
    if (list.length === 0 || page >= pages) break;
    page += 1;
  }

  // Checked against the total announced when the scan began (the last page's total is in the message too).
  if (firstTotal !== null && recordsSoFar !== firstTotal) {
    const last = totalRecords !== firstTotal ? ` (${totalRecords} on the last page)` : '';
    log(
      recordsSoFar < firstTotal
        ? `omie: ${method}: read ${recordsSoFar} record(s) but Omie announced ${firstTotal}${last} — some may be missing (removed or changed mid-scan, or the page size was capped)`
        : `omie: ${method}: read ${recordsSoFar} record(s), more than the ${firstTotal} announced${last} (records created mid-scan; normal)`,
    );
  }
}
