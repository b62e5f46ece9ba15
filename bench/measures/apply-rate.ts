/**
 * applyRate.ratio: rows/s of the sync's DB apply ÷ rows/s of a raw better-sqlite3 prepared upsert
 * loop in one transaction, over the same pre-built rows (the parsed pages a sync received).
 *
 * The apply runs as the sync runs it: the sync's writer (clients-writer.ts: pages held and
 * committed PAGES_PER_COMMIT (five) at a time with the run's counters) after the sync's bulk-write preparation, into a
 * fresh migrated SQLite file. The raw loop upserts the same records (ids drawn beforehand) by
 * omie_codigo into another fresh file, in one transaction. Also reported, not targeted: every page
 * applied in one transaction, which separates the cost of committing from the apply itself.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { systemClock } from '../../src/main/clock';
import { prepareForBulkWrites } from '../../src/main/db/bulk-writes';
import type { DB } from '../../src/main/db/schema';
import type { OmieCliente, OmiePage } from '../../src/main/omie/types';
import { applyClientsPage } from '../../src/main/services/clients-apply';
import { clientsWriter } from '../../src/main/services/clients-writer';
import type { BenchContext } from '../lib/context';
import { round } from '../lib/context';
import { migratedSqlite, rawSqlite } from '../lib/databases';
import { median, sideBySide, timed } from '../lib/timing';

export interface ApplyRateFigures {
  ratio: number;
  rowsPerSec: number;
  floorRowsPerSec: number;
  ms: number;
  floorMs: number;
  rows: number;
  pages: number;
  /** Info: the apply with all pages in one transaction. */
  oneTransaction: { rowsPerSec: number; ms: number; ratio: number };
}

const RAW_UPSERT = `insert into clients (id, name, document, contact_email, omie_codigo, omie_inativo, omie_tags, omie_altered_at, omie_missing_since, updated_at)
values (?, ?, ?, ?, ?, ?, ?, ?, null, ?)
on conflict (omie_codigo) where omie_codigo is not null do update set
  name = excluded.name, document = excluded.document, contact_email = excluded.contact_email, omie_inativo = excluded.omie_inativo,
  omie_tags = excluded.omie_tags, omie_altered_at = excluded.omie_altered_at, omie_missing_since = null, updated_at = excluded.updated_at`;

type RawRow = [string, string, string | null, string | null, string, number, string | null, string | null, string];

async function withRun(db: Kysely<DB>, now: string): Promise<string> {
  const runId = randomUUID();
  await db.insertInto('erp_sync_log').values({ id: runId, status: 'running', kind: 'clients', started_at: now }).execute();
  return runId;
}

export async function measureApplyRate(ctx: BenchContext, pages: OmiePage<OmieCliente>[]): Promise<ApplyRateFigures> {
  if (pages.length === 0) throw new Error('no pre-built pages (the full sync measure captures them in its warm-up)');
  const rows = pages.reduce((n, p) => n + p.records.length + p.skipped.length, 0);
  const now = new Date().toISOString();
  const paths: string[] = [];
  const freshPath = () => {
    const path = ctx.scratch.path('apply');
    paths.push(path);
    return path;
  };

  async function applyAll(oneTransaction: boolean) {
    const db = await migratedSqlite(freshPath());
    try {
      const runId = await withRun(db, now);
      const options = { runId, now, includeSuppliers: false, linkByDocument: false };
      return await timed(async () => {
        if (oneTransaction) {
          await db.transaction().execute(async (trx) => {
            for (const page of pages) await applyClientsPage(trx, page, options);
          });
          return;
        }
        const restore = await prepareForBulkWrites(db);
        const counts = { inserted: 0, updated: 0, unchanged: 0, skipped: 0, pages: 0 };
        const writer = clientsWriter({ db, clock: systemClock }, counts, { runId, includeSuppliers: false, linkByDocument: false, firstSync: true });
        for (const page of pages) await writer.add(page);
        await writer.commit();
        await restore();
        if (counts.inserted + counts.skipped !== rows) throw new Error(`applyRate: the writer stored ${counts.inserted} + skipped ${counts.skipped} of ${rows} rows`);
      });
    } finally {
      await db.destroy();
    }
  }

  async function rawLoop() {
    const path = freshPath();
    await (await migratedSqlite(path)).destroy();
    const raw = rawSqlite(path);
    try {
      const prebuilt: RawRow[] = pages.flatMap((p) =>
        p.records.map((r): RawRow => [randomUUID(), r.name, r.document, r.email, r.codigoClienteOmie, r.inativo ? 1 : 0, r.tags.join(','), r.alteredAt, now]),
      );
      const upsert = raw.prepare(RAW_UPSERT);
      const all = raw.transaction((list: RawRow[]) => {
        for (const row of list) upsert.run(...row);
      });
      return await timed(() => all(prebuilt));
    } finally {
      raw.close();
    }
  }

  const result = await sideBySide({ reps: ctx.reps, warmup: 1, log: (line) => ctx.log(`applyRate: ${line}`), floor: rawLoop, measure: () => applyAll(false) });
  const single: number[] = [];
  for (let i = 0; i < Math.max(1, ctx.reps - 1); i++) single.push((await applyAll(true)).ms);
  for (const path of paths) if (!ctx.keep) for (const s of ['', '-wal', '-shm']) rmSync(`${path}${s}`, { force: true });

  const rowsPerSec = rows / (result.measureMs / 1000);
  const floorRowsPerSec = rows / (result.floorMs / 1000);
  const singleMs = median(single);
  return {
    ratio: round(rowsPerSec / floorRowsPerSec, 3),
    rowsPerSec: Math.round(rowsPerSec),
    floorRowsPerSec: Math.round(floorRowsPerSec),
    ms: round(result.measureMs, 0),
    floorMs: round(result.floorMs, 0),
    rows,
    pages: pages.length,
    oneTransaction: { rowsPerSec: Math.round(rows / (singleMs / 1000)), ms: round(singleMs, 0), ratio: round(result.floorMs / singleMs, 3) },
  };
}
