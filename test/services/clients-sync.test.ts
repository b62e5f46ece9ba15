import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { codecsFor } from '../../src/main/db/codecs';
import { withSingleRun } from '../../src/main/db/locks';
import { DEMO_APP_SECRET, type OmieSim, startOmieSim } from '../../src/main/omie-sim/index';
import { syncOmieErp } from '../../src/main/services/clients-sync';
import { readClientsCursor } from '../../src/main/services/clients-cursor';
import { listSkippedRecords } from '../../src/main/services/summary';
import type { SyncProgress } from '../../src/shared/progress';
import { describeBackends } from '../helpers/backends';
import { DEFERRED_CLIENT_INDEXES, indexesOf } from '../helpers/indexes';
import { clientRows, customersOf, digits, expectedName, resetTables, simDeps, tagsOf } from './clients-sync.fixture';

const START = Date.UTC(2026, 10, 10, 15, 0, 0);
const DAY = 86_400_000;

describeBackends('syncOmieErp against the simulator', (t) => {
  let clock: ManualClock;
  let sim: OmieSim;

  beforeAll(async () => {
    clock = new ManualClock(START);
    sim = await startOmieSim({ seed: 11, clients: 40, clock });
    // roles the generator rarely draws at this size: a supplier, a carrier, a record without tags, an inactive customer
    sim.control.addCliente({ razao_social: 'Fornecedora de Papel Ltda', tags: [{ tag: 'Fornecedor' }] });
    sim.control.addCliente({ razao_social: 'Transportes Rápidos Ltda', tags: [{ tag: 'Transportadora' }] });
    sim.control.addCliente({ razao_social: 'Sem Etiqueta Ltda', tags: [] });
    sim.control.addCliente({ razao_social: '', nome_fantasia: 'Só Fantasia', inativo: 'S', tags: [{ tag: 'Cliente' }, { tag: 'Fornecedor' }] });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    await resetTables(t.db);
  });

  it('full then incremental: maps every customer, then writes only what changed', async () => {
    const deps = simDeps(t.db, sim.url, clock, 15);
    const records = sim.control.clientes();
    const customers = customersOf(records);
    const first = await syncOmieErp(deps);
    expect(first).toMatchObject({ status: 'success', inserted: customers.length, updated: 0, unchanged: 0, errorMessage: null });
    expect(first.recordCount).toBe(customers.length);
    expect(first.skipped).toBe(records.length - customers.length);
    expect(first.pages).toBe(Math.ceil(records.length / 15));

    const rows = await clientRows(t.db);
    const codecs = codecsFor(t.db);
    expect(rows).toHaveLength(customers.length);
    for (const raw of customers) {
      const row = rows.find((r) => r.omie_codigo === String(raw.codigo_cliente_omie));
      expect(row, `client ${raw.codigo_cliente_omie}`).toBeDefined();
      expect(row!.name).toBe(expectedName(raw));
      expect(row!.document).toBe(digits(raw.cnpj_cpf) || null);
      expect(row!.contact_email).toBe(raw.email?.trim() || null);
      expect(codecs.boolFromDb(row!.omie_inativo)).toBe(raw.inativo === 'S');
      expect(row!.omie_tags).toBe(tagsOf(raw).join(',') || null);
      expect(row!.omie_altered_at).not.toBeNull();
    }
    // new clients' ids are UUIDv7 (clients-apply.ts), increasing in the order Omie served them
    const ids = customers.map((raw) => rows.find((r) => r.omie_codigo === String(raw.codigo_cliente_omie))!.id);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(await readClientsCursor(t.db)).toBe(new Date(START).toISOString());
    const log = await t.db.selectFrom('erp_sync_log').selectAll().where('id', '=', first.runId).executeTakeFirstOrThrow();
    expect(log).toMatchObject({ status: 'success', kind: 'clients', record_count: customers.length, host: 'test-host', os_user: 'tester', error_message: null });
    expect(log.finished_at).not.toBeNull();

    // three days later Omie changes three customers and gains one
    clock.advance(3 * DAY);
    const changed = customers.slice(3, 6);
    sim.control.mutateCliente(changed[0]!.codigo_cliente_omie, { email: 'novo@exemplo.com.br' });
    sim.control.mutateCliente(changed[1]!.codigo_cliente_omie, { razao_social: 'Razão Alterada S.A.' });
    sim.control.mutateCliente(changed[2]!.codigo_cliente_omie, { inativo: 'S' });
    const added = sim.control.addCliente({ razao_social: 'Cliente Novo Ltda' });
    const before = new Map(rows.map((r) => [r.omie_codigo, r.updated_at]));

    const second = await syncOmieErp(deps);
    expect(second).toMatchObject({ status: 'success', inserted: 1, updated: 3, recordCount: 4 });
    // incremental: only the window since the cursor (minus the overlap) was read, not the whole register
    expect(second.inserted + second.updated + second.unchanged + second.skipped).toBeLessThan(records.length);
    const after = await clientRows(t.db);
    expect(after).toHaveLength(customers.length + 1);
    const touched = after.filter((r) => r.updated_at !== before.get(r.omie_codigo)).map((r) => r.omie_codigo).sort();
    expect(touched).toEqual([...changed.map((c) => String(c.codigo_cliente_omie)), String(added.codigo_cliente_omie)].sort());
    expect(after.find((r) => r.omie_codigo === String(changed[1]!.codigo_cliente_omie))!.name).toBe('Razão Alterada S.A.');
    expect(await readClientsCursor(t.db)).toBe(new Date(START + 3 * DAY).toISOString());

    // nothing changed since: a rerun writes nothing
    clock.advance(60_000);
    const third = await syncOmieErp(deps);
    expect(third).toMatchObject({ status: 'success', inserted: 0, updated: 0, recordCount: 0 });
    expect(third.unchanged).toBeGreaterThanOrEqual(4);
  });

  it('links a hand-made client with the same document instead of duplicating it; unrelated hand-made clients stay', async () => {
    const target = customersOf(sim.control.clientes()).find((c) => digits(c.cnpj_cpf) !== '')!;
    await t.db
      .insertInto('clients')
      .values([
        { id: '00000000-0000-4000-8000-00000000000a', name: 'Cadastrado à mão', document: digits(target.cnpj_cpf), contact_email: null, omie_codigo: null },
        { id: '00000000-0000-4000-8000-00000000000b', name: 'Cliente sem Omie', document: '11122233344', contact_email: 'x@y.com', omie_codigo: null },
      ])
      .execute();
    const result = await syncOmieErp(simDeps(t.db, sim.url, clock), { full: true });
    const customers = customersOf(sim.control.clientes());
    expect(result).toMatchObject({ status: 'success', inserted: customers.length - 1, updated: 1 });
    const linked = await t.db.selectFrom('clients').selectAll().where('document', '=', digits(target.cnpj_cpf)).execute();
    expect(linked).toHaveLength(1);
    expect(linked[0]).toMatchObject({ id: '00000000-0000-4000-8000-00000000000a', omie_codigo: String(target.codigo_cliente_omie), name: expectedName(target) });
    const untouched = await t.db.selectFrom('clients').selectAll().where('id', '=', '00000000-0000-4000-8000-00000000000b').executeTakeFirstOrThrow();
    expect(untouched).toMatchObject({ name: 'Cliente sem Omie', omie_codigo: null, updated_at: null });
    expect(await t.db.selectFrom('clients').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).toEqual({ n: customers.length + 1 });
  });

  it('--full reports clients that vanished from Omie, keeps them, and clears the mark when they come back', async () => {
    const deps = simDeps(t.db, sim.url, clock);
    await t.db.insertInto('clients').values({ id: '00000000-0000-4000-8000-00000000000c', name: 'Manual', document: null, contact_email: null, omie_codigo: null }).execute();
    await syncOmieErp(deps, { full: true });
    const gone = customersOf(sim.control.clientes())[7]!;
    sim.control.removeCliente(gone.codigo_cliente_omie);
    try {
      clock.advance(DAY);
      const result = await syncOmieErp(deps, { full: true });
      expect(result.status).toBe('success');
      expect(result.vanished).toEqual([String(gone.codigo_cliente_omie)]);
      const row = await t.db.selectFrom('clients').selectAll().where('omie_codigo', '=', String(gone.codigo_cliente_omie)).executeTakeFirstOrThrow();
      expect(row.omie_missing_since).toBe(new Date(clock.now()).toISOString());
      expect(await t.db.selectFrom('clients').select('id').where('id', '=', '00000000-0000-4000-8000-00000000000c').executeTakeFirst()).toBeDefined();
      // incremental runs do not report vanished clients
      expect((await syncOmieErp(deps)).vanished).toEqual([]);
    } finally {
      sim.control.addCliente({ ...gone, tags: gone.tags });
    }
    clock.advance(DAY);
    const back = await syncOmieErp(deps, { full: true });
    expect(back.vanished).toEqual([]);
    expect(back.updated).toBe(1);
    const row = await t.db.selectFrom('clients').selectAll().where('omie_codigo', '=', String(gone.codigo_cliente_omie)).executeTakeFirstOrThrow();
    expect(row.omie_missing_since).toBeNull();
  });

  it('skips suppliers/carriers and unusable records with reasons kept per run; a setting includes suppliers', async () => {
    sim.control.addRawCliente({ codigo_cliente_omie: 'não é número', razao_social: 'Registro Quebrado', tags: [{ tag: 'Cliente' }] });
    try {
      const deps = simDeps(t.db, sim.url, clock);
      const records = sim.control.clientes();
      const nonCustomers = records.filter((r) => !customersOf([r]).length);
      const result = await syncOmieErp(deps, { full: true });
      expect(result.status).toBe('success');
      expect(result.skipped).toBe(nonCustomers.length + 1);
      const skipped = await listSkippedRecords(t.db, result.runId);
      expect(skipped).toHaveLength(result.skipped);
      for (const raw of nonCustomers) {
        const entry = skipped.find((s) => s.omieCodigo === String(raw.codigo_cliente_omie));
        expect(entry?.reason).toMatch(/^not a customer \((Fornecedor|Transportadora)(, (Fornecedor|Transportadora))?\)$/);
      }
      expect(skipped.filter((s) => !s.reason.startsWith('not a customer'))).toHaveLength(1);
      const stored = await t.db.selectFrom('clients').select('omie_codigo').execute();
      for (const raw of nonCustomers) expect(stored.map((s) => s.omie_codigo)).not.toContain(String(raw.codigo_cliente_omie));
      // a customer tagged Cliente + Fornecedor is a customer; one with no tags too
      const both = records.find((r) => tagsOf(r).includes('Cliente') && tagsOf(r).includes('Fornecedor'))!;
      expect(stored.map((s) => s.omie_codigo)).toContain(String(both.codigo_cliente_omie));
      const untagged = records.find((r) => tagsOf(r).length === 0)!;
      expect(stored.map((s) => s.omie_codigo)).toContain(String(untagged.codigo_cliente_omie));

      await t.db.insertInto('app_state').values({ key: 'clients.include_suppliers', value: 'true' }).execute();
      const including = await syncOmieErp(deps, { full: true });
      expect(including).toMatchObject({ status: 'success', inserted: nonCustomers.length, skipped: 1 });
    } finally {
      // the broken record has no usable code to remove; later tests count it as skipped-by-parse
    }
  });

  it('keeps inactive customers, flagged', async () => {
    const result = await syncOmieErp(simDeps(t.db, sim.url, clock), { full: true });
    expect(result.status).toBe('success');
    const inactive = customersOf(sim.control.clientes()).filter((c) => c.inativo === 'S');
    expect(inactive.length).toBeGreaterThan(0);
    const codecs = codecsFor(t.db);
    for (const raw of inactive) {
      const row = await t.db.selectFrom('clients').selectAll().where('omie_codigo', '=', String(raw.codigo_cliente_omie)).executeTakeFirstOrThrow();
      expect(codecs.boolFromDb(row.omie_inativo)).toBe(true);
    }
    const fantasia = await t.db.selectFrom('clients').select('name').where('name', '=', 'Só Fantasia').execute();
    expect(fantasia).toHaveLength(1);
  });

  it('a first sync into an empty table builds the indexes by name and by document after loading; later syncs keep them', async () => {
    const all = await indexesOf(t.db, 'clients');
    const duringLoad: Promise<string[]>[] = [];
    const onProgress = (e: SyncProgress) => {
      if (e.phase === 'fetching' && e.page === 2) duringLoad.push(indexesOf(t.db, 'clients'));
    };
    const deps = simDeps(t.db, sim.url, clock, 5);
    sim.control.setLatency(20);
    try {
      expect(await syncOmieErp(deps, { full: true, onProgress })).toMatchObject({ status: 'success', errorMessage: null });
      expect(await duringLoad[0]).toEqual(all.filter((name) => !DEFERRED_CLIENT_INDEXES.includes(name)));
      expect(await indexesOf(t.db, 'clients')).toEqual(all);
      // the table has rows now: the next sync writes with every index in place
      expect(await syncOmieErp(deps, { full: true, onProgress })).toMatchObject({ status: 'success', errorMessage: null });
      expect(await duringLoad[1]).toEqual(all);
    } finally {
      sim.control.setLatency(0);
    }
    expect(await t.db.selectFrom('app_state').select('key').where('key', 'like', 'deferred_indexes:%').execute()).toEqual([]);
  });

  it('emits progress (page x/N, waits) and stops cleanly on cancel without moving the cursor', async () => {
    const deps = simDeps(t.db, sim.url, clock, 5);
    const stop = new AbortController();
    const events: SyncProgress[] = [];
    const cancelled = await syncOmieErp(deps, {
      signal: stop.signal,
      onProgress: (e) => {
        events.push(e);
        if (e.phase === 'fetching' && e.page === 2) stop.abort();
      },
    });
    expect(cancelled).toMatchObject({ status: 'error', errorCode: 'cancelled', errorMessage: 'Cancelled by the user', pages: 2 });
    const totalPages = Math.ceil(sim.control.clientes().length / 5);
    expect(events.map((e) => e.phase)).toEqual(['starting', 'fetching', 'fetching', 'finished']);
    expect(events[1]).toMatchObject({ phase: 'fetching', page: 1, totalPages, records: 5, runId: cancelled.runId, kind: 'clients' });
    expect(events[3]).toMatchObject({ status: 'error', message: 'Cancelled by the user' });
    expect(await readClientsCursor(t.db)).toBeNull();
    const kept = await t.db.selectFrom('clients').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(kept.n)).toBe(cancelled.inserted);
    expect(cancelled.inserted).toBeGreaterThan(0);
    const log = await t.db.selectFrom('erp_sync_log').selectAll().where('id', '=', cancelled.runId).executeTakeFirstOrThrow();
    expect(log).toMatchObject({ status: 'error', error_code: 'cancelled', error_message: 'Cancelled by the user', pages: 2 });

    // the rerun finishes what the cancelled one committed, and reports Omie's wait
    sim.control.injectNext('redundant', 1, 'ListarClientes');
    const seen: SyncProgress[] = [];
    const rerun = await syncOmieErp(deps, { onProgress: (e) => seen.push(e) });
    expect(rerun.status).toBe('success');
    expect(rerun.unchanged).toBe(cancelled.inserted);
    const waiting = seen.find((e) => e.phase === 'waiting');
    expect(waiting?.wait?.ms).toBeGreaterThan(0);
    const fetching = seen.filter((e) => e.phase === 'fetching');
    expect(fetching.map((e) => e.page)).toEqual(Array.from({ length: totalPages }, (_, i) => i + 1));
    expect(fetching.at(-1)).toMatchObject({ etaMs: 0, records: sim.control.clientes().length });
    expect(seen.at(-1)).toMatchObject({ phase: 'finished', status: 'success' });
  });

  it('ends as error on an Omie failure, with a clear message and never the secret; the cursor stays', async () => {
    sim.control.injectNext('auth-403', 1, 'ListarClientes');
    const result = await syncOmieErp(simDeps(t.db, sim.url, clock));
    expect(result).toMatchObject({ status: 'error', errorCode: 'omie_auth', recordCount: 0 });
    expect(result.errorMessage).toBeTruthy();
    expect(result.errorMessage).not.toContain(DEMO_APP_SECRET);
    const log = await t.db.selectFrom('erp_sync_log').selectAll().where('id', '=', result.runId).executeTakeFirstOrThrow();
    expect(log).toMatchObject({ status: 'error', error_code: 'omie_auth', error_message: result.errorMessage });
    expect(await readClientsCursor(t.db)).toBeNull();
    const events = await t.db.selectFrom('module_events').selectAll().where('event_type', '=', 'sync.clients').execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.detail!)).toMatchObject({ runId: result.runId, status: 'error' });
  });

  it('closes a run left running by a dead holder as interrupted, and refuses while another holds the lock', async () => {
    await t.db
      .insertInto('erp_sync_log')
      .values({ id: '00000000-0000-4000-8000-0000000000d1', kind: 'clients', status: 'running', started_at: new Date(START - DAY).toISOString(), host: 'ws-dead', os_user: 'bob' })
      .execute();
    const deps = simDeps(t.db, sim.url, clock);
    let refusal: unknown;
    await withSingleRun(t.db, 'sync:clients', async () => {
      refusal = await syncOmieErp(deps).catch((error: unknown) => error);
    });
    expect(refusal).toMatchObject({ code: 'already_running' });
    expect((refusal as Error).message).toMatch(/^A sync is already running since \d\d\/\d\d\/\d{4} \d\d:\d\d on ws-dead \(started by bob\)\.$/);

    const result = await syncOmieErp(deps);
    expect(result.status).toBe('success');
    const stale = await t.db.selectFrom('erp_sync_log').selectAll().where('id', '=', '00000000-0000-4000-8000-0000000000d1').executeTakeFirstOrThrow();
    expect(stale).toMatchObject({ status: 'error', error_code: 'interrupted' });
    expect(stale.error_message).toMatch(/^interrupted/);
    expect(stale.finished_at).not.toBeNull();
  });
});
