import { expect, saveScreenshot, test } from './fixtures';

test('offline: with Omie unreachable the console says so and keeps working from the database', async ({ offlineStack, page }, testInfo) => {
  await page.goto(`${offlineStack.url}#/`);
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await expect(page.getByTestId('omie-status')).toHaveText('Omie: offline');
  await expect(page.getByTestId('summary-total-clients')).toHaveText(/^\d/);
  await expect(page.getByTestId('faturamento-chart')).toBeVisible();
  await saveScreenshot(page, testInfo, '12-offline-home');

  // The reconciliation answers from the stored snapshot; the titles drill-down needs Omie.
  await page.getByTestId('nav-reconciliation').click();
  await expect(page.getByTestId('reconciliation-row').first()).toBeVisible();
  await expect(page.getByTestId('reconciliation-totals')).toContainText('snapshot');
  await page.locator('[data-testid="reconciliation-row"]').filter({ hasNot: page.getByText('sem código Omie') }).first().click();
  await expect(page.getByRole('dialog').getByTestId('titles-offline')).toBeVisible({ timeout: 60_000 });
  await saveScreenshot(page, testInfo, '13-offline-conciliacao');
});
