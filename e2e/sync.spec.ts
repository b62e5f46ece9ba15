import { latestClientsRun } from './database';
import { expect, saveScreenshot, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

test('a sync shows page x/N while in flight and history gains a success row', async ({ openConsole, stack }, testInfo) => {
  const before = latestClientsRun(stack.dbPath)?.id;
  const page = await openConsole('/');
  await page.getByLabel('Sync completo').check();
  await page.getByTestId('sync-button').click();

  await expect(page.getByTestId('sync-progress')).toBeVisible();
  await expect(page.getByTestId('sync-progress-text')).toContainText(/página \d+\/\d+/);
  await saveScreenshot(page, testInfo, '14-sync-em-andamento');
  await expect(page.getByTestId('sync-outcome')).toHaveAttribute('data-status', 'success', { timeout: 60_000 });

  const run = latestClientsRun(stack.dbPath);
  expect(run?.id).not.toBe(before);
  expect(run?.status).toBe('success');

  await page.getByTestId('nav-history').click();
  const row = page.locator(`[data-testid="history-row"][data-run-id="${run!.id}"]`);
  await expect(row).toHaveAttribute('data-status', 'success');
  await expect(row).toContainText('sucesso');
});

test('a sync can be cancelled and history shows it cancelled', async ({ openConsole, stack }) => {
  const page = await openConsole('/');
  await page.getByLabel('Sync completo').check();
  await page.getByTestId('sync-button').click();
  await expect(page.getByTestId('sync-progress-text')).toContainText(/página \d+\/\d+/);
  await page.getByTestId('sync-cancel').click();
  await expect(page.getByTestId('sync-outcome')).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 });

  const run = latestClientsRun(stack.dbPath);
  expect(run?.status).toBe('error');
  expect(run?.error_code).toBe('cancelled');

  await page.getByTestId('nav-history').click();
  const row = page.locator(`[data-testid="history-row"][data-run-id="${run!.id}"]`);
  await expect(row).toHaveAttribute('data-status', 'cancelled');
  await expect(row).toContainText('cancelado');
});
