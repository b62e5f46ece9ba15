/**
 * §5 Bad input.
 *  - Omie sends malformed customers (no code, wrong CNPJ check digits, a 10 kB name, control
 *    characters, no name at all) and malformed titles (amounts "NaN", null, words; codes missing or
 *    not numbers) next to odd-but-valid ones (amounts and codes as strings): each bad record is
 *    skipped with its reason and counted, every valid one is stored, the run succeeds.
 *  - Bad command lines (`reconcile 2026-13`, `--tolerance abc`, unknown flags …) exit 2 with one line.
 *  - Malformed contract CSVs come back as line errors (nothing imported), never a crash; an oversized
 *    CSV is refused from its size alone, before a byte is read.
 *  - Every call of the contract, over HTTP and IPC, fed payloads its schema refuses: bad_input (or
 *    not_found), never `internal`, never a 5xx, and the server keeps answering.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DB } from '../../src/main/db/schema';
import { type OmieSim, type RawCliente, type RawTitulo, startOmieSim } from '../../src/main/omie-sim/index';
import { syncOmieErp } from '../../src/main/services/clients-sync';
import { importContracts } from '../../src/main/services/contracts-import';
import { syncOmieRevenueSnapshot } from '../../src/main/services/revenue-snapshot';
import { createAppRuntime } from '../../src/main/transport/app-runtime';
import { type InvokeEventLike, registerIpcTransport } from '../../src/main/transport/ipc';
import { envVault } from '../../src/main/settings/secret-vault';
import { CALL_CHANNELS, contract } from '../../src/shared/contract';
import { AppError } from '../../src/shared/errors';
import { backendNames, freshDatabase, type TestDatabase } from '../helpers/backends';
import { childEnv, runCli } from '../helpers/cli-process';
import { auditClients, cleanAudit, lines, NO_LOSS, omieEnv, report, serveForTest, simDeps } from './harness';

const PERIOD = '2026-10';
const VALID_CNPJ = '11.222.333/0001-81';
/** Marks the injected malformed customers (a field the sync ignores). */
const MALFORMED = 'registro malformado de teste';

/** Malformed customers and the reason each must be skipped with. */
const BAD_CLIENTES: [string, Record<string, unknown>, RegExp][] = [
  ['missing code', { razao_social: 'Sem Código Ltda', cnpj_cpf: VALID_CNPJ }, /codigo_cliente_omie/],
  ['code zero', { codigo_cliente_omie: 0, razao_social: 'Código Zero Ltda' }, /codigo_cliente_omie/],
  ['code not a number', { codigo_cliente_omie: 'abc', razao_social: 'Código Letras Ltda' }, /codigo_cliente_omie/],
  ['wrong CNPJ check digits', { codigo_cliente_omie: 990001, razao_social: 'Dígito Errado Ltda', cnpj_cpf: '11.222.333/0001-00' }, /CNPJ check digits/],
  ['wrong CPF check digits', { codigo_cliente_omie: 990002, razao_social: 'Fulano de Tal', cnpj_cpf: '123.456.789-00' }, /CPF check digits/],
  ['10 kB name', { codigo_cliente_omie: 990003, razao_social: `Empresa ${'Muito Grande '.repeat(800)}`.slice(0, 10_240) }, /longer than \d+ characters/],
  ['NUL in the name', { codigo_cliente_omie: 990004, razao_social: 'Nome\u0000Nulo Ltda' }, /control characters/],
  ['escape codes in the name', { codigo_cliente_omie: 990005, razao_social: '\u001b[31mVermelho\u001b[0m Ltda' }, /control characters/],
  ['no name at all', { codigo_cliente_omie: 990006, razao_social: '', nome_fantasia: '   ' }, /no razao_social nor nome_fantasia/],
];

/** Odd but valid customers: must be stored. */
const ODD_CLIENTES: Record<string, unknown>[] = [
  { codigo_cliente_omie: '990101', razao_social: 'Código Em Texto Ltda', cnpj_cpf: '11222333000181' },
  { codigo_cliente_omie: 990102, razao_social: '  Espaços  Ltda  ', email: '  contato@espacos.com.br  ' },
  { codigo_cliente_omie: 990103, razao_social: '', nome_fantasia: 'Só Fantasia 🚀' },
];

function rawCliente(fields: Record<string, unknown>): Record<string, unknown> {
  return { tags: [{ tag: 'Cliente' }], inativo: 'N', info: { dInc: '01/10/2026', hInc: '10:00:00', dAlt: '01/10/2026', hAlt: '10:00:00', uInc: 'P1', uAlt: 'P1', cImpAPI: 'N' }, ...fields };
}

