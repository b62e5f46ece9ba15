/** The secrets the console keeps outside the database: Omie keys and (desktop) the database URL. */
export interface StoredSecrets {
  omieAppKey?: string;
  omieAppSecret?: string;
  dbUrl?: string;
}

/**
 * Where secrets live. Desktop: the OS keychain through Electron's safeStorage (editable).
 * `serve`, CLI and demo: the environment, read-only — the settings API only says whether keys are set.
 */
export interface SecretVault {
  readonly source: 'keychain' | 'env';
  readonly editable: boolean;
  read(): StoredSecrets;
  /** Throws AppError('bad_input') when the vault is read-only. */
  write(patch: StoredSecrets): void;
}

/** Secrets from OMIE_APP_KEY / OMIE_APP_SECRET; the database URL is whatever the process was started with. */
export function envVault(env: NodeJS.ProcessEnv = process.env): SecretVault {
  return {
    source: 'env',
    editable: false,
    read: () => ({
      ...(env.OMIE_APP_KEY?.trim() ? { omieAppKey: env.OMIE_APP_KEY.trim() } : {}),
      ...(env.OMIE_APP_SECRET?.trim() ? { omieAppSecret: env.OMIE_APP_SECRET.trim() } : {}),
    }),
    write() {
      throw new Error('read-only vault');
    },
  };
}
