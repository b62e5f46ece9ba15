import { expect, test } from './fixtures';

test('settings: validation errors are shown next to the field', async ({ openConsole }) => {
  const page = await openConsole('/configuracoes');

  const tolerance = page.getByTestId('settings-tolerance-input');
  await tolerance.fill('abc');
  await page.getByTestId('settings-tolerance-save').click();
  await expect(page.getByTestId('settings-tolerance')).toContainText('Use um valor como 0,01');
  await expect(tolerance).toHaveAttribute('aria-invalid', 'true');

  await tolerance.fill('1,234');
  await page.getByTestId('settings-tolerance-save').click();
  await expect(page.getByTestId('settings-tolerance')).toContainText('Use um valor como 0,01');

  await tolerance.fill('0,05');
  await page.getByTestId('settings-tolerance-save').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await expect(page.getByTestId('settings-tolerance')).toContainText('R$ 0,05');
  await expect(tolerance).not.toHaveAttribute('aria-invalid', 'true');
  await tolerance.fill('0,01');
  await page.getByTestId('settings-tolerance-save').click();
  await expect(page.getByTestId('settings-tolerance')).toContainText('R$ 0,01');

  // Postgres URL: checked before anything is sent …
  const database = page.getByTestId('settings-database');
  await database.getByText('Postgres (URL)').click();
  const url = page.getByTestId('settings-db-url');
  await url.fill('mysql://analista@servidor/base');
  await page.getByTestId('settings-test-connection').click();
  await expect(database).toContainText('A URL deve começar com postgres://');
  await expect(url).toHaveAttribute('aria-invalid', 'true');

  // … and a well-formed URL nobody answers is reported by the server, inline.
  await url.fill('postgres://nobody@127.0.0.1:1/nothing');
  await page.getByTestId('settings-test-connection').click();
  await expect(page.getByTestId('settings-connection-result')).toHaveAttribute('data-reachable', 'false');

  // Under serve the Omie keys come from the environment: no key fields at all.
  await expect(page.getByTestId('settings-omie-configured')).toHaveAttribute('data-configured', 'true');
  await expect(page.getByTestId('settings-omie-serve-hint')).toBeVisible();
  await expect(page.getByTestId('settings-omie').locator('input')).toHaveCount(0);
});
