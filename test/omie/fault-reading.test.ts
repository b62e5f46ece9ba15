/**
 * Every fault wording omie-api.md §4 lists, read from the body as Omie sends it (\u-escaped JSON),
 * on the statuses it arrives with. The simulator tests prove the client's behaviour end to end;
 * this file pins the reading of wordings the simulator does not produce (Client-500, 5020, REDUNDANT …).
 */
import { describe, expect, it } from 'vitest';
import { nextBrasiliaWallTime, instantFromBrasilia, toBrasilia } from '../../src/main/omie/brasilia';
import { looksLikeData, readAnswer, waitFromText } from '../../src/main/omie/faults';

/** JSON as Omie emits it: non-ASCII escaped as \uXXXX. */
function omieJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
const fault = (faultcode: string, faultstring: string) => omieJson({ faultcode, faultstring });

describe('reading Omie faults from the body on every status', () => {
  it.each([
    [500, 'SOAP-ENV:Client-5113', 'ERROR: Não existem registros para a página [3]!'],
    [500, 'SOAP-ENV:Client-5113', 'ERROR: Não existem cadastros para a página [3]!'],
    [200, 'SOAP-ENV:Client-5113', 'ERROR: Não existem registros para a página [1]!'],
  ])('5113 (%s, %s) is end of data', (status, code, text) => {
    expect(readAnswer(status, fault(code, text)).kind).toBe('end_of_data');
  });

  it('5001 names the tag', () => {
    const a = readAnswer(500, fault('SOAP-ENV:Client-5001', 'ERROR: Tag [FILTRO_X] não faz parte da estrutura do tipo complexo [clientes_list_request]!'));
    expect(a).toMatchObject({ kind: 'unknown_tag', tag: 'FILTRO_X' });
  });

  it.each([
    ['SOAP-ENV:Client-6', 'ERROR: Consumo redundante detectado. Aguarde 57 segundos.', 57_000],
    ['SOAP-ENV:Client-6', 'Consumo redundante detectado. Aguarde 12 segundos para uma nova requisição.', 12_000],
    ['5020', 'Consumo redundante detectado. Aguarde 30 segundos para efetuar a requisição.', 30_000],
    ['SOAP-ENV:Server', 'SOAP-ERROR: REDUNDANT', undefined],
  ])('redundant %s "%s"', (code, text, waitMs) => {
    expect(readAnswer(500, fault(code, text))).toMatchObject({ kind: 'redundant', waitMs });
  });

  it.each([
    ['SOAP-ENV:Client-8020'],
    ['SOAP-ENV:Client-1100'],
  ])('duplicate %s gives the Brasília wall time', (code) => {
    const text = 'ERROR: Esta requisição já foi processada ou está sendo processada e você pode tentar novamente às 14:03:27. (1)';
    expect(readAnswer(500, fault(code, text))).toMatchObject({ kind: 'duplicate', retryAt: '14:03:27' });
  });

  it('1880 same-method lock', () => {
    const a = readAnswer(500, fault('SOAP-ENV:Client-1880', 'ERROR: Já existe uma requisição desse método sendo executada.'));
    expect(a.kind).toBe('method_lock');
  });

  it.each([
    [425, 'MISUSE_API_PROCESS', 'ERROR: API bloqueada por consumo indevido. Tente novamente em 1726 segundos.', 1_726_000],
    [425, 'MISUSE_API_PROCESS', 'ERROR: API bloqueada por consumo indevido. Tente novamente em 5 minutos.', 300_000],
    [200, 'MISUSE_API_PROCESS', 'API bloqueada por consumo indevido.', undefined],
  ])('425 block (%s) with "%s"', (status, code, text, waitMs) => {
    expect(readAnswer(status, fault(code, text))).toMatchObject({ kind: 'blocked', waitMs });
  });

  it('425 with a non-JSON body is still a block', () => {
    expect(readAnswer(425, 'API bloqueada por consumo indevido. Tente novamente em 664 segundos.')).toMatchObject({ kind: 'blocked', waitMs: 664_000 });
  });

  it.each([
    [403, 'A chave de acesso não está preenchida ou não é válida.'],
    [403, 'A chave de acesso está inválida ou o aplicativo está suspenso'],
    [200, 'A chave de acesso não está preenchida ou não é válida.'],
  ])('auth %s "%s"', (status, text) => {
    expect(readAnswer(status, fault('SOAP-ENV:Server', text)).kind).toBe('auth');
  });

  it('429 Too many requests (JSON, plain text) and Client-500 "consumo indevido"', () => {
    expect(readAnswer(429, 'Too many requests').kind).toBe('rate_limit');
    expect(readAnswer(429, omieJson({ faultstring: 'Too many requests', faultcode: '429' })).kind).toBe('rate_limit');
    expect(readAnswer(500, fault('SOAP-ENV:Client-500', 'ERROR: consumo indevido da API')).kind).toBe('rate_limit');
  });

  it('server faults: Broken response, 5xx, HTML pages', () => {
    expect(readAnswer(500, fault('SOAP-ENV:Server', 'SOAP-ERROR: Broken response from Application Server (x)')).kind).toBe('server');
    expect(readAnswer(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html').kind).toBe('server');
    expect(readAnswer(200, '<!DOCTYPE html><html>maintenance</html>').kind).toBe('server');
    expect(readAnswer(503, '').kind).toBe('server');
    expect(readAnswer(504, omieJson({})).kind).toBe('server');
  });

  it('error_code / error_message bodies are read like faultcode / faultstring', () => {
    const a = readAnswer(500, omieJson({ error_code: 'SOAP-ENV:Client-6', error_message: 'Consumo redundante detectado. Aguarde 9 segundos.' }));
    expect(a).toMatchObject({ kind: 'redundant', waitMs: 9000 });
    expect(readAnswer(500, omieJson({ error_code: '5113', error_message: 'Não existem registros para a página [2]!' })).kind).toBe('end_of_data');
  });

  it('other Client-NNN faults and undecodable 2xx answers are protocol errors (not retried)', () => {
    expect(readAnswer(500, fault('SOAP-ENV:Client-103', 'ERROR: Data inválida')).kind).toBe('protocol');
    expect(readAnswer(200, '{"pagina": 1, "total_de').kind).toBe('protocol');
    expect(readAnswer(301, '').kind).toBe('protocol');
  });

  it('a normal page is ok', () => {
    expect(readAnswer(200, omieJson({ pagina: 1, total_de_paginas: 1, registros: 0, total_de_registros: 0, clientes_cadastro: [] })).kind).toBe('ok');
  });

  it('taken for data ahead of its reading: HTTP 200 naming no fault in its first bytes, nothing else', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    const page = omieJson({ pagina: 2, total_de_paginas: 9, registros: 1, total_de_registros: 9, clientes_cadastro: [{ razao_social: 'Fault Error Ltda' }] });
    expect(looksLikeData(200, bytes(page))).toBe(true);
    expect(looksLikeData(500, bytes(page))).toBe(false);
    expect(looksLikeData(200, bytes(fault('SOAP-ENV:Server', 'SOAP-ERROR: Broken response from Application Server')))).toBe(false);
    expect(looksLikeData(200, bytes(fault('SOAP-ENV:Client-5113', 'ERROR: Não existem registros para a página [3]!')))).toBe(false);
    expect(looksLikeData(200, bytes(omieJson({ error_code: 'SOAP-ENV:Client-6', error_message: 'Consumo redundante detectado.' })))).toBe(false);
    expect(looksLikeData(200, bytes(omieJson({ FaultString: 'ERROR: A chave de acesso não está preenchida ou não é válida!' })))).toBe(false);
    expect(looksLikeData(425, bytes('API bloqueada por consumo indevido.'))).toBe(false);
  });

  it('waits: seconds, minutes, none', () => {
    expect(waitFromText('Aguarde 1 segundo')).toBe(1000);
    expect(waitFromText('Tente novamente em 2 minutos.')).toBe(120_000);
    expect(waitFromText('Tente mais tarde')).toBeNull();
  });
});

describe('Brasília time', () => {
  it('ISO instant ↔ Brasília date and time', () => {
    expect(toBrasilia(Date.parse('2026-11-01T02:30:05Z'))).toEqual({ date: '31/10/2026', time: '23:30:05' });
    expect(instantFromBrasilia('31/10/2026', '23:30:05')).toBe('2026-11-01T02:30:05.000Z');
    expect(instantFromBrasilia('31/02/2026', '10:00:00')).toBeNull();
    expect(instantFromBrasilia('', '')).toBeNull();
    expect(instantFromBrasilia('01/11/2026')).toBe('2026-11-01T03:00:00.000Z');
  });

  it('"às HH:MM:SS": later today, tomorrow when already past, not tomorrow for a second of skew', () => {
    const now = Date.parse('2026-11-01T15:00:00Z'); // 12:00:00 in Brasília
    expect(nextBrasiliaWallTime('12:00:30', now)).toBe(now + 30_000);
    const nearMidnight = Date.parse('2026-11-02T02:59:50Z'); // 23:59:50 in Brasília
    expect(nextBrasiliaWallTime('00:00:40', nearMidnight)).toBe(nearMidnight + 50_000);
    expect(nextBrasiliaWallTime('11:59:59', now)).toBe(now - 1000);
  });
});
