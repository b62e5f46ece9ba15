import type { QueryClient } from '@tanstack/react-query';
import { appInfoQuery, omieStatusQuery } from './queries/app';
import { firstClientsWindowQuery } from './queries/clients';
import { pageAt } from './routes';

/**
 * Asks for what the screen the app opens on shows, before React and the rest of the app have
 * loaded: the shell's queries, the page's first data (`#/clientes` after a reload, a bookmark,
 * `serve`'s link) and the page's chunk. The first render then finds them in, or under way.
 * Settles once the page's chunk is in (or failed: its route then shows the failure).
 */
export function prefetchFirstScreen(queryClient: QueryClient, hash: string): Promise<unknown> {
  const path = hash.replace(/^#/, '').split('?')[0] || '/';
  if (path === '/clientes') void queryClient.prefetchQuery(firstClientsWindowQuery());
  void queryClient.prefetchQuery(appInfoQuery());
  void queryClient.prefetchQuery(omieStatusQuery());
  return pageAt(path)
    .load()
    .catch(() => undefined);
}
