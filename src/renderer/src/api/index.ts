/**
 * The renderer's typed client of the contract:
 *   const summary = await api.call('summary:get');
 *   const off = api.subscribe('sync:progress', (p) => …);
 *   await api.download('reconciliation:export-csv', { period, dialect: 'excel-br' });
 * Every call rejects with ApiError { code, message }.
 */
import { createApiClient, defaultTransport, type ApiClient } from './client';

export { ApiError, isApiError } from './api-error';
export { createApiClient, type ApiClient } from './client';
export type { ClientTransport } from './transport';
export type { CallChannel, CallInput, CallOutput, EventName, EventPayload } from '../../../shared/contract';

let instance: ApiClient | null = null;

function client(): ApiClient {
  instance ??= createApiClient(defaultTransport());
  return instance;
}

/** The app's one client, created on first use (so the token is read once the page has loaded). */
export const api: ApiClient = {
  get transport() {
    return client().transport;
  },
  call: (channel, ...args) => client().call(channel, ...args),
  download: (channel, input) => client().download(channel, input),
  subscribe: (event, listener) => client().subscribe(event, listener),
};
