import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { expect, test } from './fixtures';

/** "R$ -1.234,56" / "-1234,56" / "-1234.56" → cents, for comparing the table with the file. */
function cents(text: string, decimal: ',' | '.'): bigint {
  let s = text.replace(/R\$|\s|\u00a0/g, '');
  s = decimal === ',' ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  const negative = s.startsWith('-') || s.startsWith('−');
  const [whole = '0', fraction = ''] = s.replace(/^[-−+]/, '').split('.');
  const value = BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
  return negative ? -value : value;
}

function column(header: string[], pattern: RegExp): number {
  const index = header.findIndex((h) => pattern.test(h));
  expect(index, `a column matching ${pattern} in ${header.join(' | ')}`).toBeGreaterThanOrEqual(0);
  return index;
}

for (const dialect of ['excel-br', 'rfc4180'] as const) {
  test(`reconciliation: "Exportar CSV" (${dialect}) downloads a file that parses and matches the table`, async ({ openConsole }) => {
    const page = await openConsole('/conciliacao');
    const table = page.getByTestId('reconciliation-table');
    await expect(table.getByTestId('reconciliation-row').first()).toBeVisible();
    const count = Number(await page.getByTestId('reconciliation-count').getAttribute('data-count'));
    expect(count).toBeGreaterThan(0);

    if (dialect === 'rfc4180') {
      await page.getByTestId('export-csv-dialect').click();
      await page.getByRole('option', { name: 'RFC 4180' }).click();
    }
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-csv-button').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csvText = readFileSync((await download.path())!, 'utf8');

    const delimiter = dialect === 'excel-br' ? ';' : ',';
    const decimal = dialect === 'excel-br' ? ',' : '.';
    const records = parse(csvText, { delimiter, bom: true, relax_column_count: false, skip_empty_lines: true }) as string[][];
    const [header, ...rows] = records;
    expect(header).toBeDefined();
    const nameAt = column(header!, /^(cliente|client|client_name|nome)$/i);
    const diffAt = column(header!, /^(diferen[cç]a|difference)$/i);
    const statusAt = column(header!, /^(status|situa[cç][aã]o)$/i);
    // Data rows: every row of the table (a totals line, if any, is told apart by having no status).
    const dataRows = rows.filter((r) => (r[statusAt] ?? '').trim() !== '');
    expect(dataRows).toHaveLength(count);

    // Totals: the file's differences add up to the total the page shows.
    const fileTotal = dataRows.reduce((sum, r) => sum + cents(r[diffAt]!, decimal), 0n);
    const shownTotal = cents(await page.getByTestId('total-diferenca').innerText(), ',');
    expect(fileTotal).toBe(shownTotal);

    // Every row on screen is in the file with the same amounts (matched by Omie code and name).
    const codeAt = column(header!, /^(c[oó]digo omie|omie_codigo)$/i);
    const mrrAt = column(header!, /^mrr$/i);
    const invoicedAt = column(header!, /^(faturado|invoiced)$/i);
    // Text cells a spreadsheet could read as a formula are written with a leading "'".
    const text = (cell: string | undefined) => (cell ?? '').replace(/^'(?=[=+\-@\t\r])/, '').trim();
    const byKey = new Map(dataRows.map((r) => [`${text(r[codeAt])}|${text(r[nameAt])}`, r]));
    const onScreen = table.locator('[data-testid="reconciliation-row"]');
    const visible = Math.min(await onScreen.count(), 15);
    expect(visible).toBeGreaterThan(0);
    for (let i = 0; i < visible; i++) {
      const cells = (await onScreen.nth(i).locator('[role="cell"]').allInnerTexts()).map((c) => c.trim());
      const code = cells[2] === '—' ? '' : cells[2]!;
      const record = byKey.get(`${code}|${cells[0]}`);
      expect(record, `row "${cells[0]}" (${code}) in the CSV`).toBeDefined();
      expect(cents(cells[3]!, ',')).toBe(cents(record![mrrAt]!, decimal));
      expect(cents(cells[4]!, ',')).toBe(cents(record![invoicedAt]!, decimal));
      expect(cents(cells[5]!, ',')).toBe(cents(record![diffAt]!, decimal));
    }
  });
}
