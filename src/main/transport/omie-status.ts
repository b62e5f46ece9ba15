import type { CallOutput } from '../../shared/contract';
import type { Clock } from '../clock';
import { DEFAULT_OMIE_BASE_URL, omieScope } from '../omie/index';
import type { BlockStore } from '../omie/types';
import type { OmieCredentials } from '../settings/settings-store';
import type { EventBus } from './event-bus';

const PROBE_TTL_MS = 60_000;
const PROBE_TIMEOUT_MS = 3_000;
/** Errors that say Omie could not be reached (as opposed to refusing or being misused). */
const UNREACHABLE = new Set(['omie_unavailable', 'offline']);

/**
 * What the console knows about Omie, without spending API calls: whether keys are configured,
 * whether the last contact worked (syncs report it; otherwise a plain HTTP probe of the base
 * URL, cached for a minute), and the end of a 425 block kept in the database.
 */
export class OmieStatus {
  private reachable: boolean | null = null;
  private lastContactAt: number | null = null;
  private message: string | null = null;

  constructor(
    private readonly options: {
      credentials: () => OmieCredentials | null;
      blockStore: BlockStore;
      clock: Clock;
      events: EventBus;
      baseUrl?: () => string;
    },
  ) {
    options.events.listen((event, payload) => {
      if (event !== 'sync:finished') return;
      const finished = payload as CallOutputEvent;
      if (finished.status === 'success') this.record(true, null);
      else if (finished.errorCode && UNREACHABLE.has(finished.errorCode)) this.record(false, finished.message);
    });
  }

  record(reachable: boolean, message: string | null): void {
    this.reachable = reachable;
    this.message = message;
    this.lastContactAt = this.options.clock.now();
  }

  baseUrl(): string {
    return (this.options.baseUrl?.() ?? process.env.OMIE_BASE_URL ?? DEFAULT_OMIE_BASE_URL).replace(/\/+$/, '');
  }

  async status(): Promise<CallOutput<'omie:status'>> {
    const credentials = this.options.credentials();
    const now = this.options.clock.now();
    if (credentials && (this.lastContactAt === null || now - this.lastContactAt > PROBE_TTL_MS)) await this.probe();
    const until = credentials ? await this.options.blockStore.get(omieScope(credentials.appKey)).catch(() => null) : null;
    return {
      configured: credentials !== null,
      baseUrl: this.baseUrl(),
      reachable: this.reachable,
      lastContactAt: this.lastContactAt === null ? null : new Date(this.lastContactAt).toISOString(),
      blockedUntil: until !== null && until > now ? new Date(until).toISOString() : null,
      message: this.message,
    };
  }

  /** Any HTTP answer from the base URL means the network path to Omie works. */
  private async probe(): Promise<void> {
    try {
      await fetch(`${this.baseUrl()}/`, { method: 'GET', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      this.record(true, null);
    } catch {
      this.record(false, 'Omie cannot be reached from this machine; the console works from the persisted data.');
    }
  }
}

type CallOutputEvent = { status: 'success' | 'error'; errorCode: string | null; message: string | null };
