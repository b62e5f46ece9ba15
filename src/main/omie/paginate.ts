/**
 * Paging through a ListarX method: trusts total_de_paginas / total_de_registros of each answer
 * (never page arithmetic on the requested size); stops at the last page, an empty list or 5113.
 * Reads up to READ_AHEAD_PAGES ahead of its caller (one request in flight at a time, as ever), so
 * Omie prepares the next pages while the caller stores the ones it has. A page's answer and records
 * are read by the decoder (answer-decoder.ts, off this thread); once an answer is in and looks like
 * data, the next page is asked for while it is read.
 */
import { OmieError } from './omie-error';
import { readAhead } from './read-ahead';
import type { CallResult, OmieCall } from './caller';
import type { ListRecords, RecordOf, RecordParser } from './decode-answer';
import type { OmieMethod, OmiePage, OmieProgress, OmieWait, RunOptions } from './types';

export interface ListSpec<P extends RecordParser> {
  method: OmieMethod;
  url: string;
  listKey: string;
  params: Record<string, unknown>;
  parser: P;
}

/** A list absent or null (an empty page, as Omie sometimes sends it). */
const EMPTY = { count: 0, records: Promise.resolve<ListRecords>({ parsed: [], skipped: [] }) };

/** A page's call under way (paginate asks for one page ahead of the one it awaits). */
interface Requested {
  page: number;
  result: Promise<CallResult>;
  /** Settles once an answer to it that looks like data is in (caller.ts onLikelyData), before it is decoded. */
  likelyData: Promise<void>;
  cancel(): void;
}

/** A page as its answer says, its records on their way. */
interface PageOnItsWay {
  page: number;
  totalPages: number;
  totalRecords: number;
  records: Promise<ListRecords>;
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

export function paginate<P extends RecordParser>(
  call: OmieCall,
  spec: ListSpec<P>,
  pageSize: number,
  log: (line: string) => void,
  run: RunOptions = {},
): AsyncGenerator<OmiePage<RecordOf<P>>> {
  // cancels the requests under way for pages the caller will not take (it stopped early)
  const unwanted = new AbortController();
  const signal = run.signal ? AbortSignal.any([run.signal, unwanted.signal]) : unwanted.signal;
  const pages = readAhead(pagesAnswered(call, spec, pageSize, log, { ...run, signal }), READ_AHEAD_PAGES, () => unwanted.abort());
  return pagesRead<RecordOf<P>>(pages, spec.method, log);
}

/** The pages with their records read (by the decoder, while the pages after them were asked for). */
async function* pagesRead<T>(pages: AsyncGenerator<PageOnItsWay>, method: OmieMethod, log: (line: string) => void): AsyncGenerator<OmiePage<T>> {
  for await (const { records, ...page } of pages) {
    const { parsed, skipped } = await records;
    if (skipped.length > 0) log(`omie: ${method} page ${page.page}: ${skipped.length} record(s) skipped`);
    yield { ...page, records: parsed as T[], skipped };
  }
}

/** One page's call, under way. */
function requestPage(call: OmieCall, spec: ListSpec<RecordParser>, n: number, pageSize: number, run: RunOptions, onWait: (wait: OmieWait) => void): Requested {
  const cancel = new AbortController();
  let arrived!: () => void;
  const likelyData = new Promise<void>((resolve) => (arrived = resolve));
  const result = call(spec.url, spec.method, { ...spec.params, pagina: n, registros_por_pagina: pageSize }, {
    signal: run.signal ? AbortSignal.any([run.signal, cancel.signal]) : cancel.signal,
    label: `${spec.method} page ${n}`,
    onWait,
    onLikelyData: arrived,
    list: { key: spec.listKey, parser: spec.parser },
  });
  result.catch(() => {}); // awaited in page order; one asked for ahead may be dropped unread
  return { page: n, result, likelyData, cancel: () => cancel.abort() };
}

async function* pagesAnswered(
  call: OmieCall,
  spec: ListSpec<RecordParser>,
  pageSize: number,
  log: (line: string) => void,
  run: RunOptions,
): AsyncGenerator<PageOnItsWay> {
  const { method } = spec;
  let page = 1;
  let totalPages: number | null = null;
  let totalRecords: number | null = null;
  let recordsSoFar = 0;
  let firstTotal: number | null = null;
  const progress = (extra: Partial<OmieProgress> = {}) =>
    run.onProgress?.({ method, page, totalPages, recordsSoFar, totalRecords, ...extra });

  const request = (n: number) => requestPage(call, spec, n, pageSize, run, (wait) => progress({ page: n, wait }));

  progress();
  let current = request(page);
  let following = null as Requested | null; // set by the callback above (TS cannot see that)
  try {
    for (;;) {
      // Once this page's answer is in, the next page (when the totals so far say there is one) is
      // asked for while this one is decoded, so Omie works on it meanwhile.
      const known = totalPages;
      const awaited = current;
      void awaited.likelyData.then(() => {
        if (current === awaited && following === null && known !== null && awaited.page < known) following = request(awaited.page + 1);
      });
      const result = await awaited.result;
      if (result.kind === 'end_of_data') break;

      const { body } = result;
      const list = result.list ?? (body[spec.listKey] == null ? EMPTY : null);
      const pages = count(body.total_de_paginas);
      const records = count(body.total_de_registros);
      if (list === null || pages === null || records === null) {
        throw new OmieError('omie_protocol', 'protocol', `Omie answered ${method} page ${page} without a usable ${spec.listKey}/total_de_paginas/total_de_registros`, {
          keys: Object.keys(body).slice(0, 20),
        });
      }
      totalPages = pages;
      totalRecords = records;
      firstTotal ??= records;
      recordsSoFar += list.count;

      progress();
      if (list.count > 0) yield { page, totalPages: pages, totalRecords: records, records: list.records };
      if (list.count === 0 || page >= pages) break;
      page += 1;
      current = following ?? request(page);
      following = null;
    }
  } finally {
    following?.cancel(); // asked for ahead, past the end (the totals shrank) or after a failure
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
