import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'vite';
import { describe, expect, it, vi } from 'vitest';
import { CALL_CHANNELS, EVENT_IPC_CHANNEL, EVENT_NAMES } from '../../src/shared/channel-names';
import { contract, events } from '../../src/shared/contract';

/** A stand-in for the two Electron modules the preload touches, recording what it exposes. */
function fakeElectron() {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, data: { channel, input } })),
      on: (channel: string, fn: (...args: unknown[]) => void) => listeners.set(channel, [...(listeners.get(channel) ?? []), fn]),
      removeListener: (channel: string, fn: (...args: unknown[]) => void) => listeners.set(channel, (listeners.get(channel) ?? []).filter((f) => f !== fn)),
    },
  };
  const emit = (...args: unknown[]) => {
    for (const fn of listeners.get(EVENT_IPC_CHANNEL) ?? []) fn({}, ...args);
  };
  return { electron, exposed, emit };
}

interface Bridge {
  invoke(channel: unknown, input: unknown): Promise<unknown>;
  on(event: unknown, listener: unknown): () => void;
}

async function checkBridge(exposed: Map<string, unknown>, emit: (...args: unknown[]) => void, invoke: ReturnType<typeof vi.fn>) {
  expect([...exposed.keys()]).toEqual(['nessData']);
  const bridge = exposed.get('nessData') as Bridge;
  expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);

  for (const channel of CALL_CHANNELS) await expect(bridge.invoke(channel, { a: 1 })).resolves.toMatchObject({ ok: true });
  expect(invoke).toHaveBeenCalledTimes(CALL_CHANNELS.length);
  for (const channel of ['ness-data:event', 'ELECTRON_BROWSER_REQUIRE', 'settings:secret', '__proto__', 42]) {
    await expect(bridge.invoke(channel, {})).rejects.toThrow(/Unknown call/);
  }
  expect(invoke).toHaveBeenCalledTimes(CALL_CHANNELS.length);

  const seen: unknown[] = [];
  const off = bridge.on('sync:progress', (payload: unknown) => seen.push(payload));
  emit('sync:progress', { page: 1 });
  emit('sync:finished', { runId: 'r' });
  off();
  emit('sync:progress', { page: 2 });
  expect(seen).toEqual([{ page: 1 }]);
  expect(() => bridge.on('not-an-event', () => {})).toThrow(/Unknown event/);
}

describe('preload bridge', () => {
  it('lists exactly the contract (channels and events)', () => {
    expect([...CALL_CHANNELS].sort()).toEqual(Object.keys(contract).sort());
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
  });

  it('exposes only window.nessData = { invoke, on }, restricted to the contract (source)', async () => {
    const fake = fakeElectron();
    vi.doMock('electron', () => fake.electron);
    await import('../../src/preload/index');
    await checkBridge(fake.exposed, fake.emit, fake.electron.ipcRenderer.invoke);
    vi.doUnmock('electron');
  });

  const built = join(process.cwd(), 'out', 'preload', 'index.cjs');
  it.skipIf(!existsSync(built))('the electron-vite build (out/preload) requires only electron and exposes only the contract', async () => {
    await checkBundle(readFileSync(built, 'utf8'));
  });

  it('bundled as CommonJS for the sandbox, it requires only electron and exposes only the contract', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'ness-preload-'));
    try {
      await build({
        configFile: false,
        logLevel: 'silent',
        build: {
          outDir,
          emptyOutDir: true,
          minify: false,
          ssr: true,
          rollupOptions: { input: join(process.cwd(), 'src/preload/index.ts'), external: ['electron'], output: { format: 'cjs', entryFileNames: 'index.cjs' } },
        },
      });
      await checkBundle(readFileSync(join(outDir, 'index.cjs'), 'utf8'));
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  async function checkBundle(code: string) {
    const fake = fakeElectron();
    const required: string[] = [];
    runInNewContext(code, {
      require: (name: string) => {
        required.push(name);
        if (name !== 'electron') throw new Error(`preload requires ${name}`);
        return fake.electron;
      },
      module: { exports: {} },
      exports: {},
      Promise,
      Error,
      String,
    });
    expect([...new Set(required)]).toEqual(['electron']);
    await checkBridge(fake.exposed, fake.emit, fake.electron.ipcRenderer.invoke);
  }
});
