import { queryOptions } from '@tanstack/react-query';
import { api, type CallInput } from '../api';

/** summary:get — the home numbers and the run in flight, if any. */
export const summaryQuery = () =>
  queryOptions({ queryKey: ['summary:get'] as const, queryFn: () => api.call('summary:get'), networkMode: 'always', staleTime: 5_000 });

/** sync:list-runs — one page of erp_sync_log, newest first. */
export const syncRunsQuery = (input: CallInput<'sync:list-runs'>) =>
  queryOptions({ queryKey: ['sync:list-runs', input] as const, queryFn: () => api.call('sync:list-runs', input), networkMode: 'always', staleTime: 5_000 });

/** sync:list-skipped — the records one run skipped, with reasons. */
export const skippedRecordsQuery = (input: CallInput<'sync:list-skipped'>) =>
  queryOptions({ queryKey: ['sync:list-skipped', input] as const, queryFn: () => api.call('sync:list-skipped', input), networkMode: 'always' });
