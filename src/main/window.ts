/**
 * The console window and its security: the BrowserWindow options (isolated, sandboxed, no Node),
 * the CSP sent as a response header for every page of the session, and navigation, new windows,
 * webviews and permission requests all denied. Exported piece by piece so tests can assert on it.
 */
import { join } from 'node:path';
import { BrowserWindow, type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './transport/csp';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'ness.DATA',
    backgroundColor: '#f8f9fa',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** Every response of the session carries the console's CSP; no permission (camera, notifications from the page…) is granted. */
export function secureSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The page can neither navigate away, open windows nor attach webviews. */
export function denyNavigation(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Where electron-vite put the preload and the renderer, relative to out/main. */
export function bundlePaths(mainDir: string): { preload: string; rendererHtml: string } {
  return { preload: join(mainDir, '../preload/index.cjs'), rendererHtml: join(mainDir, '../renderer/index.html') };
}

export function createMainWindow(mainDir: string): BrowserWindow {
  const paths = bundlePaths(mainDir);
  const window = new BrowserWindow(mainWindowOptions(paths.preload));
  denyNavigation(window.webContents);
  window.once('ready-to-show', () => window.show());
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl && /^http:\/\/(localhost|127\.0\.0\.1):\d+\/?$/.test(devUrl)) void window.loadURL(devUrl);
  else void window.loadFile(paths.rendererHtml);
  return window;
}
