import { brTime } from './brasilia';
import { omieJson } from './json';
import type { SimFaultKind } from './types';

/** What the server does with a request: an HTTP answer, a reset socket, or silence until close(). */
export type Reply =
  | { type: 'http'; status: number; body: string; contentType: string; headers?: Record<string, string>; label?: string; error: boolean }
  | { type: 'reset'; label: string }
  | { type: 'hang'; label: string };

/** A fault raised while handling a call; becomes an Omie fault body. */
export class OmieFault extends Error {
  constructor(
    readonly status: number,
    readonly faultcode: string,
    readonly faultstring: string,
    readonly label: string,
    /** Counts towards "consecutive errors" (the 425 block). */
    readonly countsAsError = true,
  ) {
    super(faultstring);
  }
}

export function faultReply(f: OmieFault): Reply {
  return json(f.status, { faultcode: f.faultcode, faultstring: f.faultstring }, f.label, f.countsAsError);
}

export function json(status: number, body: unknown, label?: string, error = label !== undefined): Reply {
  return { type: 'http', status, body: omieJson(body), contentType: 'application/json', label, error };
}

/** Seconds the injected waits announce: small so tests stay quick, big enough to be visible. */
export const INJECTED_WAIT_SECONDS = 3;
/** The seconds / minutes injected 425 faults announce (664 s was observed live). */
export const INJECTED_BLOCK_SECONDS = 664;
export const INJECTED_BLOCK_MINUTES = 30;

const AUTH_FAULT = 'ERROR: A chave de acesso não está preenchida ou não é válida.';
const SUSPENDED_FAULT = 'ERROR: A chave de acesso está inválida ou o aplicativo está suspenso.';
const LOCK_FAULT = 'ERROR: Já existe uma requisição desse método sendo executada e você pode tentar novamente em alguns instantes. (1)';
const BROKEN_FAULT = 'SOAP-ERROR: Broken response from Application Server (BG)';

const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

export function authFault(): OmieFault {
  return new OmieFault(403, 'SOAP-ENV:Server', AUTH_FAULT, 'auth-403');
}

export function rateFault(label = 'rate-429'): OmieFault {
  return new OmieFault(429, 'SOAP-ENV:Client-429', 'ERROR: Too many requests', label);
}

export function lockFault(label = 'lock-1880'): OmieFault {
  return new OmieFault(500, 'SOAP-ENV:Client-1880', LOCK_FAULT, label);
}

export function redundantFault(seconds: number, label = 'redundant'): OmieFault {
  return new OmieFault(500, 'SOAP-ENV:Client-6', `ERROR: Consumo redundante detectado. Aguarde ${seconds} segundos.`, label);
}

/** 425 MISUSE_API_PROCESS; does not count as an error (being blocked extends nothing). */
export function blockedFault(amount: number, unit: 'segundos' | 'minutos', label: string): OmieFault {
  return new OmieFault(
    425,
    'MISUSE_API_PROCESS',
    `ERROR: API bloqueada por consumo indevido. Tente novamente em ${amount} ${unit}.`,
    label,
    false,
  );
}

const REDUNDANT_VARIANTS: ((n: number) => [string, string])[] = [
  (n) => ['SOAP-ENV:Client-6', `ERROR: Consumo redundante detectado. Aguarde ${n} segundos para efetuar a requisição.`],
  (n) => ['SOAP-ENV:Client-5020', `ERROR: Consumo redundante detectado. Aguarde ${n} segundos para uma nova requisição.`],
  () => ['SOAP-ENV:Server', 'SOAP-ERROR: REDUNDANT'],
  (n) => ['SOAP-ENV:Client-6', `Consumo redundante detectado. Aguarde ${n} segundos (REDUNDANT)`],
];

/**
 * The answer of a fault kind (injected or random). `rotation` picks among a kind's variants
 * (http-503: JSON / empty body; redundant-variant: the wordings above); `nowWall` sets "às HH:MM:SS".
 */
export function replyForKind(kind: SimFaultKind, rotation: number, nowWall: number): Reply {
  const f = (status: number, code: string, text: string, counts = true) => faultReply(new OmieFault(status, code, text, kind, counts));
  const retryAt = brTime(nowWall + INJECTED_WAIT_SECONDS);
  const duplicate = `ERROR: Esta requisição já foi processada ou está sendo processada e você pode tentar novamente às ${retryAt}. (1)`;
  switch (kind) {
    case 'server-broken-500':
      return f(500, 'SOAP-ENV:Server', BROKEN_FAULT);
    case 'http-503':
      return rotation % 2 === 0
        ? f(503, 'SOAP-ENV:Server', 'ERROR: Serviço temporariamente indisponível. Tente novamente em alguns instantes.')
        : { type: 'http', status: 503, body: '', contentType: 'text/plain', label: kind, error: true };
    case 'html-502':
      return { type: 'http', status: 502, body: HTML_502, contentType: 'text/html', label: kind, error: true };
    case 'fault-in-200':
      return f(200, 'SOAP-ENV:Server', BROKEN_FAULT);
    case 'error-code-body':
      return json(500, { error_code: '500', error_message: 'ERROR: Erro interno ao processar a requisição. Tente novamente.' }, kind);
    case 'redundant':
      return faultReply(redundantFault(INJECTED_WAIT_SECONDS, kind));
    case 'redundant-variant': {
      const variant = REDUNDANT_VARIANTS[rotation % REDUNDANT_VARIANTS.length];
      const [code, text] = variant ? variant(INJECTED_WAIT_SECONDS) : ['SOAP-ENV:Server', 'SOAP-ERROR: REDUNDANT'];
      return f(500, code, text);
    }
    case 'duplicate-8020':
      return f(500, 'SOAP-ENV:Client-8020', duplicate);
    case 'duplicate-1100':
      return f(500, 'SOAP-ENV:Client-1100', duplicate);
    case 'lock-1880':
      return faultReply(lockFault(kind));
    case 'rate-429':
      return faultReply(rateFault(kind));
    case 'blocked-425-seconds':
      return faultReply(blockedFault(INJECTED_BLOCK_SECONDS, 'segundos', kind));
    case 'blocked-425-minutes':
      return faultReply(blockedFault(INJECTED_BLOCK_MINUTES, 'minutos', kind));
    case 'auth-403':
      return f(403, 'SOAP-ENV:Server', AUTH_FAULT);
    case 'suspended-403':
      return f(403, 'SOAP-ENV:Server', SUSPENDED_FAULT);
    case 'network-reset':
      return { type: 'reset', label: kind };
    case 'hang':
      return { type: 'hang', label: kind };
  }
}
