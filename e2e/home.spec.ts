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
