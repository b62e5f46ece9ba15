import { queryOptions } from '@tanstack/react-query';
import { api, type CallInput } from '../api';

/** reconciliation:get — one window of rows plus totals, counts per status and the source of the month. */
export const reconciliationQuery = (input: CallInput<'reconciliation:get'>) =>
  queryOptions({
    queryKey: ['reconciliation:get', input] as const,
    queryFn: () => api.call('reconciliation:get', input),
    networkMode: 'always',
    staleTime: 60_000,
  });

/** reconciliation:get-titles — the Omie titles behind one client's faturamento (live). */
export const titlesQuery = (input: CallInput<'reconciliation:get-titles'>) =>
  queryOptions({
    queryKey: ['reconciliation:get-titles', input] as const,
    queryFn: () => api.call('reconciliation:get-titles', input),
    networkMode: 'always',
    staleTime: 60_000,
    retry: false,
  });
