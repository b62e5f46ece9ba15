/**
 * CSV export of the reconciliation, on both backends: the excel-br file parsed back with csv-parse
 * (`;`, decimal comma) gives the same rows and totals with every amount a number; formula-looking
 * text is neutralised while amounts stay plain; rfc4180 likewise; the write is atomic.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import type { ServiceDeps } from '../../src/main/services/deps';
import { exportReconciliationCsv, getReconciliation, renderReconciliationCsv } from '../../src/main/services/reconciliation';
import { AppError } from '../../src/shared/errors';
import { describeBackends } from '../helpers/backends';
import { type ExpectedRow, expectedRows, expectedTotals, PERIOD, type Seeded, seedMonth } from './reconciliation.fixture';

const PT_STATUS: Record<string, string> = {
  ok: 'ok',
  under: 'abaixo',
  over: 'acima',
  not_invoiced: 'não faturado',
  no_contract: 'sem contrato',
  unlinked: 'sem vínculo Omie',
};

const PT_HEADER = ['Cliente', 'Documento', 'Código Omie', 'MRR', 'Faturado', 'Diferença', 'Diferença %', 'Status', 'Fonte', 'Nota', 'Explicado'];
const EN_HEADER = ['client', 'document', 'omie_codigo', 'mrr', 'invoiced', 'difference', 'difference_pct', 'status', 'source', 'note', 'explained'];
const AMOUNT_COLUMNS = [3, 4, 5, 6];

/** What a spreadsheet must not evaluate: the neutralised form of a text value. */
function neutral(text: string | null): string {
  if (text === null) return '';
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

interface Parsed {
  header: string[];
  rows: (string | number | null)[][];
  totals: (string | number | null)[];
}

/** Parses with csv-parse; amount columns become numbers (decimal comma or point), empty amounts null. */
function parseCsv(text: string, delimiter: ';' | ',', decimalComma: boolean): Parsed {
  const records = parse(text, {
    delimiter,
    bom: true,
    cast: (value, context) => {
      if (context.header || context.index === undefined || !AMOUNT_COLUMNS.includes(context.index) || context.lines === 1) return value;
      if (value === '') return null;
      const normalised = decimalComma ? value.replace(',', '.') : value;
      expect(normalised, `amount cell "${value}"`).toMatch(/^-?\d+\.\d{2}$/);
      return Number(normalised);
    },
  }) as (string | number | null)[][];
  const [header, ...body] = records;
  return { header: header as string[], rows: body.slice(0, -1), totals: body[body.length - 1]! };
}

const num = (s: string | null) => (s === null ? null : Number(s));

describeBackends('reconciliation CSV export', (t) => {
  let seeded: Seeded;
  let deps: ServiceDeps;
  let dir: string;

  beforeAll(async () => {
    seeded = await seedMonth(t.db);
    deps = { db: t.db, clock: new ManualClock(Date.UTC(2026, 10, 5, 12)), omie: () => { throw new AppError('omie_not_configured', 'no keys'); }, actor: { host: 'h', user: 'u' } };
    await t.db.insertInto('reconciliation_notes').values({ id: randomUUID(), period: `${PERIOD}-01`, subject: seeded.ids.get('delta')!, note: '=1+1 "ver"; ok', updated_by: 'u' }).execute();
    dir = mkdtempSync(join(tmpdir(), 'ness-csv-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function expectRowsMatch(parsed: Parsed, expected: ExpectedRow[], status: (s: string) => string, flag: (b: boolean) => string): void {
    expect(parsed.rows).toHaveLength(expected.length);
    const byKey = new Map(parsed.rows.map((r) => [`${r[2]}|${r[11]}`, r]));
    const delta = seeded.ids.get('delta');
    for (const e of expected) {
      const row = byKey.get(`${e.omieCodigo ?? ''}|${e.clientId ?? ''}`);
      expect(row, e.key ?? e.omieCodigo!).toBeDefined();
      expect(row!.slice(0, 12), e.key ?? e.omieCodigo!).toEqual([
        neutral(e.name),
        neutral(e.document),
        e.omieCodigo ?? '',
        num(e.mrr),
        num(e.invoiced),
        num(e.difference),
        num(e.differencePct),
        status(e.status),
        row![8],
        e.clientId === delta ? neutral('=1+1 "ver"; ok') : '',
        flag(false),
        e.clientId ?? '',
      ]);
      for (const i of AMOUNT_COLUMNS) expect(row![i] === null || typeof row![i] === 'number').toBe(true);
    }
    const totals = expectedTotals(expected);
    expect(parsed.totals.slice(0, 6)).toEqual(['TOTAL', '', '', num(totals.mrr), num(totals.invoiced), num(totals.difference)]);
  }

  it('excel-br parses back with ; and decimal comma to the same rows and totals, formulas neutralised', async () => {
    const file = join(dir, 'conciliacao.csv');
    const outcome = await exportReconciliationCsv(deps, PERIOD, { dialect: 'excel-br', file });
    const expected = expectedRows(seeded);
    expect(outcome).toMatchObject({ period: PERIOD, dialect: 'excel-br', source: 'snapshot', rows: expected.length, file });
    const bytes = readFileSync(file);
    expect(outcome.bytes).toBe(bytes.length);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.includes('\r\n')).toBe(true);
    const parsed = parseCsv(text, ';', true);
    expect(parsed.header.slice(0, 11)).toEqual(PT_HEADER);
    expectRowsMatch(parsed, expected, (s) => PT_STATUS[s]!, (b) => (b ? 'sim' : 'não'));
    expect(parsed.rows.every((r) => r[8] === 'snapshot')).toBe(true);

    // the hostile names: neutralised / intact as text
    const hyperlink = parsed.rows.find((r) => r[2] === '1012')!;
    expect(hyperlink[0]).toBe(`'=HYPERLINK("x")`);
    const drop = parsed.rows.find((r) => r[2] === '1013')!;
    expect(drop[0]).toBe("'); DROP TABLE clients;--");
    expect(drop[1]).toBe("'-1");
    expect(drop[5]).toBe(-100);
    // amounts are plain in the file: a negative difference is -100,00, neither quoted nor prefixed
    expect(text).toContain(';300,00;200,00;-100,00;-33,33;abaixo;');
    // no text cell of the file starts like a formula
    for (const r of [...parsed.rows, parsed.totals]) {
      r.forEach((cell, i) => {
        if (!AMOUNT_COLUMNS.includes(i) && typeof cell === 'string') expect(cell, `column ${i}`).not.toMatch(/^[=+\-@\t\r]/);
      });
    }
    // provenance: month, snapshot time (Brasília), last clients sync run
    const rec = await getReconciliation(deps, PERIOD, { sortByName: true });
    expect(parsed.header.slice(11)).toEqual(['ID do cliente', 'Mês', 'Snapshot sincronizado em', 'Último sync de clientes']);
    for (const r of [...parsed.rows, parsed.totals]) expect(r.slice(12)).toEqual(['01/10/2026', '01/11/2026 10:32:00', seeded.lastClientsRunId]);
    // the same bytes are available as a string (HTTP download)
    expect(renderReconciliationCsv(rec, 'excel-br')).toBe(text);
    // atomic: nothing but the file in the folder
    expect(readdirSync(dir)).toEqual(['conciliacao.csv']);
    const events = await t.db.selectFrom('module_events').select(['event_type', 'detail']).where('event_type', '=', 'export.reconciliation').execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.detail!)).toEqual({ period: PERIOD, dialect: 'excel-br', source: 'snapshot', rows: expected.length });
  });

  it('rfc4180 uses , and decimal point, ISO dates and English headers', async () => {
    const file = join(dir, 'reconciliation.csv');
    writeFileSync(file, 'old content that must be replaced whole');
    await exportReconciliationCsv(deps, PERIOD, { dialect: 'rfc4180', file, tolerance: 0n });
    const text = readFileSync(file, 'utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const parsed = parseCsv(text, ',', false);
    expect(parsed.header.slice(0, 11)).toEqual(EN_HEADER);
    expectRowsMatch(parsed, expectedRows(seeded, '0'), (s) => s, (b) => String(b));
    expect(parsed.rows.find((r) => r[2] === '1012')![0]).toBe(`'=HYPERLINK("x")`);
    expect(text).toContain(',300.00,200.00,-100.00,-33.33,under,');
    for (const r of parsed.rows) expect(r.slice(12)).toEqual(['2026-10-01', '2026-11-01T13:32:00.000Z', seeded.lastClientsRunId]);
    expect(readdirSync(dir).sort()).toEqual(['conciliacao.csv', 'reconciliation.csv']);
  });

  it('refuses a folder that does not exist or a bad dialect, leaving no temporary file', async () => {
    await expect(exportReconciliationCsv(deps, PERIOD, { dialect: 'excel-br', file: join(dir, 'missing', 'x.csv') })).rejects.toMatchObject({ code: 'bad_input' });
    await expect(exportReconciliationCsv(deps, PERIOD, { dialect: 'xlsx' as never, file: join(dir, 'x.csv') })).rejects.toMatchObject({ code: 'bad_input' });
    await expect(exportReconciliationCsv(deps, PERIOD, { dialect: 'excel-br', file: dir })).rejects.toMatchObject({ code: 'bad_input' });
    expect(readdirSync(dir).sort()).toEqual(['conciliacao.csv', 'reconciliation.csv']);
  });
});
