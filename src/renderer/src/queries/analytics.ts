import { queryOptions } from '@tanstack/react-query';
import { api, type CallInput } from '../api';

/** events:get-aggregates — event_aggregates per day and per (module, event type). */
export const eventAggregatesQuery = (input: CallInput<'events:get-aggregates'>) =>
  queryOptions({ queryKey: ['events:get-aggregates', input] as const, queryFn: () => api.call('events:get-aggregates', input), networkMode: 'always' });

/** indices:get — data_indices per month. */
export const indicesQuery = (input: CallInput<'indices:get'>) =>
  queryOptions({ queryKey: ['indices:get', input] as const, queryFn: () => api.call('indices:get', input), networkMode: 'always' });
