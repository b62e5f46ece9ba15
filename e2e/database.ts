import Database from 'better-sqlite3';

/** Reads the console's SQLite file directly (read-only), to check the UI against the truth. */
export function queryDb<T>(dbPath: string, read: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function scalar(db: Database.Database, sql: string, ...params: unknown[]): number {
  const row = db.prepare(sql).get(...params) as Record<string, number> | undefined;
  return Number(row ? Object.values(row)[0] : 0);
}

export interface SyncLogEntry {
  id: string;
  status: string;
  error_code: string | null;
  record_count: number | null;
}

export function latestClientsRun(dbPath: string): SyncLogEntry | undefined {
  return queryDb(dbPath, (db) =>
    db
      .prepare("SELECT id, status, error_code, record_count FROM erp_sync_log WHERE kind = 'clients' ORDER BY started_at DESC, created_at DESC LIMIT 1")
      .get() as SyncLogEntry | undefined,
  );
}

/** pt-BR integer as the console prints it ("1.532"). */
export const intBr = (n: number) => new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 0 }).format(n);
