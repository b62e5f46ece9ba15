/** Public shapes of the Omie client: options, filters, parsed records, pages and progress. */
import type { Money } from '../../shared/money';
import type { Day } from '../../shared/period';
import type { Clock } from '../clock';

export type OmieMethod = 'ListarClientes' | 'ListarContasReceber';

/** Persists the end of a 425 block so a restart does not call Omie before then. */
export interface BlockStore {
  /** scope = omieScope(appKey): a hash of the app key, never the key in clear. */
  get(scope: string): Promise<number | null>;
  set(scope: string, untilEpochMs: number): Promise<void>;
}

export interface OmieClientOptions {
  appKey: string;
  appSecret: string;
  /** Default process.env.OMIE_BASE_URL (when set and not empty), else 'https://app.omie.com.br/api/v1'. */
  baseUrl?: string;
  /** Every wait goes through clock.sleep(ms, signal). Default systemClock. */
  clock?: Clock;
  /** Proactive pacing per (app key, method): starts per rolling minute. Default 200; 0 = off. */
  requestsPerMinute?: number;
  /** Calls of one method at once, process-wide per app key. Default 1. */
  maxInFlightPerMethod?: number;
  /** registros_por_pagina. Default 500. */
  pageSize?: number;
  /** Per HTTP request (connect + headers + body). Default 60 000 ms. */
  requestTimeoutMs?: number;
  /** HTTP attempts per call (first one included) before a retryable fault becomes omie_unavailable. Default 6. */
  maxAttempts?: number;
  /** Exponential backoff for server/network faults and the method lock. Default 1000 / 60 000 ms. */
  backoff?: { baseMs: number; capMs: number };
  /** Where a 425 block's end is kept. Default: process memory only. */
  blockStore?: BlockStore;
  /** Diagnostic lines; never receives the secret. */
  log?: (line: string) => void;
  /** Jitter source in [0, 1). Default Math.random. */
  random?: () => number;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (p: OmieProgress) => void;
}

export interface OmieWait {
  ms: number;
  /** Epoch ms (client clock) when the wait ends. */
  until: number;
  /** Why: 'redundant' | 'duplicate' | 'method_lock' | 'rate_limit' | 'server' | 'network' | 'timeout' | 'pacing'. */
  reason: string;
}

export interface OmieProgress {
  method: OmieMethod;
  page: number;
  totalPages: number | null;
  recordsSoFar: number;
  totalRecords: number | null;
  wait?: OmieWait;
}

export interface SkippedRecord {
  omieCodigo: string | null;
  reason: string;
  /** ≤ 200 chars of the raw record, secret-free. */
  excerpt: string;
}

export interface OmiePage<T> {
  page: number;
  totalPages: number;
  totalRecords: number;
  records: T[];
  skipped: SkippedRecord[];
}

export interface ClientesFilters {
  /** ISO UTC instant; sent as Brasília filtrar_por_data_de + filtrar_por_hora_de. */
  alteredSince?: string;
  /** ISO UTC instant; sent as Brasília filtrar_por_data_ate + filtrar_por_hora_ate. */
  alteredUntil?: string;
  /** filtrar_apenas_alteracao = "S". */
  onlyAltered?: boolean;
  /** clientesPorCodigo. */
  codigos?: string[];
}

export interface ContasReceberFilters {
  emissaoDe?: Day;
  emissaoAte?: Day;
  /** filtrar_cliente (codigo_cliente_omie). */
  cliente?: string;
  /** filtrar_por_status. */
  status?: string;
  /** filtrar_por_data_de (Omie: inclusion/alteration window). */
  alteradoDe?: Day;
  alteradoAte?: Day;
}

export interface OmieCliente {
  codigoClienteOmie: string;
  codigoClienteIntegracao: string | null;
  razaoSocial: string | null;
  nomeFantasia: string | null;
  /** Razão social, else nome fantasia. */
  name: string;
  /** Digits only (an alphanumeric CNPJ keeps its letters, upper case). */
  document: string | null;
  email: string | null;
  inativo: boolean;
  tags: string[];
  pessoaFisica: boolean | null;
  /** Without " (UF)". */
  cidade: string | null;
  uf: string | null;
  includedAt: string | null;
  /** ISO UTC from info dAlt/hAlt (Brasília). */
  alteredAt: string | null;
}

export interface OmieTitulo {
  codigoLancamentoOmie: string;
  codigoClienteOmie: string;
  valorDocumento: Money;
  dataEmissao: Day | null;
  dataRegistro: Day | null;
  dataVencimento: Day | null;
  status: string;
  numeroDocumento: string | null;
  numeroParcela: string | null;
  alteredAt: string | null;
}

export interface OmieClient {
  listarClientes(filters?: ClientesFilters, run?: RunOptions): AsyncGenerator<OmiePage<OmieCliente>>;
  listarContasReceber(filters?: ContasReceberFilters, run?: RunOptions): AsyncGenerator<OmiePage<OmieTitulo>>;
}
