import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readAppSettings } from '../../src/main/settings/app-settings';
import { describeDatabase } from '../../src/main/settings/database-info';
import type { SecretVault, StoredSecrets } from '../../src/main/settings/secret-vault';
import { createSettingsStore } from '../../src/main/settings/settings-store';
import { testDatabaseConnection } from '../../src/main/settings/test-connection';
import { describeBackends } from '../helpers/backends';

// Electron's safeStorage stands in as a reversible byte transform (the real one needs the OS keychain).
vi.mock('electron', () => ({
  app: { getPath: () => tmpdir() },
  safeStorage: {
    isEncryptionAvailable: () => true,
    encryptString: (text: string) => Buffer.from(text, 'utf8').map((b) => b ^ 0x5a),
    decryptString: (buffer: Buffer) => Buffer.from(buffer.map((b) => b ^ 0x5a)).toString('utf8'),
  },
}));

function memoryVault(): SecretVault & { stored: StoredSecrets } {
  const vault = {
    source: 'keychain' as const,
    editable: true,
    stored: {} as StoredSecrets,
    read: () => vault.stored,
    write: (patch: StoredSecrets) => {
      vault.stored = { ...vault.stored, ...patch };
    },
  };
  return vault;
}

describe('database description', () => {
  it('never shows a password or query options', () => {
    expect(describeDatabase('postgres://analyst:s3cr3t@db.example.com:5432/ness?sslmode=require&schema=finance')).toEqual({
      kind: 'postgres',
      location: 'postgres://analyst@db.example.com:5432/ness?schema=finance',
    });
    expect(describeDatabase('sqlite:/home/ana/.config/ness-data/ness-data.sqlite')).toEqual({ kind: 'sqlite', location: '/home/ana/.config/ness-data/ness-data.sqlite' });
  });
});

describeBackends('settings store', (t) => {
  it('keeps Omie keys write-only in the desktop vault and reports only that they are configured', async () => {
    const vault = memoryVault();
    const store = createSettingsStore({ db: t.db, vault, transport: 'ipc', dbUrl: t.url });
    expect((await store.view()).omie).toEqual({ configured: false, source: 'none', editable: true });
    await expect(store.update({ omieAppKey: 'only-the-key' })).rejects.toMatchObject({ code: 'bad_input' });
    const view = await store.update({ omieAppKey: '1234567890123', omieAppSecret: 'top-secret-value' });
    expect(view.omie).toEqual({ configured: true, source: 'keychain', editable: true });
    expect(JSON.stringify(view)).not.toContain('top-secret-value');
    expect(JSON.stringify(view)).not.toContain('1234567890123');
    expect(store.omieCredentials()).toEqual({ appKey: '1234567890123', appSecret: 'top-secret-value' });
  });

  it('stores a new database URL for the next start, redacted in the view', async () => {
    const vault = memoryVault();
    const store = createSettingsStore({ db: t.db, vault, transport: 'ipc', dbUrl: t.url });
    await expect(store.update({ dbUrl: 'mysql://x' })).rejects.toMatchObject({ code: 'bad_input' });
    const view = await store.update({ dbUrl: 'postgres://ana:pw123@db.example.com:5432/ness' });
    expect(view.database).toEqual({ kind: 'postgres', location: 'postgres://ana@db.example.com:5432/ness', editable: true });
    expect(view.restartRequired).toBe(true);
    expect(vault.stored.dbUrl).toBe('postgres://ana:pw123@db.example.com:5432/ness');
  });

  it('keeps tolerance, schedule and suppliers in the database', async () => {
    const store = createSettingsStore({ db: t.db, vault: memoryVault(), transport: 'ipc', dbUrl: t.url });
    await store.update({ tolerance: '1,50', scheduleEnabled: false, includeSuppliers: true });
    expect(await readAppSettings(t.db)).toEqual({ tolerance: 150n, scheduleEnabled: false, includeSuppliers: true });
    const row = await t.db.selectFrom('app_state').select('value').where('key', '=', 'clients.include_suppliers').executeTakeFirst();
    expect(row?.value).toBe('true');
    await expect(store.update({ tolerance: 'muito' })).rejects.toMatchObject({ code: 'bad_input' });
  });

  it('tests a connection without creating anything', async () => {
    expect(await testDatabaseConnection(t.url)).toMatchObject({ reachable: true, database: { kind: t.backend }, error: null });
    expect(await testDatabaseConnection('nonsense')).toMatchObject({ reachable: false, error: { code: 'db_config' } });
    const missing = await testDatabaseConnection('sqlite:/definitely/not/here/x.sqlite');
    expect(missing).toMatchObject({ reachable: false, error: { code: 'db_config' } });
    const refused = await testDatabaseConnection('postgres://nobody@127.0.0.1:1/none');
    expect(refused.reachable).toBe(false);
    expect(refused.error?.code).toMatch(/^db_/);
  });
});

describe('safeStorage vault', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ness-vault-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes secrets encrypted and reads them back', async () => {
    const { safeStorageVault } = await import('../../src/main/settings/safe-storage-vault');
    const file = join(dir, 'secrets.bin');
    safeStorageVault(file).write({ omieAppKey: 'key-123', omieAppSecret: 'secret-456' });
    expect(readFileSync(file).toString('utf8')).not.toContain('secret-456');
    expect(safeStorageVault(file).read()).toEqual({ omieAppKey: 'key-123', omieAppSecret: 'secret-456' });
  });
});
