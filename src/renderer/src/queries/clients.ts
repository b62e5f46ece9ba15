import { queryOptions } from '@tanstack/react-query';
import { api, type CallInput } from '../api';

/** clients:list — one window (offset/limit) of the clients table. */
export const clientsPageQuery = (input: CallInput<'clients:list'>) =>
  queryOptions({ queryKey: ['clients:list', input] as const, queryFn: () => api.call('clients:list', input), networkMode: 'always', staleTime: 30_000 });
