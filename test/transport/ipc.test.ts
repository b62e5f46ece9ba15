import { afterAll, beforeAll, expect, it } from 'vitest';
import { EVENT_IPC_CHANNEL } from '../../src/shared/channel-names';
import { CALL_CHANNELS, contract } from '../../src/shared/contract';
import { createAppRuntime, type AppRuntime } from '../../src/main/transport/app-runtime';
import type { FileDelivery } from '../../src/main/transport/dispatch';
import { type InvokeEventLike, type IpcMainLike, registerIpcTransport, type WebContentsLike } from '../../src/main/transport/ipc';
import { envVault } from '../../src/main/settings/secret-vault';
import { codecsFor } from '../../src/main/db/codecs';
import { describeBackends } from '../helpers/backends';

/** Stand-ins for the three Electron objects the IPC transport touches (the transport itself is real). */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: InvokeEventLike, input: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, input);
  }
}

function fakeContents(): WebContentsLike & { sent: unknown[][] } {
  const sent: unknown[][] = [];
  return { mainFrame: { name: 'main' }, sent, send: (...args: unknown[]) => void sent.push(args), isDestroyed: () => false };
}

describeBackends('IPC transport', (t) => {
  let app: AppRuntime;
  const ipcMain = new FakeIpcMain();
  const contents = fakeContents();
  const saved: FileDelivery[] = [];
  let unregister: () => void;
  const fromWindow = (): InvokeEventLike => ({ sender: contents, senderFrame: contents.mainFrame });

  beforeAll(() => {
    app = createAppRuntime({ db: t.db, dbUrl: t.url, transport: 'ipc', vault: envVault({}), version: 'test' });
    unregister = registerIpcTransport({
      ipcMain,
      app,
      webContents: () => contents,
      saveFile: async (file) => {
        saved.push(file);
        return `/tmp/${file.filename}`;
      },
    });
  });
  afterAll(() => unregister());

  it('registers exactly one handler per contract channel', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CALL_CHANNELS].sort());
    expect([...CALL_CHANNELS].sort()).toEqual(Object.keys(contract).sort());
  });

  it('answers calls from our window with the envelope', async () => {
    const result = await ipcMain.invoke('summary:get', fromWindow(), undefined);
    expect(result).toMatchObject({ ok: true, data: { totalClients: 0, clientsWithOmie: 0 } });
    const info = await ipcMain.invoke('app:info', fromWindow(), {});
    expect(info).toMatchObject({ ok: true, data: { transport: 'ipc', version: 'test', database: { kind: t.backend } } });
  });

  it('refuses calls from another sender or a sub-frame', async () => {
    const other = fakeContents();
    expect(await ipcMain.invoke('summary:get', { sender: other, senderFrame: other.mainFrame }, {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await ipcMain.invoke('summary:get', { sender: contents, senderFrame: { name: 'iframe' } }, {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await ipcMain.invoke('summary:get', { sender: contents, senderFrame: null }, {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('turns malformed input into bad_input without throwing', async () => {
    for (const input of [{ limit: 'all' }, { limit: 5000 }, 42, 'x', [null]]) {
      expect(await ipcMain.invoke('clients:list', fromWindow(), input)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    }
    expect(await ipcMain.invoke('settings:set', fromWindow(), { tolerance: 'dez reais' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('reports Omie as not configured when no keys are set, as data', async () => {
    expect(await ipcMain.invoke('sync:start-clients', fromWindow(), {})).toMatchObject({ ok: false, error: { code: 'omie_not_configured' } });
    expect(await ipcMain.invoke('omie:status', fromWindow(), {})).toMatchObject({ ok: true, data: { configured: false } });
  });

  it('exports the reconciliation CSV through the save dialog and answers with the path', async () => {
    const codecs = codecsFor(t.db);
    await t.db.insertInto('clients').values({ id: '33333333-3333-4333-8333-333333333333', name: 'Oficina Boa Vista', document: null, contact_email: null, omie_codigo: '777' }).execute();
    await t.db.insertInto('contracts').values({ id: '44444444-4444-4444-8444-444444444444', client_id: '33333333-3333-4333-8333-333333333333', mrr: codecs.moneyToDb(500_00n), start_date: '2026-01-01', end_date: null }).execute();
    await t.db.insertInto('erp_revenue_period').values({ period: '2026-09-01', synced_at: '2026-10-01T10:00:00.000Z', run_id: null, clients: 1, titles: 1, total: codecs.moneyToDb(450_00n), closed_at: null, closed_by: null }).execute();
    await t.db.insertInto('erp_revenue_snapshot').values({ id: '55555555-5555-4555-8555-555555555555', period: '2026-09-01', omie_codigo: '777', valor: codecs.moneyToDb(450_00n) }).execute();

    const result = await ipcMain.invoke('reconciliation:export-csv', fromWindow(), { period: '2026-09', dialect: 'excel-br' });
    expect(result).toEqual({ ok: true, data: { path: '/tmp/conciliacao-2026-09.csv', filename: 'conciliacao-2026-09.csv', rows: 1 } });
    const file = saved.at(-1)!;
    expect(file.contentType).toMatch(/^text\/csv/);
    expect(String(file.body)).toContain('Oficina Boa Vista');
    expect(String(file.body)).toContain('-50,00');

    const table = await ipcMain.invoke('reconciliation:get', fromWindow(), { period: '2026-09' });
    expect(table).toMatchObject({ ok: true, data: { total: 1, rows: [{ clientName: 'Oficina Boa Vista', mrr: '500.00', faturado: '450.00', diferenca: '-50.00', status: 'under' }] } });
  });

  it('forwards push events to the window', () => {
    app.events.emit('scheduler:job-finished', { job: 'aggregate-events', dueKey: '2026-10-31', status: 'error', message: 'x' });
    expect(contents.sent.at(-1)).toEqual([EVENT_IPC_CHANNEL, 'scheduler:job-finished', { job: 'aggregate-events', dueKey: '2026-10-31', status: 'error', message: 'x' }]);
  });
});
