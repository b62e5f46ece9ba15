/**
 * §7 Surface. `ness-data serve` (a real process) binds 127.0.0.1 when not told otherwise — nothing
 * answers on this machine's other addresses — answers 401 without the session token, never sends
 * CORS headers and refuses other origins. The Electron shell is checked on the objects it really
 * builds (Electron itself is a stand-in here: its binary is not installed): the window options
 * (contextIsolation, sandbox, no Node), the CSP on every response, navigation/new windows/webviews
 * denied for every web contents, the sandbox enabled app-wide, the dev URL restricted to loopback.
 */
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  const created: { options: unknown; loaded: string[]; contents: { handlers: Map<string, Listener>; openHandler?: Listener } }[] = [];
  const appHandlers = new Map<string, Listener[]>();
  const session = {
    headersHook: undefined as Listener | undefined,
    permissionHook: undefined as Listener | undefined,
    checkHook: undefined as Listener | undefined,
  };
  class BrowserWindow {
    readonly webContents = {
      handlers: new Map<string, Listener>(),
      openHandler: undefined as Listener | undefined,
      on(name: string, listener: Listener) {
        this.handlers.set(name, listener);
      },
      setWindowOpenHandler(handler: Listener) {
        this.openHandler = handler;
      },
    };
    readonly record: (typeof created)[number];
    constructor(options: unknown) {
      this.record = { options, loaded: [], contents: this.webContents };
      created.push(this.record);
    }
    once() {}
    on() {}
    loadFile(path: string) {
      this.record.loaded.push(`file:${path}`);
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
  }
  const app = {
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: () => true,
    whenReady: () => new Promise(() => {}),
    on: (name: string, listener: Listener) => appHandlers.set(name, [...(appHandlers.get(name) ?? []), listener]),
    quit: vi.fn(),
    getVersion: () => 'test',
  };
  const defaultSession = {
    webRequest: { onHeadersReceived: (hook: Listener) => (session.headersHook = hook) },
    setPermissionRequestHandler: (hook: Listener) => (session.permissionHook = hook),
    setPermissionCheckHandler: (hook: Listener) => (session.checkHook = hook),
  };
  return { created, appHandlers, session, BrowserWindow, app, defaultSession };
});

vi.mock('electron', () => ({
  BrowserWindow: electron.BrowserWindow,
  app: electron.app,
  session: { defaultSession: electron.defaultSession },
  dialog: { showErrorBox: vi.fn(), showSaveDialog: vi.fn() },
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  Notification: class {},
  Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn() },
  safeStorage: { isEncryptionAvailable: () => false },
}));

const { createMainWindow } = await import('../../src/main/window');
const { setupSecurity } = await import('../../src/main/desktop-setup');
const { CONTENT_SECURITY_POLICY } = await import('../../src/main/transport/csp');
const { freshDatabase } = await import('../helpers/backends');
const { serveConsole } = await import('../../src/main/transport/serve-console');
const { childEnv, spawnCli } = await import('../helpers/cli-process');
const { lines, report } = await import('./harness');

/** This machine's non-loopback IPv4 addresses. */
function otherAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a): a is NonNullable<typeof a> => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}

function tryConnect(host: string, port: number): Promise<'connected' | 'refused'> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', () => resolve('refused'));
    socket.once('timeout', () => {
      socket.destroy();
      resolve('refused');
    });
  });
}

