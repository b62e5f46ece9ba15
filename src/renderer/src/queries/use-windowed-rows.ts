import { keepPreviousData, type QueryKey, type UseQueryOptions, useQueries } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { ApiError } from '../api';

export interface RowsPage<T> {
  rows: T[];
  total: number;
}

/**
 * Windowed server paging for virtualized tables: fetches only the pages that cover the rows on
 * screen (plus the first page, which carries the total and any totals of the whole set).
 */
export function useWindowedRows<P extends RowsPage<unknown>, K extends QueryKey>(
  pageSize: number,
  pageQuery: (offset: number, limit: number) => UseQueryOptions<P, ApiError, P, K>,
) {
  type T = P['rows'][number];
  // The pages under the rows on screen: scrolling within them (or the grid's first report of its
  // range) changes nothing, so it renders nothing again.
  const [[firstPage, lastPage], setPageSpan] = useState<[number, number]>([0, 0]);
  const pages = [0];
  for (let p = Math.max(firstPage, 1); p <= lastPage; p++) pages.push(p);

  // The first page keeps showing the previous filter's rows while the new ones load, instead of
  // blanking the table (only page 0: other slots change offset as the user scrolls).
  const results = useQueries({
    queries: pages.map((p) => ({ ...pageQuery(p * pageSize, pageSize), ...(p === 0 ? { placeholderData: keepPreviousData } : {}) })),
  });
  const head = results[0];
  const byPage = new Map(pages.map((p, i) => [p, results[i]?.data]));

  const rowAt = (index: number): T | undefined => byPage.get(Math.floor(index / pageSize))?.rows[index % pageSize] as T | undefined;
  const onRangeChange = useCallback(
    (start: number, end: number) => {
      const span: [number, number] = [Math.floor(start / pageSize), Math.floor(end / pageSize)];
      setPageSpan((current) => (current[0] === span[0] && current[1] === span[1] ? current : span));
    },
    [pageSize],
  );

  return {
    head: head?.data,
    total: head?.data?.total ?? 0,
    rowAt,
    onRangeChange,
    isPending: head?.isPending ?? true,
    isFetching: results.some((r) => r.isFetching),
    error: results.find((r) => r.error)?.error ?? null,
    refetch: () => results.forEach((r) => void r.refetch()),
  };
}
