import { type PageChunk, pageChunk } from './page-chunk';

/** The home page: the index route and any path that names no other page. */
export const HOME_PAGE = pageChunk(() => import('./pages/HomePage').then((m) => m.HomePage));

/**
 * The other pages by route path. Each is its own chunk, loaded when first shown: the first screen
 * evaluates only the shell and its page (the charts library, for one, is needed by three pages).
 */
export const ROUTES: readonly { path: string; chunk: PageChunk }[] = [
  { path: 'historico', chunk: pageChunk(() => import('./pages/HistoryPage').then((m) => m.HistoryPage)) },
  { path: 'clientes', chunk: pageChunk(() => import('./pages/ClientsPage').then((m) => m.ClientsPage)) },
  { path: 'faturamento', chunk: pageChunk(() => import('./pages/FaturamentoPage').then((m) => m.FaturamentoPage)) },
  { path: 'conciliacao', chunk: pageChunk(() => import('./pages/ReconciliationPage').then((m) => m.ReconciliationPage)) },
  { path: 'eventos', chunk: pageChunk(() => import('./pages/EventsPage').then((m) => m.EventsPage)) },
  { path: 'indices', chunk: pageChunk(() => import('./pages/IndicesPage').then((m) => m.IndicesPage)) },
  { path: 'configuracoes', chunk: pageChunk(() => import('./pages/SettingsPage').then((m) => m.SettingsPage)) },
];

/** The page a location path ("/clientes") shows. */
export function pageAt(path: string): PageChunk {
  return ROUTES.find((route) => `/${route.path}` === path)?.chunk ?? HOME_PAGE;
}
