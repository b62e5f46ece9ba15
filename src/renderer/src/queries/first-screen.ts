import type { QueryClient } from '@tanstack/react-query';
import { firstClientsWindowQuery } from './clients';

/**
 * The data of the screen the app opens on (`#/clientes` after a reload, a bookmark, `serve`'s
 * link), asked for before the page's code has loaded: the page's own query then finds it under
 * way instead of starting it once its chunk has arrived and rendered.
 */
export function prefetchFirstScreen(queryClient: QueryClient, hash: string): void {
  const path = hash.replace(/^#/, '').split('?')[0];
  if (path === '/clientes') void queryClient.prefetchQuery(firstClientsWindowQuery());
}
