/** The preload bridge as the renderer sees it: exactly `invoke` and `on`, nothing else. */
export interface NessDataBridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  /** Subscribes to a push event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    nessData?: NessDataBridge;
  }
}

export function desktopBridge(): NessDataBridge | null {
  return typeof window !== 'undefined' && window.nessData ? window.nessData : null;
}
