import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { existingColumns } from '../../migrations/kit';
import { migrateToLatest } from '../../src/main/db/migrator';
import { backendNames, describeBackends, freshDatabase } from '../helpers/backends';

/** The spec's data dictionary (ness-data-erp-omie.pt-BR.md §4): every named column must exist. */
const SPEC_COLUMNS: Record<string, string[]> = {
  clients: ['id', 'name', 'document', 'contact_email', 'created_at', 'omie_codigo'],
  erp_revenue_snapshot: ['id', 'period', 'omie_codigo', 'valor', 'created_at'],
  erp_sync_log: ['id', 'started_at', 'finished_at', 'status', 'record_count', 'error_message', 'created_at'],
  event_aggregates: ['period', 'module', 'event_type'],
  data_indices: ['period', 'index_key', 'value'],
};

/** The spec's Postgres types for those columns. */
const SPEC_PG_TYPES: Record<string, Record<string, string>> = {
  clients: { id: 'uuid', name: 'text', document: 'text', contact_email: 'text', created_at: 'timestamp with time zone', omie_codigo: 'text' },
  erp_revenue_snapshot: { id: 'uuid', period: 'date', omie_codigo: 'text', valor: 'numeric', created_at: 'timestamp with time zone' },
  erp_sync_log: {
    id: 'uuid',
    started_at: 'timestamp with time zone',
    finished_at: 'timestamp with time zone',
    status: 'text',
    record_count: 'integer',
    error_message: 'text',
    created_at: 'timestamp with time zone',
  },
  data_indices: { period: 'date', value: 'numeric' },
};

describeBackends('migrations', (t) => {
  it('create every column of the spec dictionary', async () => {
    for (const [table, columns] of Object.entries(SPEC_COLUMNS)) {
      const existing = await existingColumns(t.db, table);
      for (const column of columns) expect(existing, `${table}.${column}`).toContain(column);
    }
  });

  it('enforce the spec constraints: omie_codigo unique when filled, (period, omie_codigo) unique, status values', async () => {
    const client = (id: string, omie: string | null) => ({ id, name: `c${id}`, omie_codigo: omie });
    await t.db.insertInto('clients').values([client('00000000-0000-4000-8000-000000000001', null), client('00000000-0000-4000-8000-000000000002', null)]).execute();
    await t.db.insertInto('clients').values(client('00000000-0000-4000-8000-000000000003', '42')).execute();
    await expect(t.db.insertInto('clients').values(client('00000000-0000-4000-8000-000000000004', '42')).execute()).rejects.toThrow();
    const snap = (id: string) => ({ id, period: '2026-10-01', omie_codigo: '42', valor: 100 });
    await t.db.insertInto('erp_revenue_snapshot').values(snap('00000000-0000-4000-8000-000000000005')).execute();
    await expect(t.db.insertInto('erp_revenue_snapshot').values(snap('00000000-0000-4000-8000-000000000006')).execute()).rejects.toThrow();
    await expect(
      t.db
        .insertInto('erp_sync_log')
        .values({ id: '00000000-0000-4000-8000-000000000007', status: 'bogus' as 'running' })
        .execute(),
    ).rejects.toThrow();
  });

  it('store money as INTEGER cents on SQLite and numeric(14,2) reais on Postgres', async () => {
    const types =
      t.backend === 'postgres'
        ? (
            await sql<{ column_name: string; data_type: string; numeric_scale: number | null }>`
              select column_name, data_type, numeric_scale from information_schema.columns
              where table_schema = current_schema() and table_name = 'erp_revenue_snapshot'`.execute(t.db)
          ).rows
        : (await sql<{ name: string; type: string }>`select name, type from pragma_table_info('erp_revenue_snapshot')`.execute(t.db)).rows;
    const valor = types.find((c) => ('column_name' in c ? c.column_name : c.name) === 'valor')!;
    if (t.backend === 'postgres') expect(valor).toMatchObject({ data_type: 'numeric', numeric_scale: 2 });
    else expect(valor).toMatchObject({ type: 'INTEGER' });
  });

  it('keep the spec types on Postgres', async () => {
    if (t.backend !== 'postgres') return;
    for (const [table, columns] of Object.entries(SPEC_PG_TYPES)) {
      const rows = (
        await sql<{ column_name: string; data_type: string }>`select column_name, data_type from information_schema.columns
          where table_schema = current_schema() and table_name = ${table}`.execute(t.db)
      ).rows;
      for (const [column, type] of Object.entries(columns)) {
        expect(rows.find((r) => r.column_name === column)?.data_type, `${table}.${column}`).toBe(type);
      }
    }
  });
});

