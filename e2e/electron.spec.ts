import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { _electron as electron } from '@playwright/test';
import { intBr, queryDb, scalar } from './database';
import { expect, test } from './fixtures';

const ROOT = resolve(import.meta.dirname, '..');

/** Where the electron package says its binary is, or null when it was never downloaded. */
function electronBinary(): string | null {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
// Decided before any fixture starts, so a machine without Electron reports one clear skip.
test.skip(binary === null, 'Electron binary not installed (node_modules/electron/dist is missing); the same home flow runs in Chromium against `ness-data serve`.');

test('desktop app: the home page shows the database numbers', async ({ stack }) => {
  // A fresh per-user data directory whose default database is a copy of the seeded one.
  const home = mkdtempSync(join(tmpdir(), 'ness-e2e-electron-'));
  const configDir = join(home, 'config');
  const dbPath = join(configDir, 'ness-data', 'ness-data.sqlite');
  mkdirSync(join(configDir, 'ness-data'), { recursive: true });
  const source = new Database(stack.dbPath, { readonly: true });
  await source.backup(dbPath);
  source.close();

  const app = await electron.launch({
    executablePath: binary!,
    args: [ROOT, `--user-data-dir=${join(home, 'user-data')}`],
    env: { ...process.env, XDG_CONFIG_HOME: configDir, OMIE_BASE_URL: stack.simUrl },
    timeout: 60_000,
  });
  try {
    const window = await app.firstWindow();
    const truth = queryDb(dbPath, (db) => ({
      total: scalar(db, 'SELECT count(*) FROM clients'),
      withOmie: scalar(db, 'SELECT count(omie_codigo) FROM clients'),
    }));
    await expect(window.getByTestId('summary-total-clients')).toHaveText(intBr(truth.total));
    await expect(window.getByTestId('summary-clients-with-omie')).toHaveText(intBr(truth.withOmie));
    await expect(window.getByTestId('sync-button')).toBeEnabled();
  } finally {
    await app.close();
    rmSync(home, { recursive: true, force: true });
  }
});