/** Faturamento per customer of the month from valid raw titles, by the suite's own reading. */
function expectedMonth(titulos: readonly Record<string, unknown>[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const t of titulos) {
    const code = Number(t.codigo_lancamento_omie);
    const cliente = Number(t.codigo_cliente_fornecedor);
    const v = t.valor_documento;
    const valid = (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^-?\d+(\.\d{1,2})?$/.test(v.trim()));
    if (!(code > 0) || !(cliente > 0) || !valid) continue;
    if (String(t.status_titulo).toUpperCase() === 'CANCELADO') continue;
    const date = [t.data_emissao, t.data_registro, t.data_vencimento].find((d) => typeof d === 'string' && d.trim() !== '') as string | undefined;
    if (!date || date.slice(3, 10) !== `${PERIOD.slice(5, 7)}/${PERIOD.slice(0, 4)}`) continue;
    out.set(String(cliente), (out.get(String(cliente)) ?? 0n) + BigInt(Math.round(Number(v) * 100)));
  }
  return out;
}

for (const backend of backendNames()) {
  describe.sequential(`§5 bad input from Omie [${backend}]`, () => {
    let sim: OmieSim;
    let database: TestDatabase;
    const tally = { clientesInjected: 0, clientesSkipped: 0, clientesStored: 0, titulosInjected: 0, titulosSkipped: 0, oddStored: 0 };
    beforeAll(async () => {
      sim = await startOmieSim({ seed: 850, clients: 50, months: 2, lastMonth: PERIOD });
      database = await freshDatabase(backend);
    });
    afterAll(async () => {
      report(`bad-input.omie [${backend}]`, {
        'malformed.customers': tally.clientesInjected,
        'malformed.customers_skipped_with_reason': tally.clientesSkipped,
        'malformed.titles': tally.titulosInjected,
        'malformed.titles_skipped_with_reason': tally.titulosSkipped,
        'odd_but_valid_stored': tally.oddStored,
        'valid.customers_stored': tally.clientesStored,
        'records.lost': 0,
      });
      await sim?.close();
      await database?.drop();
    });

    it('malformed customers are skipped with reasons and counted; every valid one is stored', async () => {
      for (const [, fields] of BAD_CLIENTES) sim.control.addRawCliente(rawCliente({ ...fields, contato: MALFORMED }));
      for (const fields of ODD_CLIENTES) sim.control.addRawCliente(rawCliente(fields));
      tally.clientesInjected = BAD_CLIENTES.length;
      const result = await syncOmieErp(simDeps(database.db, sim.url, { pageSize: 25 }), { full: true });
      expect(result.status, result.errorMessage ?? '').toBe('success');

      const skipped = await database.db.selectFrom('erp_sync_skipped').select(['omie_codigo', 'reason', 'record_excerpt']).where('run_id', '=', result.runId).execute();
      const used = new Set<(typeof skipped)[number]>();
      for (const [what, fields, reason] of BAD_CLIENTES) {
        const code = typeof fields.codigo_cliente_omie === 'number' && fields.codigo_cliente_omie > 0 ? String(fields.codigo_cliente_omie) : null;
        // each malformed record is matched to its own skip row (those without a code by reason)
        const hit = skipped.find((s) => !used.has(s) && s.omie_codigo === code && reason.test(s.reason));
        if (hit) used.add(hit);
        expect(hit, `${what}: not skipped with ${reason} (skips: ${skipped.map((s) => s.reason).join(' | ')})`).toBeDefined();
        expect(hit!.record_excerpt?.length ?? 0).toBeLessThanOrEqual(200);
        tally.clientesSkipped += 1;
      }
      // the valid ones, including the odd ones, are all there and right
      const valid = sim.control.clientes().filter((r) => r.contato !== MALFORMED);
      const audit = await auditClients(database.db, valid as RawCliente[]);
      const stored = await database.db.selectFrom('clients').select('omie_codigo').execute();
      const known = new Set(valid.map((r) => String(r.codigo_cliente_omie)));
      expect(cleanAudit(audit), `extra: ${stored.map((r) => r.omie_codigo).filter((c) => !known.has(c!)).join(',')}`).toEqual(NO_LOSS);
      tally.clientesStored = audit.stored;
      const odd = await database.db.selectFrom('clients').select(['omie_codigo', 'name', 'contact_email']).where('omie_codigo', 'in', ['990101', '990102', '990103']).orderBy('omie_codigo').execute();
      expect(odd).toEqual([
        { omie_codigo: '990101', name: 'Código Em Texto Ltda', contact_email: null },
        { omie_codigo: '990102', name: 'Espaços  Ltda', contact_email: 'contato@espacos.com.br' },
        { omie_codigo: '990103', name: 'Só Fantasia 🚀', contact_email: null },
      ]);
      tally.oddStored = odd.length;
      const longest = await database.db.selectFrom('clients').select('name').execute();
      expect(Math.max(...longest.map((r) => r.name.length))).toBeLessThanOrEqual(500);
    });

    it('malformed titles are skipped with reasons; amounts as decimal strings count to the cent', async () => {
      const customer = sim.control.clientes().find((c) => c.contato !== MALFORMED && Number(c.codigo_cliente_omie) > 0 && (c.tags ?? []).some((t) => t.tag === 'Cliente'))!;
      const base = { ...(sim.control.titulos()[0] as RawTitulo) } as Record<string, unknown>;
      const titulo = (fields: Record<string, unknown>) => ({
        ...base,
        codigo_cliente_fornecedor: customer.codigo_cliente_omie,
        data_emissao: '12/10/2026',
        data_vencimento: '12/11/2026',
        status_titulo: 'A VENCER',
        info: { dInc: '12/10/2026', hInc: '09:00:00', uInc: 'P1', dAlt: '12/10/2026', hAlt: '09:00:00', uAlt: 'P1', cImpAPI: 'N' },
        ...fields,
      });
      const bad: [Record<string, unknown>, RegExp][] = [
        [titulo({ codigo_lancamento_omie: 880001, valor_documento: 'NaN' }), /valor_documento is not an amount/],
        [titulo({ codigo_lancamento_omie: 880002, valor_documento: null }), /valor_documento is not an amount/],
        [titulo({ codigo_lancamento_omie: 880003, valor_documento: 'doze reais' }), /valor_documento is not an amount/],
        [titulo({ codigo_lancamento_omie: undefined, valor_documento: 10 }), /codigo_lancamento_omie/],
        [titulo({ codigo_lancamento_omie: 880005, codigo_cliente_fornecedor: 'abc', valor_documento: 10 }), /codigo_cliente_fornecedor/],
      ];
      for (const [raw] of bad) sim.control.addRawTitulo(raw);
      sim.control.addRawTitulo(titulo({ codigo_lancamento_omie: 880101, valor_documento: '1234.56' }));
      sim.control.addRawTitulo(titulo({ codigo_lancamento_omie: '880102', valor_documento: 0.1 }));
      tally.titulosInjected = bad.length;

      const result = await syncOmieRevenueSnapshot(simDeps(database.db, sim.url, { pageSize: 25 }), PERIOD);
      expect(result.status, result.errorMessage ?? '').toBe('success');
      const skipped = await database.db.selectFrom('erp_sync_skipped').select(['omie_codigo', 'reason']).where('run_id', '=', result.runId).execute();
      for (const [raw, reason] of bad) {
        const code = typeof raw.codigo_lancamento_omie === 'number' ? String(raw.codigo_lancamento_omie) : null;
        expect(skipped.find((s) => s.omie_codigo === code && reason.test(s.reason)), `${JSON.stringify(raw.valor_documento)} / ${code}: ${JSON.stringify(skipped)}`).toBeDefined();
        tally.titulosSkipped += 1;
      }
      expect(result.skipped).toBe(skipped.length);

      const expected = expectedMonth(sim.control.titulos() as unknown as Record<string, unknown>[]);
      const rows = await database.db.selectFrom('erp_revenue_snapshot').select(['omie_codigo', 'valor']).where('period', '=', `${PERIOD}-01`).execute();
      const { codecsFor } = await import('../../src/main/db/codecs');
      const stored = new Map(rows.map((r) => [r.omie_codigo, codecsFor(database.db).moneyFromDb(r.valor)]));
      expect([...stored].sort()).toEqual([...expected].sort());
    });

    it('malformed contract CSVs give line errors and import nothing; never a crash', async () => {
      const db: Kysely<DB> = database.db;
      const before = await db.selectFrom('contracts').select('id').execute();
      const cases: [string, string | Uint8Array][] = [
        ['bad cells', 'documento;descricao;mrr;inicio;fim\n11222333000181;Plano;abc;31/02/2026;\n;Sem cliente;100,00;01/01/2026;\n99999999999999;Cliente inexistente;-5,00;2026-01-01;ontem\n'],
        ['missing columns', 'foo;bar\n1;2\n'],
        ['unclosed quote', 'documento;descricao;mrr;inicio\n"11222333000181;Plano;100,00;01/01/2026\n'],
        ['binary garbage', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)],
        ['header only', 'documento;descricao;mrr;inicio\n'],
        ['formula cells', 'documento;descricao;mrr;inicio\n=cmd|\' /C calc\'!A0;=1+1;@SUM(1);+1\n'],
      ];
      let errors = 0;
      for (const [what, text] of cases) {
        let outcome: string;
        try {
          const result = await importContracts(db, { text, name: `${what}.csv` }, { dryRun: false });
          outcome = result.errors.length > 0 ? 'errors' : 'ok';
          errors += result.errors.length;
          for (const e of result.errors) {
            expect(e.line, what).toBeGreaterThanOrEqual(0);
            expect(e.message.length, what).toBeGreaterThan(0);
          }
          if (what !== 'header only') expect(result.errors.length, `${what} was accepted`).toBeGreaterThan(0);
        } catch (error) {
          // a refusal of the whole file is fine when it is a clear bad_input, never anything else
          expect(error, what).toBeInstanceOf(AppError);
          expect((error as AppError).code, what).toBe('bad_input');
          outcome = 'refused';
        }
        expect(outcome, what).toMatch(/errors|refused|ok/);
      }
      expect(await db.selectFrom('contracts').select('id').execute()).toEqual(before);
      report(`bad-input.contracts-csv [${backend}]`, { files: cases.length, line_errors: errors, crashes: 0, contracts_written: 0 });
    });
  });
}

