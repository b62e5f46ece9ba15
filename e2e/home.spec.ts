import { latestClientsRun, intBr, queryDb, scalar } from './database';
import { expect, test } from './fixtures';

test('home: the numbers match the database', async ({ openConsole, stack }) => {
  const page = await openConsole('/');
  const truth = queryDb(stack.dbPath, (db) => ({
    total: scalar(db, 'SELECT count(*) FROM clients'),
    withOmie: scalar(db, 'SELECT count(omie_codigo) FROM clients'),
  }));
  expect(truth.total).toBeGreaterThan(0);
  await expect(page.getByTestId('summary-total-clients')).toHaveText(intBr(truth.total));
  await expect(page.getByTestId('summary-clients-with-omie')).toHaveText(intBr(truth.withOmie));

  const last = latestClientsRun(stack.dbPath);
  expect(last).toBeDefined();
  const lastSync = page.getByTestId('summary-last-sync');
  const shown = last!.status === 'error' && last!.error_code === 'cancelled' ? 'cancelled' : last!.status;
  await expect(lastSync.locator('[data-status]')).toHaveAttribute('data-status', shown);
  await expect(page.getByTestId('summary-last-sync-records')).toHaveText(`${intBr(last!.record_count ?? 0)} registros`);
  await expect(page.getByTestId('freshness-badge')).toHaveText('atualizado');
  await expect(page.getByTestId('faturamento-chart')).toBeVisible();
});

test('first screen: the shell chunks are asked for beside the entry, before it has run', async ({ page, stack }) => {
  // In the order the page asks: the entry's first act is to ask for the page's data (clients:list).
  const asked: string[] = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname.split('/').pop() ?? ''));
  await page.goto(`${stack.url}#/clientes`);
  await expect(page.getByTestId('clients-row').first()).toBeVisible();
  const at = (pattern: RegExp) => asked.findIndex((file) => pattern.test(file));
  const data = at(/^clients:list$/);
  expect(data).toBeGreaterThan(0);
  // The shell (root) and the libraries it renders with are linked from index.html as modulepreload.
  expect(at(/^root-.*\.js$/)).toBeGreaterThan(-1);
  expect(at(/^root-.*\.js$/)).toBeLessThan(data);
  expect(at(/^libraries-.*\.js$/)).toBeGreaterThan(-1);
  expect(at(/^libraries-.*\.js$/)).toBeLessThan(data);
  // The page's own chunk depends on the route: the entry asks for it, after the data.
  expect(at(/^ClientsPage-.*\.js$/)).toBeGreaterThan(data);
});
