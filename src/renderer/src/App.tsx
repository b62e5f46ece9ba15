import { lazy, type ReactNode } from 'react';
import { HashRouter, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';

/**
 * Each page is its own chunk, loaded when first shown: the first screen evaluates only the shell
 * and its page (the charts library, for one, is needed by three pages and none of the first).
 */
const HomePage = lazy(() => import('./pages/HomePage').then((m) => ({ default: m.HomePage })));
const HistoryPage = lazy(() => import('./pages/HistoryPage').then((m) => ({ default: m.HistoryPage })));
const ClientsPage = lazy(() => import('./pages/ClientsPage').then((m) => ({ default: m.ClientsPage })));
const FaturamentoPage = lazy(() => import('./pages/FaturamentoPage').then((m) => ({ default: m.FaturamentoPage })));
const ReconciliationPage = lazy(() => import('./pages/ReconciliationPage').then((m) => ({ default: m.ReconciliationPage })));
const EventsPage = lazy(() => import('./pages/EventsPage').then((m) => ({ default: m.EventsPage })));
const IndicesPage = lazy(() => import('./pages/IndicesPage').then((m) => ({ default: m.IndicesPage })));
const SettingsPage = lazy(() => import('./pages/SettingsPage').then((m) => ({ default: m.SettingsPage })));

/** Hash routing: the same URLs work under file:// (Electron) and http:// (serve). */
export function App(): ReactNode {
  return (
    <HashRouter>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<HomePage />} />
          <Route path="historico" element={<HistoryPage />} />
          <Route path="clientes" element={<ClientsPage />} />
          <Route path="faturamento" element={<FaturamentoPage />} />
          <Route path="conciliacao" element={<ReconciliationPage />} />
          <Route path="eventos" element={<EventsPage />} />
          <Route path="indices" element={<IndicesPage />} />
          <Route path="configuracoes" element={<SettingsPage />} />
          <Route path="*" element={<HomePage />} />
        </Route>
      </Routes>
    </HashRouter>
  );
}
