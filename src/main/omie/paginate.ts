/**
 * Paging through a ListarX method: trusts total_de_paginas / total_de_registros of each answer
 * (never page arithmetic on the requested size); stops at the last page, an empty list or 5113.
 */
import { OmieError } from './omie-error';
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

export async function* paginate<T>(
  call: OmieCall,
  spec: ListSpec<T>,
  pageSize: number,
  log: (line: string) => void,
  run: RunOptions = {},
): AsyncGenerator<OmiePage<T>> {
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

    if (list.length > 0) {
      const parsed: T[] = [];
      const skipped: SkippedRecord[] = [];
      for (const raw of list) {
        const r = spec.parse(raw);
        if (r.ok) parsed.push(r.record);
        else skipped.push(r.skipped);
      }
      if (skipped.length > 0) log(`omie: ${method} page ${page}: ${skipped.length} record(s) skipped`);
      progress();
      yield { page, totalPages: pages, totalRecords: records, records: parsed, skipped };
    } else {
      progress();
    }
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
