import { queryOptions } from '@tanstack/react-query';
import { api, type CallInput } from '../api';

/** snapshot:list — every month with a snapshot and its close state. */
export const snapshotListQuery = () =>
  queryOptions({ queryKey: ['snapshot:list'] as const, queryFn: () => api.call('snapshot:list'), networkMode: 'always' });

/** faturamento:get-range — per month (snapshot or live) and one page of per-client values. */
export const faturamentoRangeQuery = (input: CallInput<'faturamento:get-range'>) =>
  queryOptions({
    queryKey: ['faturamento:get-range', input] as const,
    queryFn: () => api.call('faturamento:get-range', input),
    networkMode: 'always',
    staleTime: 60_000,
  });
