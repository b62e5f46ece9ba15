import { setImmediate } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { OmieCliente, OmiePage } from '../omie/types';
import { capabilitiesOf } from '../db/capabilities';
import { crashPoint } from '../testing/crash-hook';
import { applyClientsPage } from './clients-apply';
import type { ServiceDeps } from './deps';
import { type SyncRunCounts, updateSyncRunCounts } from './sync-run';

/**
 * The database side of a clients sync. On SQLite pages are held as they arrive and written
 * together, in one transaction with the run's counters, when PAGES_PER_COMMIT are held — or
 * earlier, whenever the caller has to wait for Omie anyway (it calls commit() then). A SQLite commit
 * writes every index page the rows touched (names and documents land all over their indexes) on
 * this thread: ~4 ms per 500-client page when each is its own transaction, ~1.5 ms grouped by ten.
 * But the thread is busy for the whole group, and a group of ten kept the requests waiting
 * (100k clients: ~4.9 s, a third of it idle); groups of two to five, with three pages read ahead,
 * take ~4.0–4.5 s with ~5 % idle (five: the fewest commits among them). On Postgres
 * each page is committed as it arrives: a commit there only costs a wait, during which the next
 * page is being fetched (holding ten stalled it: 1.9–2.1× the bench's floor instead of 1.4–1.6×).
 * No transaction is ever open while Omie is being waited for; a crash loses at most the pages held,
 * which the next run reads again — the cursor moves only after a successful run. The caller
 * commits what is held when the pages end, fail or are cancelled.
 */
export const PAGES_PER_COMMIT = 5;

/** Pages per commit on this storage (see above). */
export function pagesPerCommitOn(db: Kysely<DB>): number {
  return capabilitiesOf(db).inProcess ? PAGES_PER_COMMIT : 1;
}

export interface ClientsWriterOptions {
  runId: string;
  /** app_state 'clients.include_suppliers'. */
  includeSuppliers: boolean;
  /** Whether hand-made clients with a document exist (see applyClientsPage). */
  linkByDocument: boolean;
  /** The table held no Omie client when the run began: only codes this run stored are looked up. */
  firstSync: boolean;
}

export interface ClientsWriter {
  /** Every omie_codigo the committed pages carried (customers or not): for --full's vanished report. */
  readonly seen: ReadonlySet<string>;
  /** Pages held, not committed yet. */
  readonly held: number;
  /** Holds a page; commits the held pages when there are enough (pagesPerCommitOn). True when it committed. */
  add(page: OmiePage<OmieCliente>): Promise<boolean>;
  /** Commits the pages held (none: nothing to do). */
  commit(): Promise<void>;
}

/** `counts` is the run's running total: updated in place after each commit. */
export function clientsWriter(deps: Pick<ServiceDeps, 'db' | 'clock'>, counts: SyncRunCounts, options: ClientsWriterOptions): ClientsWriter {
  const held: OmiePage<OmieCliente>[] = [];
  const pagesPerCommit = pagesPerCommitOn(deps.db);
  const seen = new Set<string>();

  async function commit(): Promise<void> {
    if (held.length === 0) return;
    const pages = held.splice(0);
    const now = new Date(deps.clock.now()).toISOString();
    const after = await deps.db.transaction().execute(async (trx) => {
      const total = { ...counts };
      for (const page of pages) {
        const outcome = await applyClientsPage(trx, page, {
          runId: options.runId,
          now,
          includeSuppliers: options.includeSuppliers,
          linkByDocument: options.linkByDocument,
          ...(options.firstSync ? { storedCodes: seen } : {}),
        });
        for (const code of outcome.seen) seen.add(code);
        total.inserted += outcome.inserted;
        total.updated += outcome.updated;
        total.unchanged += outcome.unchanged;
        total.skipped += outcome.skipped;
        total.pages += 1;
        // let waiting I/O run between pages (the next Omie request goes out while this commit works)
        await setImmediate();
      }
      await updateSyncRunCounts({ ...deps, db: trx }, options.runId, total);
      crashPoint('page-commit');
      return total;
    });
    Object.assign(counts, after);
  }

  return {
    seen,
    get held() {
      return held.length;
    },
    async add(page) {
      held.push(page);
      if (held.length < pagesPerCommit) return false;
      await commit();
      return true;
    },
    commit,
  };
}
