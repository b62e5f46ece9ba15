import { randomUUID } from 'node:crypto';
import { mkdtempSync, openSync, closeSync, ftruncateSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { codecsFor } from '../../src/main/db/codecs';
import { importContracts } from '../../src/main/services/contracts-import';
import { describeBackends } from '../helpers/backends';
import { childEnv, runCli } from '../helpers/cli-process';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'imports');
const fixture = (name: string) => join(FIXTURES, name);

const CLIENTS = [
  { key: 'A', name: 'Alfa Tecnologia Ltda', document: '11222333000181', omie_codigo: '1001' },
  { key: 'B', name: 'Beta Serviços S.A.', document: '45997418000153', omie_codigo: '1002' },
  { key: 'C', name: 'Carla Souza', document: '52998224725', omie_codigo: null },
  { key: 'D', name: 'Delta Licenças', document: '00360305000104', omie_codigo: '1004' },
  { key: 'E', name: 'Epsilon sem documento', document: null, omie_codigo: '1005' },
] as const;

describeBackends('contracts import', (t) => {
  const ids = new Map<string, string>();

  async function storedContracts() {
    const codecs = codecsFor(t.db);
    const rows = await t.db
      .selectFrom('contracts')
      .select(['id', 'client_id', 'description', 'mrr', 'start_date', 'end_date', 'status', 'updated_at'])
      .orderBy('client_id')
      .orderBy('description')
      .orderBy('start_date')
      .execute();
    return rows.map((r) => ({ ...r, mrr: codecs.moneyFromDb(r.mrr) }));
  }

  beforeAll(async () => {
    for (const c of CLIENTS) {
      const id = randomUUID();
      ids.set(c.key, id);
      await t.db.insertInto('clients').values({ id, name: c.name, document: c.document, omie_codigo: c.omie_codigo }).execute();
    }
  });

  it('imports the Excel pt-BR file (BOM, ";", decimal comma, dd/mm/aaaa, quoted ";" and line breaks)', async () => {
    const result = await importContracts(t.db, { path: fixture('contracts-excel-br.csv') });
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ kind: 'contracts', dialect: 'excel-br', encoding: 'utf-8', inserted: 5, updated: 0, unchanged: 0, dryRun: false });
    const stored = await storedContracts();
    const view = stored
      .map((r) => ({ client: r.client_id, description: r.description, mrr: r.mrr, start: r.start_date, end: r.end_date, status: r.status }))
      .sort((a, b) => a.description.localeCompare(b.description));
    expect(view).toEqual(
      [
        { client: ids.get('A'), description: 'Suporte; plano Ouro', mrr: 123456n, start: '2026-10-01', end: null, status: 'active' },
        { client: ids.get('B'), description: 'Hospedagem', mrr: 250000n, start: '2025-03-15', end: '2026-09-30', status: 'ended' },
        { client: ids.get('C'), description: 'Consultoria "premium"', mrr: 99999n, start: '2026-01-01', end: null, status: 'active' },
        { client: ids.get('D'), description: 'Licenças', mrr: 1n, start: '2026-11-01', end: null, status: 'active' },
        { client: ids.get('E'), description: 'Manutenção\r\nmensal', mrr: 1000000n, start: '2026-06-01', end: '2026-12-31', status: 'active' },
      ].sort((a, b) => a.description.localeCompare(b.description)),
    );
    const events = await t.db.selectFrom('module_events').select(['module', 'event_type']).where('event_type', '=', 'import.contracts').execute();
    expect(events).toEqual([{ module: 'data', event_type: 'import.contracts' }]);
  });

  it('importing the same file again changes nothing', async () => {
    const before = await storedContracts();
    const result = await importContracts(t.db, { path: fixture('contracts-excel-br.csv') }, { now: Date.now() + 60_000 });
    expect(result).toMatchObject({ inserted: 0, updated: 0, unchanged: 5, errors: [] });
    expect(result.changes.map((c) => c.action)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(await storedContracts()).toEqual(before);
  });

  it('a dry run reports what would change and writes nothing; the real run then updates in place', async () => {
    const text = readFileSync(fixture('contracts-excel-br.csv'), 'utf8').replace('1.234,56', '1.300,00').replace(';;"Consultoria', ';;"Consultoria');
    const before = await storedContracts();
    const dry = await importContracts(t.db, { text, name: 'changed.csv' }, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, inserted: 0, updated: 1, unchanged: 4, errors: [] });
    const update = dry.changes.find((c) => c.action === 'update');
    expect(update).toMatchObject({ line: 2, clientId: ids.get('A'), mrr: '1300.00', previous: { mrr: '1234.56', endDate: null, status: 'active' } });
    expect(await storedContracts()).toEqual(before);

    const real = await importContracts(t.db, { text, name: 'changed.csv' });
    expect(real).toMatchObject({ dryRun: false, inserted: 0, updated: 1, unchanged: 4 });
    const after = await storedContracts();
    expect(after).toHaveLength(5);
    expect(after.find((r) => r.client_id === ids.get('A'))?.mrr).toBe(130000n);
  });

  it('imports the RFC 4180 file (",", dot decimals, ISO dates, English headers) by (client, descrição, início)', async () => {
    const before = (await storedContracts()).length;
    const result = await importContracts(t.db, { path: fixture('contracts-rfc4180.csv') });
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ dialect: 'rfc4180', inserted: 3, updated: 0, unchanged: 0 });
    const stored = await storedContracts();
    expect(stored).toHaveLength(before + 3);
    const support = stored.find((r) => r.description === 'Support, Gold plan');
    expect(support).toMatchObject({ client_id: ids.get('A'), mrr: 123456n, start_date: '2026-10-01', end_date: null });
    expect(stored.find((r) => r.description === 'Hosting')).toMatchObject({ client_id: ids.get('B'), mrr: 250000n, status: 'ended' });
    expect(stored.find((r) => r.description === 'Maintenance')).toMatchObject({ client_id: ids.get('E'), mrr: 1000000n });
  });

  it('a file with bad rows imports nothing and names each line', async () => {
    const before = await storedContracts();
    const result = await importContracts(t.db, { path: fixture('contracts-bad-rows.csv') });
    expect(result).toMatchObject({ inserted: 0, updated: 0, unchanged: 0, changes: [] });
    expect(result.errors.map((e) => e.line)).toEqual([3, 5, 6, 7]);
    expect(result.errors[0]!.message).toMatch(/invalid document "11\.222\.333\/0001-82"/);
    expect(result.errors[1]!.message).toMatch(/unknown client: no client with documento 33000167000101/);
    expect(result.errors[2]!.message).toMatch(/unparsable amount "12,3,4"/);
    expect(result.errors[3]!.message).toMatch(/inicio: unparsable date "31\/02\/2026"/);
    expect(await storedContracts()).toEqual(before); // line 2 ("Suporte", new) was not imported either
  });

  it('names missing columns, extra fields, duplicates, conflicting keys and bad statuses', async () => {
    const missing = await importContracts(t.db, { text: 'documento;descricao\n11222333000181;x\n' });
    expect(missing.errors).toEqual([
      { line: 1, message: 'missing required column: mrr' },
      { line: 1, message: 'missing required column: inicio' },
    ]);
    const unquotedComma = await importContracts(t.db, { text: 'document,mrr,start_date\n11222333000181,12,50,2026-01-01\n' });
    expect(unquotedComma.errors).toEqual([{ line: 2, message: expect.stringMatching(/4 fields where the header has 3.*quoted/) }]);
    const text = [
      'documento;omie_codigo;descricao;mrr;inicio;fim;status',
      '11222333000181;;Dup;10,00;01/01/2026;;ativo',
      '11.222.333/0001-81;;Dup;10,00;01/01/2026;;ativo',
      '11222333000181;1002;Conflito;10,00;01/01/2026;;ativo',
      ';;Sem cliente;10,00;01/01/2026;;ativo',
      '11222333000181;;Status;10,00;01/01/2026;;suspenso',
      '11222333000181;;Datas;10,00;01/02/2026;01/01/2026;',
      '11222333000181;;Negativo;-1,00;01/01/2026;;',
      '11222333000181;;Centavos;1,234;01/01/2026;;',
    ].join('\n');
    const result = await importContracts(t.db, { text });
    expect(result.errors.map((e) => [e.line, e.message.split(' ').slice(0, 3).join(' ')])).toEqual([
      [3, 'the same contract'],
      [4, 'documento 11222333000181 and'],
      [5, 'no documento or'],
      [6, 'unknown status "suspenso"'],
      [7, 'fim (01/01/2026) is'],
      [8, 'mrr must not'],
      [9, 'unparsable amount "1,234"'],
    ]);
    expect(result.errors[6]!.message).toMatch(/fractions of a cent/);
    const unclosed = await importContracts(t.db, { text: 'documento;mrr;inicio\n11222333000181;10,00;01/01/2026\n11222333000181;"10,00;01/01/2026\n' });
    expect(unclosed.errors).toEqual([{ line: 3, message: expect.stringMatching(/^the CSV cannot be read here: Quote Not Closed/) }]);
  });

  it('reads a legacy Windows-1252 Excel file', async () => {
    const text = 'Documento;Descrição;MRR;Início\n45997418000153;Serviço único;1,00;01/02/2026\n';
    const result = await importContracts(t.db, { text: Buffer.from(text, 'latin1') }, { dryRun: true });
    expect(result).toMatchObject({ encoding: 'windows-1252', inserted: 1, errors: [] });
    expect(result.changes[0]).toMatchObject({ description: 'Serviço único', mrr: '1.00' });
  });

  it('refuses a file over the size cap before reading it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ness-import-'));
    try {
      const big = join(dir, 'big.csv');
      const fd = openSync(big, 'w');
      ftruncateSync(fd, 21 * 1024 * 1024); // sparse: nothing to read, only its size
      closeSync(fd);
      await expect(importContracts(t.db, { path: big })).rejects.toMatchObject({
        code: 'bad_input',
        message: expect.stringMatching(/big\.csv is 21\.0 MB, over the import limit of 20\.0 MB/),
      });
      await expect(importContracts(t.db, { path: fixture('contracts-excel-br.csv') }, { maxBytes: 100 })).rejects.toMatchObject({ code: 'bad_input' });
      await expect(importContracts(t.db, { path: join(dir, 'absent.csv') })).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('`ness-data import contracts` exits 1 naming the bad lines, and --dry-run writes nothing', async () => {
    const before = await storedContracts();
    const env = childEnv({ NESS_DATA_DB: t.url });
    // both at once: neither writes (bad rows import nothing; a dry run writes nothing)
    const [bad, dry] = await Promise.all([
      runCli(['import', 'contracts', fixture('contracts-bad-rows.csv')], env),
      runCli(['--json', 'import', 'contracts', fixture('contracts-excel-br.csv'), '--dry-run'], env),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/contracts-bad-rows\.csv: line 3: invalid document/);
    expect(bad.stderr).toMatch(/line 7: inicio: unparsable date/);
    expect(bad.stderr).toMatch(/nothing imported: 4 problem\(s\)/);
    expect(dry.code, dry.stderr).toBe(0);
    const result = JSON.parse(dry.stdout) as { dryRun: boolean; updated: number; unchanged: number };
    expect(result).toMatchObject({ dryRun: true, updated: 1, unchanged: 4 }); // the file's 1.234,56 vs the 1.300,00 stored
    expect(await storedContracts()).toEqual(before);
  });
});
