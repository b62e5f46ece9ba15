import type { Clock } from '../clock';

/** The `info` block Omie puts on customers and titles (Brasília dates `dd/mm/aaaa`, times `hh:mm:ss`). */
export interface OmieInfo {
  dInc: string;
  hInc: string;
  uInc: string;
  dAlt: string;
  hAlt: string;
  uAlt: string;
  cImpAPI: string;
}

export interface OmieTag {
  tag: string;
}

/** One `clientes_cadastro` record as ListarClientes serves it (omie-api.md §2.4). Absent fields are omitted. */
export interface RawCliente {
  codigo_cliente_omie: number;
  codigo_cliente_integracao: string;
  razao_social: string;
  nome_fantasia: string;
  cnpj_cpf: string;
  pessoa_fisica: string;
  exterior: string;
  inativo: string;
  email?: string;
  homepage: string;
  contato: string;
  telefone1_ddd: string;
  telefone1_numero: string;
  endereco: string;
  endereco_numero: string;
  complemento: string;
  bairro: string;
  cidade: string;
  cidade_ibge: string;
  estado: string;
  cep: string;
  codigo_pais: string;
  inscricao_estadual: string;
  inscricao_municipal: string;
  optante_simples_nacional: string;
  contribuinte: string;
  importado_api: string;
  bloquear_faturamento: string;
  valor_limite_credito: number;
  observacao?: string;
  caracteristicas?: { campo: string; conteudo: string }[];
  tags: OmieTag[];
  recomendacoes: Record<string, unknown>;
  enderecoEntrega: Record<string, unknown>;
  dadosBancarios: Record<string, string>;
  info: OmieInfo;
}

/** One `conta_receber_cadastro` record as ListarContasReceber serves it (omie-api.md §3.3). Absent fields are omitted. */
export interface RawTitulo {
  codigo_lancamento_omie: number;
  codigo_lancamento_integracao: string;
  codigo_cliente_fornecedor: number;
  codigo_cliente_fornecedor_integracao: string;
  data_vencimento: string;
  data_previsao?: string;
  data_emissao?: string;
  data_registro?: string;
  valor_documento: number;
  codigo_categoria: string;
  categorias: { codigo_categoria: string; percentual: number; valor: number }[];
  id_conta_corrente: number;
  numero_documento?: string;
  numero_documento_fiscal?: string;
  numero_parcela?: string;
  codigo_tipo_documento: string;
  id_origem: string;
  status_titulo: string;
  tipo_agrupamento: string;
  bloqueado: string;
  importado_api: string;
  codigo_vendedor: number;
  codigo_projeto: number;
  observacao?: string;
  boleto: Record<string, string | number>;
  distribuicao: unknown[];
  info: OmieInfo;
}

export interface SimLimits {
  /** Calls served per (app key, method) in any sliding 60 s; over it → HTTP 429. */
  requestsPerMinute: number;
  /** Calls of one (app key, method) in flight at once; over it → 500 Client-1880. */
  maxConcurrentPerMethod: number;
  /** An identical body within this many seconds of a served one → 500 Client-6 "Aguarde N segundos." */
  redundancyWindowSec: number;
  /** After this many consecutive faults for an (app key, method) → 425 MISUSE_API_PROCESS… */
  blockAfterConsecutiveErrors: number;
  /** …for this many seconds. */
  blockSeconds: number;
}

export type SimFaultKind =
  | 'server-broken-500'
  | 'http-503'
  | 'html-502'
  | 'fault-in-200'
  | 'error-code-body'
  | 'redundant'
  | 'redundant-variant'
  | 'duplicate-8020'
  | 'duplicate-1100'
  | 'lock-1880'
  | 'rate-429'
  | 'blocked-425-seconds'
  | 'blocked-425-minutes'
  | 'auth-403'
  | 'suspended-403'
  | 'network-reset'
  | 'hang';

export const SIM_FAULT_KINDS: readonly SimFaultKind[] = [
  'server-broken-500',
  'http-503',
  'html-502',
  'fault-in-200',
  'error-code-body',
  'redundant',
  'redundant-variant',
  'duplicate-8020',
  'duplicate-1100',
  'lock-1880',
  'rate-429',
  'blocked-425-seconds',
  'blocked-425-minutes',
  'auth-403',
  'suspended-403',
  'network-reset',
  'hang',
];

export interface SimFaults {
  /** Probability (0..1) that a call gets a random fault, drawn from a seeded RNG. */
  rate: number;
  /** Which kinds random faults draw from (empty → none). */
  kinds: SimFaultKind[];
}

/** Which 5113 wording "no records for this page" uses (omie-api.md §4.3). */
export type NoRecordsWording = 'registros' | 'cadastros';

export interface OmieSimOptions {
  port?: number;
  host?: string;
  seed?: number;
  clients?: number;
  months?: number;
  lastMonth?: string;
  appKey?: string;
  appSecret?: string;
  clock?: Clock;
  latencyMs?: number;
  limits?: Partial<SimLimits>;
  faults?: Partial<SimFaults>;
  /** 5113 wording: "Não existem registros para a página [N]!" (default) or "Não existem cadastros …". */
  noRecordsWording?: NoRecordsWording;
  /** Serve the `/__sim/{op}` HTTP control surface (default true). */
  controlSurface?: boolean;
}

export interface SimStats {
  calls: Record<string, number>;
  faults: Record<string, number>;
  maxInFlight: Record<string, number>;
  blockedUntil: number | null;
}

export interface OmieSimControl {
  clientes(): readonly RawCliente[];
  titulos(): readonly RawTitulo[];
  mutateCliente(codigo: number, patch: Partial<RawCliente>): void;
  addCliente(partial?: Partial<RawCliente>): RawCliente;
  addRawCliente(raw: Record<string, unknown>): void;
  removeCliente(codigo: number): void;
  cancelTitulo(codigo: number): void;
  addTitulo(partial: Partial<RawTitulo>): RawTitulo;
  addRawTitulo(raw: Record<string, unknown>): void;
  setLimits(l: Partial<SimLimits>): void;
  setFaults(f: Partial<SimFaults>): void;
  setLatency(ms: number): void;
  setNoRecordsWording(w: NoRecordsWording): void;
  injectNext(kind: SimFaultKind, count?: number, method?: string): void;
  stats(): SimStats;
  resetStats(): void;
}

export interface OmieSim {
  url: string;
  port: number;
  control: OmieSimControl;
  close(): Promise<void>;
}
