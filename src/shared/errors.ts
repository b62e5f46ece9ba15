import { z } from 'zod';

/** Every error code a caller can see: CLI (--json), IPC and HTTP all use this one union. */
export const ErrorCode = z.enum([
  'bad_input', // the caller sent something invalid (CLI exit 2)
  'db_config', // the database URL cannot be used as written (CLI exit 2)
  'db_unreachable', // the database server cannot be reached
  'db_busy', // the database is locked by another process
  'already_running', // a sync/snapshot is already running elsewhere
  'not_found',
  'month_closed', // the month is closed; use force
  'omie_not_configured', // no Omie app key / secret
  'omie_auth', // Omie refused the credentials (403)
  'omie_blocked', // Omie blocked the key (425) until a time
  'omie_unavailable', // Omie could not be reached or kept failing
  'omie_protocol', // Omie answered something we cannot use (e.g. unknown tag 5001)
  'offline', // the data needs Omie and Omie is unreachable
  'cancelled',
  'unauthorized',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorShape = z.object({ code: ErrorCode, message: z.string() });
export type ErrorShape = z.infer<typeof ErrorShape>;

/** An error the user can act on: a code from the union and one clear sentence. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function toErrorShape(error: unknown): ErrorShape {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  const database = databaseErrorShape(error);
  if (database) return database;
  if (error instanceof z.ZodError) {
    const first = error.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
    return { code: 'bad_input', message: `${where}${first?.message ?? 'invalid input'}` };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Database driver errors the user can act on, recognised by their code or wording (shared code
 * imports no driver): SQLite's lock held by another program, a Postgres connection lost mid-run.
 */
function databaseErrorShape(error: unknown): ErrorShape | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? (message.split('\n')[0] ?? '') : '';
  if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) {
    return { code: 'db_busy', message: 'The database is locked by another program; try again when it has finished.' };
  }
  const lost =
    (typeof code === 'string' && /^(57P0[1-3]|08\d{3}|ECONNRESET|ECONNREFUSED|EPIPE)$/.test(code)) ||
    /connection terminated|not queryable|terminating connection/i.test(text);
  if (lost) return { code: 'db_unreachable', message: `The connection to the database was lost (${text.slice(0, 120) || String(code)}); run it again.` };
  return null;
}
