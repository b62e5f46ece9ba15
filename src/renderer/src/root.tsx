import { MantineProvider } from '@mantine/core';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { SyncEventsProvider } from './components/SyncEvents';
import { i18n } from './i18n';
import { theme } from './theme';

/** Renders the console into #root, over the query cache the entry has started filling. */
export function mountApp(queryClient: QueryClient): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');

  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <MantineProvider theme={theme} defaultColorScheme="light">
          <QueryClientProvider client={queryClient}>
            <SyncEventsProvider>
              <App />
            </SyncEventsProvider>
          </QueryClientProvider>
        </MantineProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}
