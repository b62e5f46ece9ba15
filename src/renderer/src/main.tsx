import '@mantine/core/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { i18n } from './i18n';
import { prefetchFirstScreen } from './queries/first-screen';
import { createQueryClient } from './queries/query-client';
import { SyncEventsProvider } from './components/SyncEvents';
import { theme } from './theme';

const queryClient = createQueryClient();
prefetchFirstScreen(queryClient, window.location.hash);
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