describe.sequential('§7 surface: ness-data serve', () => {
  const tally = { unauthorized: 0, corsHeaders: 0, foreignOriginRefused: 0, otherAddressesRefused: 0 };
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase('sqlite');
  });
  afterAll(async () => {
    report('surface.serve', {
      bound: '127.0.0.1',
      other_addresses_refused: `${tally.otherAddressesRefused}/${otherAddresses().length}`,
      unauthorized_401: tally.unauthorized,
      cors_headers: tally.corsHeaders,
      foreign_origins_refused: tally.foreignOriginRefused,
    });
    await database?.drop();
  });

  it('the process binds 127.0.0.1, answers 401 without the token, sends no CORS headers', async () => {
    const serve = spawnCli(['--db', database.url, '--json', 'serve'], childEnv());
    try {
      const first = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          if (serve.stdout.includes('\n')) {
            clearInterval(timer);
            resolve(serve.stdout.split('\n')[0]!);
          }
        }, 50);
        void serve.done.then(() => {
          clearInterval(timer);
          reject(new Error(`serve ended: ${serve.stderr}`));
        });
      });
      const { url, host, port } = JSON.parse(first) as { url: string; host: string; port: number };
      expect(host).toBe('127.0.0.1');
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
      const origin = new URL(url).origin;
      const token = new URL(url).searchParams.get('token')!;

      for (const address of otherAddresses()) {
        expect(await tryConnect(address, port), address).toBe('refused');
        tally.otherAddressesRefused += 1;
      }
      expect(await tryConnect('127.0.0.1', port)).toBe('connected');

      for (const auth of [undefined, 'Bearer wrong', `Bearer ${token}x`, `Basic ${token}`]) {
        const response = await fetch(`${origin}/api/summary:get`, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body: '{}' });
        expect(response.status, auth).toBe(401);
        expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
        tally.unauthorized += 1;
      }
      const events = await fetch(`${origin}/api/events?token=nope`);
      expect(events.status).toBe(401);
      tally.unauthorized += 1;

      const preflight = await fetch(`${origin}/api/summary:get`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });
      const foreign = await fetch(`${origin}/api/summary:get`, { method: 'POST', headers: { origin: 'https://evil.example', authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
      const own = await fetch(`${origin}/api/summary:get`, { method: 'POST', headers: { origin, authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
      expect(foreign.status).toBe(403);
      tally.foreignOriginRefused += 1;
      expect(own.status).toBe(200);
      for (const response of [preflight, foreign, own, events]) {
        for (const [name] of response.headers) if (name.startsWith('access-control-')) tally.corsHeaders += 1;
      }
      expect(tally.corsHeaders).toBe(0);
    } finally {
      serve.kill('SIGTERM');
      const out = await serve.done;
      expect(out.signal === 'SIGTERM' || out.code === 0, out.stderr).toBe(true);
      expect(lines(out.stderr).filter((l) => /warning/.test(l))).toEqual([]);
    }
  });

  it('binds elsewhere only when told to', async () => {
    const told = await serveConsole({ db: database.db, dbUrl: database.url, host: '0.0.0.0', rendererDir: '/nonexistent', env: {} });
    const byDefault = await serveConsole({ db: database.db, dbUrl: database.url, rendererDir: '/nonexistent', env: {} });
    try {
      expect((byDefault.http.server.address() as { address: string }).address).toBe('127.0.0.1');
      expect((told.http.server.address() as { address: string }).address).toBe('0.0.0.0');
    } finally {
      await told.stop();
      await byDefault.stop();
    }
  });
});

describe('§7 surface: the Electron shell', () => {
  it('creates its window isolated, sandboxed, without Node, loading only its own files', () => {
    delete process.env.ELECTRON_RENDERER_URL;
    createMainWindow('/app/out/main');
    process.env.ELECTRON_RENDERER_URL = 'https://evil.example/';
    createMainWindow('/app/out/main');
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    createMainWindow('/app/out/main');
    delete process.env.ELECTRON_RENDERER_URL;

    expect(electron.created).toHaveLength(3);
    for (const window of electron.created) {
      const options = window.options as { webPreferences: Record<string, unknown> };
      expect(options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      });
      expect(options.webPreferences.preload).toBe('/app/out/preload/index.cjs');
    }
    expect(electron.created.map((w) => w.loaded)).toEqual([['file:/app/out/renderer/index.html'], ['file:/app/out/renderer/index.html'], ['http://localhost:5173']]);
  });

  it('denies navigation, redirects, webviews and new windows in the window it creates', () => {
    const contents = electron.created[0]!.contents;
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      contents.handlers.get(name)?.(event, 'https://evil.example/');
      expect(event.preventDefault, name).toHaveBeenCalledOnce();
    }
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('enables the sandbox app-wide and secures the session and every later web contents', async () => {
    await import('../../src/main/index');
    expect(electron.app.enableSandbox).toHaveBeenCalled();

    setupSecurity();
    const callback = vi.fn();
    electron.session.headersHook?.({ responseHeaders: { 'Content-Security-Policy': ["default-src *"] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    const grant = vi.fn();
    electron.session.permissionHook?.({}, 'geolocation', grant);
    expect(grant).toHaveBeenCalledWith(false);
    expect(electron.session.checkHook?.()).toBe(false);

    const later = { handlers: new Map<string, Listener>(), openHandler: undefined as Listener | undefined };
    const contents = { on: (n: string, l: Listener) => later.handlers.set(n, l), setWindowOpenHandler: (h: Listener) => (later.openHandler = h) };
    for (const listener of electron.appHandlers.get('web-contents-created') ?? []) listener({}, contents);
    const event = { preventDefault: vi.fn() };
    later.handlers.get('will-navigate')?.(event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(later.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });

    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([n, ...v]) => [n, v]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/);
    report('surface.electron', {
      windows_checked: electron.created.length,
      contextIsolation: 'true',
      sandbox: 'true(window+app)',
      nodeIntegration: 'false',
      csp: 'every-response',
      navigation: 'denied',
      new_windows: 'denied',
      permissions: 'denied',
    });
  });
});
