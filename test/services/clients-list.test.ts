import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { listClients } from '../../src/main/services/clients-list';
import { describeBackends } from '../helpers/backends';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const CLIENTS = [
  { id: id(1), name: 'Loja 50% Off', document: '11222333000181', contact_email: 'compras@loja50.com.br', omie_codigo: '1001' },
  { id: id(2), name: 'Loja 500 Off', document: null, contact_email: null, omie_codigo: null },
  { id: id(3), name: 'a_b Comércio', document: null, contact_email: 'Financeiro@AB.com.br', omie_codigo: '1003' },
  { id: id(4), name: 'axb Comércio', document: '52998224725', contact_email: null, omie_codigo: null },
  { id: id(5), name: 'Barra c\\d', document: null, contact_email: null, omie_codigo: '1005' },
  { id: id(6), name: 'Barra cxd', document: null, contact_email: null, omie_codigo: null },
  { id: id(8), name: 'Mesmo Nome', document: null, contact_email: null, omie_codigo: null },
  { id: id(7), name: 'Mesmo Nome', document: null, contact_email: null, omie_codigo: null },
];

const ALL = { limit: 100, offset: 0 };
const names = (page: { rows: { name: string }[] }) => page.rows.map((r) => r.name);

describeBackends('listClients (Clientes page)', (t) => {
  beforeAll(async () => {
    await t.db.insertInto('clients').values(CLIENTS).execute();
  });

  it('orders by name then id, pages with limit/offset, and counts every match', async () => {
    const all = await listClients(t.db, ALL);
    expect(all.total).toBe(CLIENTS.length);
    expect(all.rows.filter((r) => r.name === 'Mesmo Nome').map((r) => r.id)).toEqual([id(7), id(8)]);
    expect(names(all).indexOf('Loja 50% Off')).toBeLessThan(names(all).indexOf('Mesmo Nome'));
    const page = await listClients(t.db, { limit: 3, offset: 3 });
    expect(page.total).toBe(CLIENTS.length);
    expect(page.rows).toEqual(all.rows.slice(3, 6));
    expect(all.rows.find((r) => r.id === id(1))).toMatchObject({ document: '11222333000181', contactEmail: 'compras@loja50.com.br', omieCodigo: '1001', omieInativo: false });
  });

  it('filters by linked to Omie or not', async () => {
    const linked = await listClients(t.db, { ...ALL, withOmie: true });
    expect(linked.rows.map((r) => r.id).sort()).toEqual([id(1), id(3), id(5)]);
    expect(linked.total).toBe(3);
    const unlinked = await listClients(t.db, { ...ALL, withOmie: false });
    expect(unlinked.total).toBe(5);
    expect(unlinked.rows.every((r) => r.omieCodigo === null)).toBe(true);
  });

  it('takes % _ and \\ in a search literally', async () => {
    expect(names(await listClients(t.db, { ...ALL, search: '50%' }))).toEqual(['Loja 50% Off']);
    expect(names(await listClients(t.db, { ...ALL, search: 'a_b' }))).toEqual(['a_b Comércio']);
    expect(names(await listClients(t.db, { ...ALL, search: 'c\\d' }))).toEqual(['Barra c\\d']);
    expect((await listClients(t.db, { ...ALL, search: '%' })).total).toBe(1);
  });

  it('searches name and e-mail case-insensitively, omie_codigo exactly, document digits from 3 on', async () => {
    expect(names(await listClients(t.db, { ...ALL, search: 'LOJA' }))).toEqual(['Loja 50% Off', 'Loja 500 Off']);
    expect(names(await listClients(t.db, { ...ALL, search: 'financeiro@ab' }))).toEqual(['a_b Comércio']);
    expect(names(await listClients(t.db, { ...ALL, search: '1003' }))).toEqual(['a_b Comércio']);
    expect(names(await listClients(t.db, { ...ALL, search: '100' }))).toEqual([]);
    expect(names(await listClients(t.db, { ...ALL, search: '529.982' }))).toEqual(['axb Comércio']);
    const found = await listClients(t.db, { ...ALL, search: '  mesmo  ', limit: 1 });
    expect(found).toMatchObject({ total: 2, rows: [{ id: id(7) }] });
  });

  it('has an index that serves the (name, id) order', async () => {
    const indexed =
      t.backend === 'postgres'
        ? (await sql<{ def: string }>`select indexdef as def from pg_indexes where schemaname = current_schema() and tablename = 'clients'`.execute(t.db)).rows
        : (await sql<{ def: string }>`select sql as def from sqlite_master where type = 'index' and tbl_name = 'clients' and sql is not null`.execute(t.db)).rows;
    expect(indexed.some((r) => /\(\s*name\s*,\s*id\s*\)/i.test(r.def))).toBe(true);
  });
});
