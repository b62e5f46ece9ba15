import '@mantine/core/styles.css';
import './styles.css';
import { prefetchFirstScreen } from './first-screen';
import { createQueryClient } from './queries/query-client';

/**
 * The entry, kept small: it asks for what the first screen shows, loads the app (React, Mantine,
 * i18n, the shell) meanwhile, and mounts it once the first screen's page is in too. index.html
 * loads it `async`: it only starts requests, so it need not wait for the stylesheet.
 */
const queryClient = createQueryClient();
const firstPage = prefetchFirstScreen(queryClient, window.location.hash);
void Promise.all([import('./root'), firstPage]).then(([{ mountApp }]) => mountApp(queryClient));
