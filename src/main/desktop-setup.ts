/**
 * The desktop app's setup steps (Electron-only), each one job, called in order by index.ts.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import { app, type BrowserWindow, dialog, ipcMain, Notification, session } from 'electron';
import { toErrorShape } from '../shared/errors';
import { createDb } from './db/create-db';
import { migrateToLatest } from './db/migrator';
import type { DB } from './db/schema';
import { defaultDbUrl } from './paths';
import { writeFileAtomic } from './services/reconciliation-export';
import { safeStorageVault } from './settings/safe-storage-vault';
import type { SecretVault } from './settings/secret-vault';
import { runSchedulerWhileEnabled, type SchedulerSwitch } from './settings/scheduler-switch';
import { type AppRuntime, createAppRuntime } from './transport/app-runtime';
import { registerIpcTransport } from './transport/ipc';
import { denyNavigation, secureSession } from './window';

export function setupSingleInstance(getWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const window = getWindow();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  return true;
}

export function setupSecurity(): void {
  secureSession(session.defaultSession);
  // Any web contents created later (devtools excluded) gets the same navigation rules.
  app.on('web-contents-created', (_event, contents) => denyNavigation(contents));
}

export function setupVault(): SecretVault {
  return safeStorageVault();
}

/** Opens the configured database (or the default SQLite file when it cannot be opened) and migrates it. */
export async function setupDatabase(vault: SecretVault): Promise<{ db: Kysely<DB>; dbUrl: string }> {
  const configured = vault.read().dbUrl;
  const fallback = defaultDbUrl();
  for (const url of configured ? [configured, fallback] : [fallback]) {
    try {
      if (url === fallback) mkdirSync(dirname(url.slice('sqlite:'.length)), { recursive: true });
      const db = await createDb(url);
      await migrateToLatest(db);
      return { db, dbUrl: url };
    } catch (error) {
      if (url === fallback) throw error;
      dialog.showErrorBox('ness.DATA', `The configured database cannot be used (${toErrorShape(error).message}). Opening the local SQLite database instead.`);
    }
  }
  throw new Error('unreachable');
}

export function setupRuntime(db: Kysely<DB>, dbUrl: string, vault: SecretVault): AppRuntime {
  return createAppRuntime({ db, dbUrl, vault, transport: 'ipc', version: app.getVersion() });
}

export function setupIpc(runtime: AppRuntime, getWindow: () => BrowserWindow | null): () => void {
  return registerIpcTransport({
    ipcMain,
    app: runtime,
    webContents: () => getWindow()?.webContents ?? null,
    saveFile: async (file) => {
      const window = getWindow();
      const options = { defaultPath: file.filename, filters: [{ name: 'CSV', extensions: ['csv'] }] };
      const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return null;
      await writeFileAtomic(choice.filePath, file.body);
      return choice.filePath;
    },
  });
}

export function setupScheduler(runtime: AppRuntime): SchedulerSwitch {
  return runSchedulerWhileEnabled(runtime, {
    onJobFailed: (job, message) => {
      if (Notification.isSupported()) new Notification({ title: 'ness.DATA: agendamento falhou', body: `${job}: ${message}` }).show();
    },
    log: (line) => console.error(line),
  });
}

/** Before quitting: stop the scheduler, cancel running syncs, close the database. */
export function setupShutdown(runtime: AppRuntime, scheduler: SchedulerSwitch, unregisterIpc: () => void): void {
  let done = false;
  app.on('before-quit', (event) => {
    if (done) return;
    event.preventDefault();
    done = true;
    void (async () => {
      unregisterIpc();
      await scheduler.stop().catch(() => {});
      await runtime.syncJobs.stopAll().catch(() => {});
      await runtime.deps.db.destroy().catch(() => {});
      app.quit();
    })();
  });
  app.on('window-all-closed', () => app.quit());
}
