/**
 * The Electron composition root: a flat list of setup steps, wiring only (DESIGN.md §1, §8).
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog } from 'electron';
import { toErrorShape } from '../shared/errors';
import {
  setupDatabase,
  setupIpc,
  setupRuntime,
  setupScheduler,
  setupSecurity,
  setupShutdown,
  setupSingleInstance,
  setupVault,
} from './desktop-setup';
import { applyHeapPolicy } from './heap-policy';
import { setupMenu } from './menu';
import { createMainWindow } from './window';

const mainDir = dirname(fileURLToPath(import.meta.url));
let window: BrowserWindow | null = null;

applyHeapPolicy();
app.enableSandbox();
if (!setupSingleInstance(() => window)) app.quit();
else
  void app.whenReady().then(async () => {
    setupSecurity();
    const vault = setupVault();
    const { db, dbUrl } = await setupDatabase(vault);
    const runtime = setupRuntime(db, dbUrl, vault);
    const unregisterIpc = setupIpc(runtime, () => window);
    setupMenu();
    window = createMainWindow(mainDir);
    window.on('closed', () => (window = null));
    const scheduler = setupScheduler(runtime);
    setupShutdown(runtime, scheduler, unregisterIpc);
  }).catch((error: unknown) => {
    dialog.showErrorBox('ness.DATA', `The console could not start: ${toErrorShape(error).message}`);
    app.exit(1);
  });
