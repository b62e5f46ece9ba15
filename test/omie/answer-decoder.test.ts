/**
 * The answer decoder's worker thread (answer-decoder.ts), on real simulator answers read over HTTP:
 * what it hands back is what the same reading (decode-answer.ts) gives on this thread — bigint
 * amounts and scrubbed skips included — and a worker that stops fails the answers it held with a
 * clear error, after which the next answer starts a new one.
 */
import { describe, expect, it } from 'vitest';
import { stopAnswerDecoder, workerDecoder } from '../../src/main/omie/answer-decoder';
import { readRecords, splitAnswer, type ListDecoding } from '../../src/main/omie/decode-answer';
import { clientesParams, contasReceberParams } from '../../src/main/omie/filters';
import { postJson, type RawAnswer } from '../../src/main/omie/http';
import { makeScrub } from '../../src/main/omie/secret';
import { APP_KEY, APP_SECRET, failure, useSim } from './sim-harness';

const scrub = makeScrub(APP_KEY, APP_SECRET);
const decode = workerDecoder({ appKey: APP_KEY, appSecret: APP_SECRET }, scrub);

const LISTINGS = {
  clientes: { path: '/geral/clientes/', call: 'ListarClientes', params: clientesParams(), list: { key: 'clientes_cadastro', parser: 'cliente' } },
  titulos: { path: '/financas/contareceber/', call: 'ListarContasReceber', params: contasReceberParams(), list: { key: 'conta_receber_cadastro', parser: 'titulo' } },
} satisfies Record<string, { path: string; call: string; params: Record<string, unknown>; list: ListDecoding }>;

describe('the Omie answer decoder thread', () => {
  const h = useSim({ clients: 40, months: 2 });

  function answer(which: keyof typeof LISTINGS): Promise<RawAnswer> {
    const { path, call, params } = LISTINGS[which];
    const body = JSON.stringify({ call, app_key: APP_KEY, app_secret: APP_SECRET, param: [{ ...params, pagina: 1, registros_por_pagina: 50 }] });
    return postJson(`${h.sim.url}${path}`, body, 5000);
  }

  it.each(['clientes', 'titulos'] as const)('%s: the answer and records read there are those read here', async (which) => {
    if (which === 'clientes') h.sim.control.addRawCliente({ codigo_cliente_omie: 9000000008, cnpj_cpf: '123', razao_social: `Vazou ${APP_SECRET}` });
    const { list } = LISTINGS[which];
    const raw = await answer(which);
    const { answer: expected, items } = splitAnswer({ ...raw, bytes: raw.bytes.slice() }, list.key);
    const decoded = await decode(raw, list);
    expect(raw.bytes.byteLength).toBe(0); // the body's buffer was handed over, not copied

    if (decoded.kind !== 'ok' || expected.kind !== 'ok' || !decoded.list || !items) throw new Error(`not a listing: ${decoded.kind}`);
    expect(decoded.body).toEqual(expected.body);
    expect(decoded.body).not.toHaveProperty(list.key);
    expect(decoded.list.count).toBe(items.length);
    const records = await decoded.list.records;
    expect(records).toEqual(readRecords(items, list.parser, scrub));
    expect(records.parsed.length).toBeGreaterThan(0);
    if (which === 'titulos') expect(typeof (records.parsed[0] as { valorDocumento: unknown }).valorDocumento).toBe('bigint');
    if (which === 'clientes') {
      expect(records.skipped.map((s) => s.omieCodigo)).toContain('9000000008');
      expect(JSON.stringify(records.skipped)).not.toContain(APP_SECRET);
    }
  });

  it('a fault is read there as here, with no records to wait for', async () => {
    h.sim.control.injectNext('redundant', 1, 'ListarClientes');
    const raw = await answer('clientes');
    const { answer: expected } = splitAnswer({ ...raw, bytes: raw.bytes.slice() }, 'clientes_cadastro');
    const decoded = await decode(raw, LISTINGS.clientes.list);
    expect(decoded).toEqual(expected);
    expect(decoded.kind).toBe('redundant');
  });

  it('a worker that stops fails what it held with a clear error; the next answer starts a new one', async () => {
    const raw = await answer('clientes');
    await stopAnswerDecoder();
    // a new worker takes far longer to load its modules than this takes to end it: it never reads the answer
    const held = decode(raw, LISTINGS.clientes.list);
    await stopAnswerDecoder();
    const error = await failure(() => held);
    expect(error.message).toMatch(/^The Omie answer decoder stopped: its thread exited/);

    const next = await decode(await answer('clientes'), LISTINGS.clientes.list);
    expect(next.kind).toBe('ok');
    if (next.kind === 'ok') expect((await next.list?.records)?.parsed.length).toBeGreaterThan(0);
  });
});
