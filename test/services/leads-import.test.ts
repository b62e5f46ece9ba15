import { join } from 'node:path';
import { expect, it } from 'vitest';
import { computeDataIndices } from '../../src/main/services/data-indices';
import { importLeads } from '../../src/main/services/leads-import';
import { describeBackends } from '../helpers/backends';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'imports', name);

describeBackends('leads import', (t) => {
  async function storedLeads() {
    const rows = await t.db.selectFrom('leads').select(['name', 'document', 'source', 'created_at', 'import_key']).orderBy('created_at').orderBy('name').execute();
    return rows.map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString() }));
  }

  it('imports the Excel pt-BR file with Brasília wall times, feeding leads_mes', async () => {
    const result = await importLeads(t.db, { path: fixture('leads-excel-br.csv') });
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ kind: 'leads', dialect: 'excel-br', inserted: 3, updated: 0, unchanged: 0 });
    expect((await storedLeads()).map(({ import_key: _, ...r }) => r)).toEqual([
      { name: 'Loja Silva; filial', document: '11222333000181', source: 'site', created_at: '2026-10-01T03:30:00.000Z' },
      { name: 'Maria', document: null, source: 'indicação', created_at: '2026-11-01T02:59:00.000Z' },
      { name: 'João', document: null, source: 'evento', created_at: '2026-11-01T03:00:00.000Z' },
    ]);
    // 23:59 on Oct 31 in Brasília is still October
    const october = await computeDataIndices(t.db, '2026-10');
    expect(october.indices.find((i) => i.indexKey === 'leads_mes')?.value).toBe('2.00');
  });

  it('importing the same file again changes nothing; a changed origem updates the lead', async () => {
    const before = await storedLeads();
    expect(await importLeads(t.db, { path: fixture('leads-excel-br.csv') })).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, errors: [] });
    expect(await storedLeads()).toEqual(before);

    const rfc = await importLeads(t.db, { path: fixture('leads-rfc4180.csv') }, { dryRun: true });
    expect(rfc.errors).toEqual([]);
    expect(rfc).toMatchObject({ dialect: 'rfc4180', dryRun: true });
    // "Silva, Loja" is another name, Maria's origem changed, João now has a document: 2 new, 1 update
    expect(rfc.changes.map((c) => [c.line, c.action])).toEqual([
      [2, 'insert'],
      [3, 'update'],
      [4, 'insert'],
    ]);
    expect(rfc.changes[1]).toMatchObject({ source: 'referral', previous: { source: 'indicação' } });
    expect(await storedLeads()).toEqual(before);

    const real = await importLeads(t.db, { path: fixture('leads-rfc4180.csv') });
    expect(real).toMatchObject({ inserted: 2, updated: 1, unchanged: 0 });
    const after = await storedLeads();
    expect(after).toHaveLength(5);
    expect(after.find((l) => l.name === 'Maria')?.source).toBe('referral');
  });

  it('a bad row imports nothing and names its line', async () => {
    const before = await storedLeads();
    const text = [
      'nome;documento;criado_em;origem',
      'Nova;;02/10/2026;site',
      'Sem data;;;site',
      ';;03/10/2026;site',
      'Doc ruim;123.456.789-00;03/10/2026;',
      'Hora ruim;;03/10/2026 25:00;',
    ].join('\r\n');
    const result = await importLeads(t.db, { text });
    expect(result.errors).toEqual([
      { line: 3, message: 'criado_em is empty' },
      { line: 4, message: 'nome is empty' },
      { line: 5, message: expect.stringMatching(/^invalid document "123\.456\.789-00"/) },
      { line: 6, message: expect.stringMatching(/^criado_em: unparsable date "03\/10\/2026 25:00"/) },
    ]);
    expect(await storedLeads()).toEqual(before);
    const missing = await importLeads(t.db, { text: 'name,source\nx,y\n' });
    expect(missing.errors).toEqual([{ line: 1, message: 'missing required column: criado_em' }]);
  });
});