describe.runIf(backendNames().includes('postgres'))('migrations on the web app’s existing Postgres tables', () => {
  it('add only what is missing and leave the rest (data, unknown columns) untouched', async () => {
    const target = await freshDatabase('postgres', { migrate: false });
    const db = target.db;
    try {
      // The web app's versions: only the spec's columns, plus columns we do not know.
      await sql`create table clients (id uuid primary key default gen_random_uuid(), name text not null, document text,
        contact_email text, created_at timestamptz not null default now(), omie_codigo text, segment text, owner_id uuid)`.execute(db);
      await sql`create table erp_sync_log (id uuid primary key default gen_random_uuid(), started_at timestamptz not null,
        finished_at timestamptz, status text not null, record_count int, error_message text, created_at timestamptz default now(), triggered_by text)`.execute(db);
      await sql`create table erp_revenue_snapshot (id uuid primary key default gen_random_uuid(), period date not null,
        omie_codigo text not null, valor numeric not null, created_at timestamptz default now(), unique (period, omie_codigo))`.execute(db);
      await sql`insert into clients (id, name, document, omie_codigo, segment) values
        ('11111111-1111-4111-8111-111111111111', 'Padaria Pão Quente', '12345678000195', '777', 'varejo')`.execute(db);
      await sql`insert into erp_sync_log (started_at, status, record_count, triggered_by) values (now(), 'success', 3, 'cron')`.execute(db);
      await sql`insert into erp_revenue_snapshot (period, omie_codigo, valor) values ('2026-09-01', '777', 1234.5)`.execute(db);
      const before = await describeColumns(db);

      await migrateToLatest(db);
      await migrateToLatest(db);

      const after = await describeColumns(db);
      for (const [key, type] of before) expect(after.get(key), key).toBe(type); // nothing rewritten or dropped
      expect(after.get('clients.segment')).toBe('text');
      expect(after.get('clients.omie_inativo')).toBe('boolean');
      expect(after.get('erp_sync_log.kind')).toBe('text');
      expect(after.get('contracts.mrr')).toBe('numeric');
      const client = (await sql<Record<string, unknown>>`select * from clients`.execute(db)).rows[0]!;
      expect(client).toMatchObject({ name: 'Padaria Pão Quente', segment: 'varejo', omie_codigo: '777', omie_inativo: false });
      const log = (await sql<Record<string, unknown>>`select * from erp_sync_log`.execute(db)).rows[0]!;
      expect(log).toMatchObject({ status: 'success', record_count: 3, triggered_by: 'cron', kind: 'clients' });
      const snap = (await sql<{ valor: string }>`select valor from erp_revenue_snapshot`.execute(db)).rows[0]!;
      expect(snap.valor).toBe('1234.5');
    } finally {
      await target.drop();
    }
  });
});

async function describeColumns(db: Parameters<typeof migrateToLatest>[0]): Promise<Map<string, string>> {
  const rows = (
    await sql<{ table_name: string; column_name: string; data_type: string }>`select table_name, column_name, data_type
      from information_schema.columns where table_schema = current_schema()`.execute(db)
  ).rows;
  return new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r.data_type]));
}
