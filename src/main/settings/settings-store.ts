import type { Kysely } from 'kysely';
import type { CallInput, SettingsView } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { formatMoney, parseMoneyInput } from '../../shared/money';
import type { DB } from '../db/schema';
import { readAppSettings, writeAppSettings } from './app-settings';
import { describeDatabase } from './database-info';
import type { SecretVault } from './secret-vault';

export interface OmieCredentials {
  appKey: string;
  appSecret: string;
}

/** The settings the UI sees and changes; secrets go into the vault and never come back out. */
export interface SettingsStore {
  view(): Promise<SettingsView>;
  update(patch: CallInput<'settings:set'>): Promise<SettingsView>;
  omieCredentials(): OmieCredentials | null;
  /** Called when the Omie keys change, so a cached client is dropped. */
  onCredentialsChanged(listener: () => void): void;
}

export interface SettingsStoreOptions {
  db: Kysely<DB>;
  vault: SecretVault;
  transport: 'ipc' | 'http';
  /** The URL this process opened. */
  dbUrl: string;
  now?: () => number;
}

export function createSettingsStore({ db, vault, transport, dbUrl, now = Date.now }: SettingsStoreOptions): SettingsStore {
  const listeners = new Set<() => void>();
  const credentials = (): OmieCredentials | null => {
    const { omieAppKey, omieAppSecret } = vault.read();
    return omieAppKey && omieAppSecret ? { appKey: omieAppKey, appSecret: omieAppSecret } : null;
  };

  async function view(): Promise<SettingsView> {
    const settings = await readAppSettings(db);
    const configured = credentials() !== null;
    const storedUrl = vault.editable ? vault.read().dbUrl : undefined;
    return {
      transport,
      tolerance: formatMoney(settings.tolerance),
      scheduleEnabled: settings.scheduleEnabled,
      includeSuppliers: settings.includeSuppliers,
      database: { ...describeDatabase(storedUrl ?? dbUrl), editable: vault.editable },
      omie: { configured, source: configured ? vault.source : 'none', editable: vault.editable },
      restartRequired: storedUrl !== undefined && storedUrl !== dbUrl,
    };
  }

  async function update(patch: CallInput<'settings:set'>): Promise<SettingsView> {
    const touchesVault = patch.dbUrl !== undefined || patch.omieAppKey !== undefined || patch.omieAppSecret !== undefined;
    if (touchesVault && !vault.editable) {
      throw new AppError('bad_input', 'Under `ness-data serve` the database URL and Omie keys come from the environment (--db, OMIE_APP_KEY, OMIE_APP_SECRET).');
    }
    if ((patch.omieAppKey === undefined) !== (patch.omieAppSecret === undefined) && credentials() === null) {
      throw new AppError('bad_input', 'Enter both the Omie app key and the app secret.');
    }
    if (patch.dbUrl !== undefined && !/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(patch.dbUrl)) {
      throw new AppError('bad_input', 'The database must be sqlite:PATH or postgres://user@host:port/database.');
    }
    let tolerance;
    if (patch.tolerance !== undefined) {
      try {
        tolerance = parseMoneyInput(patch.tolerance);
      } catch {
        throw new AppError('bad_input', 'tolerance: amount must look like 0.01 or 0,01');
      }
    }
    await writeAppSettings(
      db,
      { tolerance, scheduleEnabled: patch.scheduleEnabled, includeSuppliers: patch.includeSuppliers },
      new Date(now()).toISOString(),
    );
    if (touchesVault) {
      vault.write({
        ...(patch.dbUrl === undefined ? {} : { dbUrl: patch.dbUrl }),
        ...(patch.omieAppKey === undefined ? {} : { omieAppKey: patch.omieAppKey }),
        ...(patch.omieAppSecret === undefined ? {} : { omieAppSecret: patch.omieAppSecret }),
      });
      if (patch.omieAppKey !== undefined || patch.omieAppSecret !== undefined) for (const listener of listeners) listener();
    }
    return view();
  }

  return {
    view,
    update,
    omieCredentials: credentials,
    onCredentialsChanged: (listener) => {
      listeners.add(listener);
    },
  };
}
