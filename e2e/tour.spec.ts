/// <reference lib="dom" />
import { intBr, queryDb, scalar } from './database';
import { expect, saveScreenshot, test } from './fixtures';

/** Every page at 1280×800, saved as an artifact; none may overflow the window sideways or show an error. */
const PAGES = [
  { route: '/', name: '01-home', ready: 'summary-total-clients' },
  { route: '/historico', name: '02-historico', ready: 'history-row' },
  { route: '/clientes', name: '03-clientes', ready: 'clients-row' },
  { route: '/faturamento', name: '04-faturamento', ready: 'faturamento-month-row' },
  { route: '/conciliacao', name: '05-conciliacao', ready: 'reconciliation-row' },
  { route: '/eventos', name: '06-eventos', ready: 'events-table' },
  { route: '/indices', name: '07-indices', ready: 'indices-table' },
  { route: '/configuracoes', name: '08-configuracoes', ready: 'settings-tolerance' },
] as const;

test('tour: every page renders with data, fits 1280×800 and is saved as a screenshot', async ({ openConsole }, testInfo) => {
  const page = await openConsole('/');
  for (const { route, name, ready } of PAGES) {
    await page.evaluate((hash) => (window.location.hash = hash), `#${route}`);
    await expect(page.getByTestId(ready).first()).toBeVisible();
    await expect(page.getByTestId('error-alert')).toHaveCount(0);
    await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
    await expect(page.getByText(/^(Carregando…|Carregando linhas…)$/)).toHaveCount(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${route} overflows sideways`).toBeLessThanOrEqual(0);
    await saveScreenshot(page, testInfo, name);
  }

  // Details a reader opens: a run's skipped records and a reconciliation row's drill-down.
  await page.evaluate(() => (window.location.hash = '#/historico'));
  await page.getByTestId('history-expand').first().click();
  await expect(page.getByTestId('history-details')).toBeVisible();
  await saveScreenshot(page, testInfo, '09-historico-detalhe');

  await page.evaluate(() => (window.location.hash = '#/conciliacao'));
  // Keyboard: the table is one tab stop; arrows move between rows; Enter opens the row.
  await page.getByTestId('reconciliation-row').first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-testid="reconciliation-row"][data-row-index="1"]')).toBeFocused();
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog');
  await expect(drawer).toBeVisible();
  await expect(drawer.getByTestId('note-text')).toBeVisible();
  await expect(drawer.getByTestId('titles-table').or(drawer.getByText('Este cliente não tem código Omie'))).toBeVisible();
  await saveScreenshot(page, testInfo, '10-conciliacao-detalhe');
  await page.keyboard.press('Escape');

  // The English switch relabels the console.
  await page.evaluate(() => (window.location.hash = '#/'));
  await page.getByTestId('language-switch').getByText('EN').click();
  await expect(page.getByTestId('sync-button')).toHaveText('Sync ERP');
  await saveScreenshot(page, testInfo, '11-home-en');
  await page.getByTestId('language-switch').getByText('PT-BR').click();
  await expect(page.getByTestId('sync-button')).toHaveText('Sincronizar ERP');
});

test('clients: windowed paging reaches the last row and the Omie filter matches the database', async ({ openConsole, stack }) => {
  const truth = queryDb(stack.dbPath, (db) => ({
    total: scalar(db, 'SELECT count(*) FROM clients'),
    withCode: scalar(db, 'SELECT count(omie_codigo) FROM clients'),
  }));
  const page = await openConsole('/clientes');
  const table = page.getByTestId('clients-table');
  const count = page.getByTestId('clients-count');
  await expect(count).toHaveText(`${intBr(truth.total)} clientes`);

  // Scroll to the very end: the last row arrives from its own page, and only a window is rendered.
  await table.locator('.grid-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(table.locator(`[data-testid="clients-row"][data-row-index="${truth.total - 1}"]`)).toBeVisible();
  expect(await table.getByTestId('clients-row').count()).toBeLessThan(Math.min(truth.total + 1, 80));

  await page.getByTestId('clients-filter').getByText('Sem código').click();
  await expect(count).toHaveText(`${intBr(truth.total - truth.withCode)} clientes`);
  await expect(table.getByTestId('clients-row').first()).toBeVisible();
  await page.getByTestId('clients-filter').getByText('Com código').click();
  await expect(count).toHaveText(`${intBr(truth.withCode)} clientes`);
});
