/**
 * The desktop's secret vault: Omie keys and the database URL encrypted with Electron's
 * safeStorage (the OS keychain: DPAPI, Keychain, libsecret) in a file under userData.
 * The only settings file that imports Electron.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { app, safeStorage } from 'electron';
import { AppError } from '../../shared/errors';
import type { SecretVault, StoredSecrets } from './secret-vault';

const FILE_NAME = 'secrets.bin';

export function safeStorageVault(file = join(app.getPath('userData'), FILE_NAME)): SecretVault {
  let cache: StoredSecrets | null = null;

  const read = (): StoredSecrets => {
    if (cache) return cache;
    cache = {};
    if (existsSync(file) && safeStorage.isEncryptionAvailable()) {
      try {
        const parsed: unknown = JSON.parse(safeStorage.decryptString(readFileSync(file)));
        if (parsed && typeof parsed === 'object') cache = pickStrings(parsed as Record<string, unknown>);
      } catch {
        cache = {}; // unreadable (another user, another machine): behave as not configured
      }
    }
    return cache;
  };

  return {
    source: 'keychain',
    editable: true,
    read,
    write(patch) {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new AppError('internal', 'The operating system keychain is not available; secrets cannot be stored safely.');
      }
      const next = { ...read(), ...patch };
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, safeStorage.encryptString(JSON.stringify(next)), { mode: 0o600 });
      renameSync(tmp, file);
      cache = next;
    },
  };
}

function pickStrings(source: Record<string, unknown>): StoredSecrets {
  const out: StoredSecrets = {};
  for (const key of ['omieAppKey', 'omieAppSecret', 'dbUrl'] as const) {
    const value = source[key];
    if (typeof value === 'string' && value) out[key] = value;
  }
  return out;
}