describe('§5 bad input: command lines and oversized files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ness-rel-bad-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bad usage exits 2 with one clear line; --json prints one error document', async () => {
    const db = `sqlite:${join(dir, 'cli.sqlite')}`;
    const env = childEnv(omieEnv('http://127.0.0.1:9/api/v1'));
    const cases: [string[], RegExp][] = [
      [['reconcile', '2026-13'], /month|2026-13/i],
      [['reconcile', '2026-10', '--tolerance', 'abc'], /tolerance/],
      [['sync', 'clients', '--bogus'], /unknown option '--bogus'/],
      [['sync', 'revenue', '2026-13'], /month|2026-13/i],
      [['reconcile', '2026-10', '--csv-dialect', 'klingon'], /klingon/],
    ];
    const outs = await Promise.all(cases.map(([args]) => runCli(['--db', db, ...args], env)));
    outs.forEach((out, i) => {
      const [args, pattern] = cases[i]!;
      expect(out.code, `${args.join(' ')}: ${out.stderr}`).toBe(2);
      expect(lines(out.stderr), args.join(' ')).toEqual([expect.stringMatching(pattern)]);
      expect(out.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
    const json = await runCli(['--db', db, '--json', 'reconcile', '2026-13'], env);
    expect(json.code).toBe(2);
    expect(lines(json.stdout)).toHaveLength(1);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'bad_input', message: expect.stringMatching(/2026-13/) } });
    report('bad-input.cli', { commands: cases.length + 1, exit_2_with_one_line: cases.length + 1, stack_traces: 0 });
  });

  it('an oversized CSV is refused from its size, before it is read (a 3 GiB sparse file)', async () => {
    const huge = join(dir, 'contratos-enormes.csv');
    writeFileSync(huge, 'documento;descricao;mrr;inicio\n');
    truncateSync(huge, 3 * 1024 ** 3); // reading it whole would fail with ERR_FS_FILE_TOO_LARGE, not this message
    const database = await freshDatabase('sqlite');
    try {
      const started = Date.now();
      const refusal = await importContracts(database.db, { path: huge }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refusal).toBeInstanceOf(AppError);
      expect((refusal as AppError).code).toBe('bad_input');
      expect((refusal as AppError).message).toMatch(/contratos-enormes\.csv is 3072\.0 MB, over the import limit of 20\.0 MB/);
      const inProcessMs = Date.now() - started;
      const out = await runCli(['--db', database.url, 'import', 'contracts', huge]);
      expect(out.code, out.stderr).toBe(2);
      expect(lines(out.stderr)).toEqual([expect.stringMatching(/over the import limit/)]);
      report('bad-input.oversized-csv', { file_bytes: 3 * 1024 ** 3, refused: 2, bytes_read: 0, in_process_ms: inProcessMs });
    } finally {
      await database.drop();
    }
  });
});

