import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_APP_KEY, DEMO_APP_SECRET } from '../../src/main/omie-sim/index';
import { resultSchema } from '../../src/shared/contract';
import { parse } from 'csv-parse/sync';
import { codecsFor } from '../../src/main/db/codecs';
import { dayOfInstant } from '../../src/main/services/zoned-days';
import { addMonths } from '../../src/shared/period';
import { describeBackends } from '../helpers/backends';
import { readSse, type Served, serveForTest, type SseMessage } from './harness';

describeBackends('HTTP transport (ness-data serve)', (t) => {
  let served: Served;
  beforeAll(async () => {
    served = await serveForTest(t.db, t.url);
    await t.db
      .insertInto('clients')
      .values([
        { id: '11111111-1111-4111-8111-111111111111', name: 'Padaria Pão Quente Ltda', document: '12345678000190', contact_email: null, omie_codigo: '900001' },
        { id: '22222222-2222-4222-8222-222222222222', name: 'Cliente Manual', document: null, contact_email: 'a@b.com.br', omie_codigo: null },
      ])
      .execute();
  });
  afterAll(async () => {
    await served?.close();
  });

  it('binds 127.0.0.1 and prints a URL with a token', () => {
    const address = served.console.http.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
    expect(served.console.http.openUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('answers 401 without a token and with a wrong one', async () => {
    for (const token of [null, 'not-the-token', `${served.console.http.token}x`]) {
      const response = await served.call('summary:get', {}, { token });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ ok: false, error: { code: 'unauthorized', message: expect.any(String) } });
    }
  });

  it('refuses the SSE stream without the token', async () => {
    const response = await fetch(`${served.console.http.url}/api/events?token=wrong`);
    expect(response.status).toBe(401);
  });

  it('round-trips a real call against the database', async () => {
    const response = await served.call('summary:get', {});
    expect(response.status).toBe(200);
    const body = resultSchema('summary:get').parse(await response.json());
    expect(body).toMatchObject({ ok: true, data: { totalClients: 2, clientsWithOmie: 1, lastSync: null } });

    const clients = await (await served.call('clients:list', { withOmie: false, limit: 10 })).json();
    expect(clients).toMatchObject({ ok: true, data: { total: 1, rows: [{ name: 'Cliente Manual', omieCodigo: null }] } });
  });

  it('turns malformed JSON and invalid input into bad_input, and keeps serving', async () => {
    const malformed = await served.call('clients:list', null, { rawBody: '{"limit": 10,' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ ok: false, error: { code: 'bad_input' } });

    for (const body of [{ limit: 100_000 }, { offset: -1 }, { withOmie: 'yes' }, 'text', [1, 2]]) {
      const response = await served.call('clients:list', body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    }
    const period = await served.call('reconciliation:get', { period: '2026-13' });
    expect(await period.json()).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('period') } });

    const unknown = await served.call('clients:drop-all', {});
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'not_found' } });

    expect((await served.call('summary:get', {})).status).toBe(200);
  });

  it('refuses bodies over the size limit', async () => {
    const huge = JSON.stringify({ csvText: 'x'.repeat(9 * 1024 * 1024), dryRun: true });
    const response = await served.call('contracts:import', null, { rawBody: huge });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect((await served.call('summary:get', {})).status).toBe(200);
  });

  it('never sends CORS headers and refuses other origins and foreign Host names', async () => {
    const preflight = await fetch(`${served.console.http.url}/api/summary:get`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.status).toBe(405);

    const foreign = await served.call('summary:get', {}, { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const same = await served.call('summary:get', {}, { headers: { origin: served.console.http.url } });
    expect(same.status).toBe(200);
    expect(same.headers.get('access-control-allow-origin')).toBeNull();

    const rebound = await rawGet(served.console.http.port, '/', 'attacker.example');
    expect(rebound.status).toBe(403);
  });

  it('serves the built renderer with a strict CSP, MIME types and an SPA fallback', async () => {
    const index = await fetch(`${served.console.http.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await index.text()).toContain('<div id="root">');

    const route = await fetch(`${served.console.http.url}/conciliacao`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<div id="root">');

    const script = await fetch(`${served.console.http.url}/assets/index-abc.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);

    expect((await fetch(`${served.console.http.url}/assets/missing.js`)).status).toBe(404);
    const traversal = await rawGet(served.console.http.port, '/..%2f..%2fpackage.json', '127.0.0.1');
    expect(traversal.body).not.toContain('"dependencies"');
  });

  it('pushes sync progress over SSE while a clients sync started over HTTP runs', async () => {
    let runId = '';
    const messages = await readSse(
      `${served.console.http.url}/api/events?token=${served.console.http.token}`,
      (m: SseMessage) => m.event === 'sync:finished',
      () => {
        void served.call('sync:start-clients', { full: true }).then(async (r) => {
          const body = (await r.json()) as { ok: boolean; data: { runId: string } };
          runId = body.data.runId;
        });
      },
    );
    const progress = messages.filter((m) => m.event === 'sync:progress').map((m) => m.data as { runId: string; phase: string; page: number; totalPages: number | null });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.some((p) => p.phase === 'fetching' && p.page >= 1 && p.totalPages !== null && p.totalPages >= 2)).toBe(true);
    const finished = messages.at(-1)?.data as { runId: string; status: string };
    expect(finished.status).toBe('success');
    expect(runId).not.toBe('');
    expect(finished.runId).toBe(runId);
    expect(progress.every((p) => p.runId === runId)).toBe(true);

    const runs = await (await served.call('sync:list-runs', { limit: 5 })).json();
    expect(runs).toMatchObject({ ok: true, data: { total: 1, rows: [{ id: runId, kind: 'clients', status: 'success' }] } });
  });

  it('refuses a second clients sync while one runs, and cancels by run id', async () => {
    served.sim.control.setLatency(150);
    try {
      const first = (await (await served.call('sync:start-clients', { full: true })).json()) as { ok: true; data: { runId: string } };
      expect(first.ok).toBe(true);
      const second = await served.call('sync:start-clients', {});
      expect(second.status).toBe(409);
      expect(await second.json()).toMatchObject({ ok: false, error: { code: 'already_running' } });
      const cancel = await (await served.call('sync:cancel', { runId: first.data.runId })).json();
      expect(cancel).toEqual({ ok: true, data: { cancelled: true } });
      await expect.poll(async () => {
        const runs = (await (await served.call('sync:list-runs', { limit: 1 })).json()) as { data: { rows: { id: string; status: string; errorCode: string | null }[] } };
        return runs.data.rows[0];
      }, { timeout: 10_000 }).toMatchObject({ id: first.data.runId, status: 'error', errorCode: 'cancelled' });
    } finally {
      served.sim.control.setLatency(0);
    }
  });

  it('snapshots a month, reconciles it and downloads the CSV as a file that matches the table', async () => {
    const period = addMonths(dayOfInstant(Date.now()).slice(0, 7), -1);
    const snapshot = await (await served.call('snapshot:sync', { period })).json();
    expect(snapshot).toMatchObject({ ok: true, data: { period, clients: expect.any(Number) } });
    const linked = await t.db.selectFrom('clients').select(['id', 'omie_codigo']).where('omie_codigo', 'is not', null).orderBy('omie_codigo').limit(3).execute();
    await t.db
      .insertInto('contracts')
      .values(linked.map((c, i) => ({ id: `c0000000-0000-4000-8000-00000000000${i}`, client_id: c.id, mrr: codecsFor(t.db).moneyToDb(123_45n), start_date: '2020-01-01', end_date: null })))
      .execute();

    const table = (await (await served.call('reconciliation:get', { period, limit: 1000 })).json()) as {
      ok: true;
      data: { total: number; rows: { clientName: string; faturado: string; status: string }[]; source: { kind: string }; countsByStatus: Record<string, number> };
    };
    expect(table.ok).toBe(true);
    expect(table.data.source.kind).toBe('snapshot');
    expect(table.data.total).toBeGreaterThan(3);
    expect(Object.values(table.data.countsByStatus).reduce((a, b) => a + b, 0)).toBe(table.data.total);

    const download = await served.call('reconciliation:export-csv', { period, dialect: 'rfc4180' });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="conciliacao-${period}.csv"; filename*=UTF-8''conciliacao-${period}.csv`);
    expect(download.headers.get('access-control-allow-origin')).toBeNull();
    const records = parse(await download.text(), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    const clientRecords = records.slice(0, -1);
    expect(clientRecords).toHaveLength(table.data.total);
    expect(clientRecords.map((r) => Object.values(r)[0]).sort()).toEqual(table.data.rows.map((r) => r.clientName).sort());

    const filtered = await served.call('reconciliation:export-csv', { period, dialect: 'excel-br', status: 'no_contract' });
    const filteredRecords = parse((await filtered.text()).replace(/^\uFEFF/, ''), { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(filteredRecords.length - 1).toBe(table.data.countsByStatus.no_contract);

    const badDialect = await served.call('reconciliation:export-csv', { period, dialect: 'xlsx' });
    expect(badDialect.status).toBe(400);
  });

  it('reports settings under serve without any secret, and refuses keys', async () => {
    const settings = await (await served.call('settings:get', {})).json();
    expect(settings).toMatchObject({ ok: true, data: { transport: 'http', omie: { configured: true, source: 'env', editable: false }, database: { editable: false } } });
    expect(JSON.stringify(settings)).not.toContain(DEMO_APP_KEY);
    expect(JSON.stringify(settings)).not.toContain(DEMO_APP_SECRET);
    const refused = await served.call('settings:set', { omieAppKey: 'k', omieAppSecret: 's' });
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const tolerance = await (await served.call('settings:set', { tolerance: '0,50' })).json();
    expect(tolerance).toMatchObject({ ok: true, data: { tolerance: '0.50' } });
    const info = await (await served.call('app:info', {})).json();
    expect(info).toMatchObject({ ok: true, data: { transport: 'http', database: { kind: t.backend } } });
    expect(JSON.stringify(info)).not.toMatch(/password|:[^@/]+@/);
  });
});

function rawGet(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
