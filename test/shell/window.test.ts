import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron's binary is not installed here: the shell's options are checked against a stand-in module.
vi.mock('electron', () => ({ BrowserWindow: vi.fn(), app: {}, session: {} }));

const { bundlePaths, denyNavigation, mainWindowOptions, secureSession } = await import('../../src/main/window');
const { CONTENT_SECURITY_POLICY } = await import('../../src/main/transport/csp');

type Listener = (...args: unknown[]) => unknown;

describe('console window', () => {
  it('is isolated, sandboxed and without Node', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options.width).toBe(1280);
    expect(options.height).toBe(800);
  });

  it('loads the CommonJS preload the sandbox needs', () => {
    expect(bundlePaths('/app/out/main')).toEqual({ preload: '/app/out/preload/index.cjs', rendererHtml: '/app/out/renderer/index.html' });
  });

  describe('navigation', () => {
    const listeners = new Map<string, Listener>();
    let openHandler: Listener | undefined;
    const contents = {
      on: (name: string, listener: Listener) => listeners.set(name, listener),
      setWindowOpenHandler: (handler: Listener) => {
        openHandler = handler;
      },
    };
    beforeEach(() => {
      listeners.clear();
      openHandler = undefined;
      denyNavigation(contents as never);
    });

    it('denies navigating away, redirects and webviews', () => {
      for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
        const event = { preventDefault: vi.fn() };
        listeners.get(name)?.(event, 'https://evil.example/');
        expect(event.preventDefault, name).toHaveBeenCalledOnce();
      }
    });

    it('denies window.open', () => {
      expect(openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    });
  });

  describe('session', () => {
    it('sends a strict CSP with every response and grants no permission', () => {
      let headersHook: Listener | undefined;
      let permissionHook: Listener | undefined;
      let checkHook: Listener | undefined;
      const session = {
        webRequest: { onHeadersReceived: (hook: Listener) => (headersHook = hook) },
        setPermissionRequestHandler: (hook: Listener) => (permissionHook = hook),
        setPermissionCheckHandler: (hook: Listener) => (checkHook = hook),
      };
      secureSession(session as never);

      const callback = vi.fn();
      headersHook?.({ responseHeaders: { 'X-Other': ['1'] } }, callback);
      expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });

      const grant = vi.fn();
      permissionHook?.({}, 'media', grant);
      expect(grant).toHaveBeenCalledWith(false);
      expect(checkHook?.()).toBe(false);
    });

    it('uses a CSP without inline or remote scripts', () => {
      const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      expect(directives['default-src']).toEqual(["'self'"]);
      expect(directives['script-src']).toEqual(["'self'"]);
      expect(directives['object-src']).toEqual(["'none'"]);
      expect(directives['frame-ancestors']).toEqual(["'none'"]);
      expect(directives['connect-src']).toEqual(["'self'"]);
      expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    });
  });
});
