import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import { AppError, type ErrorShape, toErrorShape } from '../../shared/errors';
import { createDb } from '../db/create-db';
import { migrateToLatest } from '../db/migrator';
import type { DB } from '../db/schema';
import { defaultDbUrl } from '../paths';

/** Options every command shares (DESIGN.md §6). */
export interface GlobalOptions {
  db?: string;
  json?: boolean;
}

export function resolveDbUrl(options: GlobalOptions): string {
  return options.db ?? process.env.NESS_DATA_DB ?? defaultDbUrl();
}

/** Opens the database (creating the default directory), migrates it unless told not to, runs `fn`, always closes it. */
export async function withDb<T>(
  options: GlobalOptions,
  fn: (db: Kysely<DB>) => Promise<T>,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<T> {
  const url = resolveDbUrl(options);
  if (url === defaultDbUrl()) mkdirSync(dirname(url.slice('sqlite:'.length)), { recursive: true });
  const db = await createDb(url);
  try {
    if (migrate) await migrateToLatest(db);
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

/** Writes a command's result: one JSON document under --json, else the human text. */
export function emit<T>(options: GlobalOptions, result: T, human: (r: T) => string): void {
  if (options.json) process.stdout.write(`${JSON.stringify(result, jsonReplacer)}\n`);
  else process.stdout.write(`${human(result)}\n`);
}

/** bigint never reaches JSON as a number: amounts are formatted before emitting; this is a guard. */
function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

function exitCodeFor(error: ErrorShape): number {
  return error.code === 'bad_input' || error.code === 'db_config' ? 2 : 1;
}

/** Prints a failure as one line (or {"error":…} under --json) and sets the exit code. */
export function fail(options: GlobalOptions, error: unknown): void {
  const shape = toErrorShape(error);
  if (options.json) process.stdout.write(`${JSON.stringify({ error: shape })}\n`);
  process.stderr.write(`ness-data: ${shape.message}\n`);
  process.exitCode = exitCodeFor(shape);
}

export function badInput(message: string): AppError {
  return new AppError('bad_input', message);
}