/** Payloads the channel's own schema refuses: not objects, and each field given a wrong type. */
function refusedPayloads(channel: (typeof CALL_CHANNELS)[number]): unknown[] {
  const schema = contract[channel].input as z.ZodType;
  const candidates: unknown[] = [[], 'text', 42, true, [{}], { __proto__: { polluted: true } }];
  let object: z.ZodType = schema;
  if (object instanceof z.ZodDefault) object = object.unwrap() as z.ZodType;
  if (object instanceof z.ZodObject) {
    for (const key of Object.keys(object.shape)) {
      for (const wrong of [12345, 'not valid ÿ \u0000', true, { nested: [1] }, -1, 'x'.repeat(100_000)]) candidates.push({ [key]: wrong });
    }
  }
  return candidates.filter((p) => !schema.safeParse(p).success);
}

for (const backend of backendNames()) {
  describe.sequential(`§5 bad input: every call fed payloads its schema refuses [${backend}]`, () => {
    let sim: OmieSim;
    let database: TestDatabase;
    beforeAll(async () => {
      sim = await startOmieSim({ seed: 851, clients: 20, months: 1, lastMonth: PERIOD });
      database = await freshDatabase(backend);
    });
    afterAll(async () => {
      await sim?.close();
      await database?.drop();
    });

    it('HTTP: bad_input or not_found, never internal or 5xx; the server keeps answering', async () => {
      const served = await serveForTest(database.db, database.url, sim.url);
      let sent = 0;
      const codes: Record<string, number> = {};
      try {
        for (const channel of CALL_CHANNELS) {
          for (const payload of refusedPayloads(channel)) {
            const response = await served.call(channel, payload);
            const body = (await response.json()) as { ok: boolean; error?: { code: string } };
            sent += 1;
            expect(response.status, `${channel} ${JSON.stringify(payload).slice(0, 80)}`).toBeLessThan(500);
            expect(body.ok, channel).toBe(false);
            expect(body.error?.code, `${channel} ${JSON.stringify(payload).slice(0, 80)}`).toBe('bad_input');
            codes[body.error!.code] = (codes[body.error!.code] ?? 0) + 1;
          }
          for (const raw of ['{"period":', '\u0000\u0001', 'null null', '{"a":1}{"b":2}']) {
            const response = await served.call(channel, null, { rawBody: raw });
            sent += 1;
            expect(response.status, `${channel} raw ${raw}`).toBe(400);
          }
        }
        for (const unknown of ['clients:drop-all', '..%2F..%2Fetc%2Fpasswd', 'constructor', '__proto__']) {
          const response = await served.call(unknown, {});
          sent += 1;
          expect(response.status, unknown).toBe(404);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect((await served.call('summary:get', {})).status).toBe(200);
      } finally {
        await served.close();
      }
      report(`bad-input.http [${backend}]`, { channels: CALL_CHANNELS.length, payloads: sent, internal_errors: 0, status_5xx: 0, ...Object.fromEntries(Object.entries(codes).map(([k, v]) => [`code.${k}`, v])) });
    });

    it('IPC: the same payloads get the same validation errors', async () => {
      const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
      const contents = { mainFrame: {}, send: () => {}, isDestroyed: () => false };
      const app = createAppRuntime({ db: database.db, dbUrl: database.url, transport: 'ipc', vault: envVault({}), version: 'test' });
      const unregister = registerIpcTransport({
        ipcMain: { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) },
        app,
        webContents: () => contents,
        saveFile: async () => null,
      });
      let sent = 0;
      try {
        for (const channel of CALL_CHANNELS) {
          for (const payload of refusedPayloads(channel)) {
            const answer = (await handlers.get(channel)!({ sender: contents, senderFrame: contents.mainFrame }, payload)) as { ok: boolean; error?: { code: string } };
            sent += 1;
            expect(answer.ok, channel).toBe(false);
            expect(answer.error?.code, `${channel} ${JSON.stringify(payload).slice(0, 80)}`).toBe('bad_input');
          }
          // and a call from another frame is refused before any parsing
          const foreign = (await handlers.get(channel)!({ sender: contents, senderFrame: {} }, {})) as { ok: boolean; error?: { code: string } };
          expect(foreign).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
        }
      } finally {
        unregister();
        await app.syncJobs.stopAll();
      }
      report(`bad-input.ipc [${backend}]`, { channels: CALL_CHANNELS.length, payloads: sent, internal_errors: 0, foreign_frames_refused: CALL_CHANNELS.length });
    });
  });
}
