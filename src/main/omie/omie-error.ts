import { AppError, type ErrorCode } from '../../shared/errors';

/** What kind of Omie answer (or transport event) a fault is. */
export type OmieFaultKind =
  | 'auth' // 403: key missing/invalid or app suspended — permanent
  | 'blocked' // 425 MISUSE_API_PROCESS — stop until the block ends
  | 'rate_limit' // 429 Too many requests / Client-500 "consumo indevido"
  | 'redundant' // Client-6 / 5020 / REDUNDANT "Consumo redundante… Aguarde N segundos"
  | 'duplicate' // Client-8020 / Client-1100 "tente novamente às HH:MM:SS"
  | 'method_lock' // Client-1880 "Já existe uma requisição desse método sendo executada"
  | 'server' // 5xx, HTML page, "Broken response", SOAP-ENV:Server
  | 'network' // connection refused/reset, DNS…
  | 'timeout' // no complete answer within requestTimeoutMs
  | 'unknown_tag' // Client-5001 — a bug on our side
  | 'protocol'; // anything else we cannot use (other Client-NNN, undecodable 2xx, redirects)

/** An AppError carrying which Omie fault caused it. Codes: omie_auth, omie_blocked, omie_unavailable, omie_protocol. */
export class OmieError extends AppError {
  constructor(
    code: ErrorCode,
    readonly kind: OmieFaultKind,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(code, message, details);
    this.name = 'OmieError';
  }
}
