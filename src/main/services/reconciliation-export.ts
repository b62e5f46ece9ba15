/**
 * Exports a month's reconciliation to a CSV file, atomically: the bytes go to a temporary file in
 * the same folder, are flushed to disk, and only then renamed over the target, so a crash leaves
 * either the old file or the whole new one, never half a report. Recorded as the app event
 * `export.reconciliation`.
 */
import { randomUUID } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import type { Period } from '../../shared/period';
import type { ServiceDeps } from './deps';
import { recordModuleEvent } from './module-events';
import { getReconciliation, type Reconciliation, type ReconciliationOptions } from './reconciliation';
import { type CsvDialect, isCsvDialect, renderReconciliationCsv } from './reconciliation-csv';
import type { ReconciliationSource } from './reconciliation-rows';

export interface ReconciliationExportOptions extends ReconciliationOptions {
  dialect: CsvDialect;
  file: string;
}

export interface ReconciliationExport {
  period: Period;
  file: string;
  dialect: CsvDialect;
  source: ReconciliationSource;
  /** Client rows written (the header and the totals row not counted). */
  rows: number;
  bytes: number;
}

function fsError(error: unknown, file: string): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT' ? 'the folder does not exist'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EISDIR' ? 'it is a folder'
    : code === 'ENOSPC' ? 'the disk is full'
    : (error as Error).message;
  return new AppError('bad_input', `Cannot write ${file}: ${why}.`);
}

/** Writes `data` to `file` through a temporary file in the same folder and a rename. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const target = resolve(file);
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory()) throw fsError(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), file);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  let handle;
  try {
    handle = await open(temp, 'wx');
  } catch (error) {
    throw fsError(error, file);
  }
  try {
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => {});
    await rm(temp, { force: true });
    throw fsError(error, file);
  }
}

function checkTarget(dialect: unknown, file: unknown): asserts dialect is CsvDialect {
  if (!isCsvDialect(dialect)) throw new AppError('bad_input', `Unknown CSV dialect "${String(dialect).slice(0, 20)}"; use excel-br or rfc4180.`);
  if (typeof file !== 'string' || file.trim() === '') throw new AppError('bad_input', 'The export needs a file name.');
}

/** Writes an already computed reconciliation (e.g. the one the CLI also prints) and records the export. */
export async function writeReconciliationCsv(
  deps: ServiceDeps,
  rec: Reconciliation,
  { dialect, file }: { dialect: CsvDialect; file: string },
): Promise<ReconciliationExport> {
  checkTarget(dialect, file);
  const csv = renderReconciliationCsv(rec, dialect);
  await writeFileAtomic(file, csv);
  await recordModuleEvent(
    deps.db,
    'export.reconciliation',
    { period: rec.period, dialect, source: rec.source, rows: rec.rows.length },
    new Date(deps.clock.now()).toISOString(),
  );
  return { period: rec.period, file: resolve(file), dialect, source: rec.source, rows: rec.rows.length, bytes: Buffer.byteLength(csv, 'utf8') };
}

/** Computes the month's reconciliation and writes it to `file`. */
export async function exportReconciliationCsv(deps: ServiceDeps, period: Period, options: ReconciliationExportOptions): Promise<ReconciliationExport> {
  checkTarget(options.dialect, options.file);
  const rec = await getReconciliation(deps, period, { sortByName: true, ...options });
  return writeReconciliationCsv(deps, rec, options);
}
