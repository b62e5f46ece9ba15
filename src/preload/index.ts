/**
 * The bridge between the console window and main: exactly `window.nessData = { invoke, on }`,
 * restricted to the contract's call channels and event names (a zod-free list bundled in at
 * build time). Nothing else of Electron or Node reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_IPC_CHANNEL, isCallChannel, isEventName } from '../shared/channel-names';

contextBridge.exposeInMainWorld('nessData', {
  invoke(channel: unknown, input: unknown): Promise<unknown> {
    if (!isCallChannel(channel)) return Promise.reject(new Error(`Unknown call "${String(channel).slice(0, 60)}".`));
    return ipcRenderer.invoke(channel, input);
  },
  on(event: unknown, listener: unknown): () => void {
    if (!isEventName(event)) throw new Error(`Unknown event "${String(event).slice(0, 60)}".`);
    if (typeof listener !== 'function') throw new Error('The listener must be a function.');
    const forward = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) (listener as (payload: unknown) => void)(payload);
    };
    ipcRenderer.on(EVENT_IPC_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_IPC_CHANNEL, forward);
    };
  },
});
