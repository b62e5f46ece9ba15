import { toErrorShape } from '../../shared/errors';
import { type RunningScheduler, startScheduler } from '../services/scheduler';
import type { AppRuntime } from '../transport/app-runtime';
import { readAppSettings } from './app-settings';

const CHECK_EVERY_MS = 60_000;

export interface SchedulerSwitch {
  stop(): Promise<void>;
}

/**
 * Runs the in-app scheduler while the "schedule enabled" setting is on (checked every minute, so
 * a change in Configurações takes effect without a restart). Job ends are pushed as
 * `scheduler:job-finished`; `onJobFailed` lets the desktop show a notification.
 */
export function runSchedulerWhileEnabled(app: AppRuntime, hooks: { onJobFailed?: (job: string, message: string) => void; log?: (line: string) => void } = {}): SchedulerSwitch {
  let scheduler: RunningScheduler | null = null;
  let stopped = false;

  const check = async () => {
    let enabled: boolean;
    try {
      enabled = (await readAppSettings(app.deps.db)).scheduleEnabled;
    } catch (error) {
      hooks.log?.(`scheduler: cannot read settings: ${toErrorShape(error).message}`);
      return;
    }
    if (stopped) return;
    if (enabled && !scheduler) {
      scheduler = startScheduler(app.deps, {
        onJobFinished: (result) => {
          app.events.emit('scheduler:job-finished', { job: result.job, dueKey: result.dueKey, status: result.status, message: result.message || null });
          if (result.status === 'error') hooks.onJobFailed?.(result.job, result.message);
        },
        onError: (error) => hooks.log?.(`scheduler: ${toErrorShape(error).message}`),
      });
    } else if (!enabled && scheduler) {
      const current = scheduler;
      scheduler = null;
      await current.stop();
    }
    app.scheduler.running = scheduler !== null;
  };

  void check();
  const timer = setInterval(() => void check(), CHECK_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      const current = scheduler;
      scheduler = null;
      app.scheduler.running = false;
      await current?.stop();
    },
  };
}
