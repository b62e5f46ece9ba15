import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { api, type EventPayload } from '../api';

type Progress = EventPayload<'sync:progress'>;
type Finished = EventPayload<'sync:finished'>;

interface SyncEvents {
  /** The latest progress event per run id. */
  progress: ReadonlyMap<string, Progress>;
  /** The latest run that ended, as pushed by main. */
  lastFinished: Finished | null;
}

const SyncEventsContext = createContext<SyncEvents>({ progress: new Map(), lastFinished: null });

/** Subscribes once to the sync push events and refreshes what a finished run changes. */
export function SyncEventsProvider({ children }: { children: ReactNode }): ReactNode {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SyncEvents>({ progress: new Map(), lastFinished: null });

  useEffect(() => {
    const offProgress = api.subscribe('sync:progress', (event) => {
      setState((current) => {
        const progress = new Map(current.progress);
        progress.set(event.runId, event);
        return { ...current, progress };
      });
    });
    const offFinished = api.subscribe('sync:finished', (event) => {
      setState((current) => ({ ...current, lastFinished: event }));
      for (const channel of ['summary:get', 'sync:list-runs', 'omie:status', 'clients:list', 'snapshot:list', 'faturamento:get-range', 'reconciliation:get']) {
        void queryClient.invalidateQueries({ queryKey: [channel] });
      }
    });
    return () => {
      offProgress();
      offFinished();
    };
  }, [queryClient]);

  return <SyncEventsContext.Provider value={state}>{children}</SyncEventsContext.Provider>;
}

export function useSyncEvents(): SyncEvents {
  return useContext(SyncEventsContext);
}
