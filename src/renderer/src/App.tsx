import type { ReactNode } from 'react';
import { HashRouter, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { ClientsPage } from './pages/ClientsPage';
import { EventsPage } from './pages/EventsPage';
import { FaturamentoPage } from './pages/FaturamentoPage';
import { HistoryPage } from './pages/HistoryPage';
import { HomePage } from './pages/HomePage';
import { IndicesPage } from './pages/IndicesPage';
import { ReconciliationPage } from './pages/ReconciliationPage';
import { SettingsPage } from './pages/SettingsPage';

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
