import { QueryClient } from '@tanstack/react-query';
import type { ApiError } from '../api';

declare module '@tanstack/react-query' {
  /** Every call rejects with ApiError, so that is the one error type queries and mutations carry. */
  interface Register {
    defaultError: ApiError;
  }
}

/** Codes that will not change by asking again. */
const FINAL = new Set(['bad_input', 'not_found', 'unauthorized', 'omie_not_configured', 'omie_auth', 'omie_blocked', 'offline', 'month_closed']);

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Calls go to our own main process or local server, not "the network".
        networkMode: 'always',
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => failures < 1 && !FINAL.has(error.code),
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}
