import { queryOptions } from '@tanstack/react-query';
import { api } from '../api';

/** app:info — transport, version, database (never a password). */
export const appInfoQuery = () =>
  queryOptions({ queryKey: ['app:info'] as const, queryFn: () => api.call('app:info'), networkMode: 'always', staleTime: Infinity });

/** omie:status — reachability, block, keys configured; polled so the offline banner follows reality. */
export const omieStatusQuery = () =>
  queryOptions({ queryKey: ['omie:status'] as const, queryFn: () => api.call('omie:status'), networkMode: 'always', refetchInterval: 20_000, staleTime: 5_000 });

/** settings:get — what the settings page shows. */
export const settingsQuery = () =>
  queryOptions({ queryKey: ['settings:get'] as const, queryFn: () => api.call('settings:get'), networkMode: 'always' });
