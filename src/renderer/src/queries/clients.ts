import { queryOptions } from '@tanstack/react-query';
import { api, type CallInput } from '../api';

/** clients:list — one window (offset/limit) of the clients table. */
export const clientsPageQuery = (input: CallInput<'clients:list'>) =>
  queryOptions({ queryKey: ['clients:list', input] as const, queryFn: () => api.call('clients:list', input), networkMode: 'always', staleTime: 30_000 });

/** Rows per window of the clients table. */
export const CLIENTS_WINDOW_ROWS = 200;

/** The window the Clientes page shows first (no search, no filter): its key is the page's own. */
export const firstClientsWindowQuery = () => clientsPageQuery({ search: undefined, withOmie: null, offset: 0, limit: CLIENTS_WINDOW_ROWS });
