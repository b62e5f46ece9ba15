import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createDb, SQLITE_PAGE_SIZE } from '../../src/main/db/create-db';
import { AppError } from '../../src/shared/errors';
import { migrations } from '../../migrations/index';
import { backendNames, freshDatabaseUrl } from '../helpers/backends';

function cli(args: string[]) {
  return spawnSync(process.execPath, ['bin/ness-data.mjs', ...args], { encoding: 'utf8', env: { ...process.env, NESS_DATA_DB: '' } });
}

describe('createDb', () => {
  it('opens SQLite with WAL, foreign keys and a busy timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ness-db-'));
    const db = await createDb(`sqlite:${join(dir, 'x.sqlite')}`);
    try {
      const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBeGreaterThanOrEqual(1000);
    } finally {
      await db.destroy();
    }
  });

  it('a new SQLite file gets 16 KiB pages; an existing file keeps its own, data intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ness-db-'));
    const pageSize = async (path: string) => {
      const db = await createDb(`sqlite:${path}`);
      try {
        await sql`create table if not exists t (v text)`.execute(db);
        const rows = (await sql<{ v: string }>`select v from t`.execute(db)).rows;
        return { size: Object.values((await sql.raw('pragma page_size').execute(db)).rows[0] as object)[0], rows: rows.map((r) => r.v) };
      } finally {
        await db.destroy();
      }
    };
    expect(SQLITE_PAGE_SIZE).toBe(16_384);
    expect(await pageSize(join(dir, 'new.sqlite'))).toEqual({ size: SQLITE_PAGE_SIZE, rows: [] });

    const old = join(dir, 'old.sqlite'); // made by an earlier version: 4 KiB pages, WAL
    const raw = new Database(old);
    raw.pragma('page_size = 4096');
    raw.pragma('journal_mode = WAL');
    raw.exec("create table t (v text); insert into t values ('kept')");
    raw.close();
    expect(await pageSize(old)).toEqual({ size: 4096, rows: ['kept'] });
  });

  it('refuses an unknown scheme, a missing directory and an unreachable server with one sentence', async () => {
    await expect(createDb('nosuch://x')).rejects.toMatchObject({ code: 'db_config', message: expect.stringMatching(/Unknown database URL scheme "nosuch:"/) });
    await expect(createDb('sqlite:/no/such/dir/x.sqlite')).rejects.toMatchObject({ code: 'db_config', message: expect.stringContaining('/no/such/dir') });
    const error = await createDb('postgres://someone:hunter2@127.0.0.1:1/db').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('db_unreachable');
    expect((error as AppError).message).not.toContain('hunter2');
    expect((error as AppError).message.split('\n')).toHaveLength(1);
  });

  it('the CLI exits 2 on a bad URL and 1 on an unreachable server, each with one line', () => {
    const bad = cli(['--db', 'nosuch://x', 'migrate']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const down = cli(['--db', 'postgres://postgres@127.0.0.1:1/test', 'migrate']);
    expect(down.status).toBe(1);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    const json = cli(['--db', 'nosuch://x', '--json', 'migrate']);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'db_config', message: expect.any(String) } });
    const unknown = cli(['--frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
  });

  for (const backend of backendNames()) {
    it(`migrates twice in a row through the CLI, idempotent [${backend}]`, async () => {
      const { url, remove } = freshDatabaseUrl(backend);
      try {
        const first = cli(['--db', url, '--json', 'migrate']);
        expect(first.status, first.stderr).toBe(0);
        expect(JSON.parse(first.stdout).applied).toEqual(Object.keys(migrations));
        const second = cli(['--db', url, '--json', 'migrate']);
        expect(second.status, second.stderr).toBe(0);
        expect(JSON.parse(second.stdout).applied).toEqual([]);
      } finally {
        await remove();
      }
    });
  }
});
