/**
 * The IPC transport of the desktop app: one ipcMain.handle per contract channel, registered by
 * walking the contract. Each call checks that it comes from our window's main frame, parses its
 * input and answers with the contract's envelope; push events go to the window with
 * webContents.send. Written against the few Electron shapes it uses, so it is testable in Node.
 */
import { CALL_CHANNELS, EVENT_IPC_CHANNEL } from '../../shared/channel-names';
import type { Result } from '../../shared/contract';
import type { AppRuntime } from './app-runtime';
import { dispatch, type FileDelivery } from './dispatch';

/** The part of an IpcMainInvokeEvent we read. */
export interface InvokeEventLike {
  senderFrame: unknown;
  sender: unknown;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  mainFrame: unknown;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface IpcTransportOptions {
  ipcMain: IpcMainLike;
  app: AppRuntime;
  /** Our window's contents; calls from any other sender or frame are refused. */
  webContents: () => WebContentsLike | null;
  /** Shows a save dialog and writes the file; null when the analyst cancels. */
  saveFile: (file: FileDelivery) => Promise<string | null>;
}

const refused: Result<never> = { ok: false, error: { code: 'unauthorized', message: 'This call did not come from the console window.' } };

/** Registers every channel; returns the function that removes them again. */
export function registerIpcTransport({ ipcMain, app, webContents, saveFile }: IpcTransportOptions): () => void {
  const isOurMainFrame = (event: InvokeEventLike): boolean => {
    const contents = webContents();
    return contents !== null && !contents.isDestroyed() && event.sender === contents && event.senderFrame === contents.mainFrame;
  };
  for (const channel of CALL_CHANNELS) {
    ipcMain.handle(channel, async (event, input) => {
      if (!isOurMainFrame(event)) return refused;
      return dispatch(channel, input, { app, deliverFile: saveFile });
    });
  }
  const unlisten = app.events.listen((event, payload) => {
    const contents = webContents();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_IPC_CHANNEL, event, payload);
  });
  return () => {
    unlisten();
    for (const channel of CALL_CHANNELS) ipcMain.removeHandler(channel);
  };
}
