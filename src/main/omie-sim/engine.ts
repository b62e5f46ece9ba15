import { type Clock, systemClock } from '../clock';
import { DAY_SEC, dayOfWall, wallSecOf, ymOfDay } from './brasilia';
import { ClienteStore, type ClienteRow, rawOf, viewOf } from './cliente-store';
import { cnpjFormatted } from './documents';
import { OmieFault, type Reply, authFault, blockedFault, faultReply, json, lockFault, rateFault, redundantFault, replyForKind } from './faults';
import { generateClientes } from './generate-clientes';
import { omieJson } from './json';
import { LIMITS_OFF, Limiter } from './limiter';
import { listarClientes } from './listar-clientes';
import { listarContasReceber } from './listar-contas-receber';
import { ListingCache } from './listing-cache';
import { infoOf } from './materialize';
import { Rng } from './rng';
import type { TituloRow } from './titulo-store';
import { TituloStore } from './titulo-store';
import { generateTitulos } from './titulos';
import type { NoRecordsWording, OmieSimOptions, RawCliente, RawTitulo, SimFaultKind, SimFaults, SimLimits, SimStats } from './types';

/** The documented demo credentials (used when neither options nor OMIE_APP_KEY/OMIE_APP_SECRET give a pair). */
export const DEMO_APP_KEY = '1234567890123';
export const DEMO_APP_SECRET = 'd3m0d3m0d3m0d3m0d3m0d3m0d3m0d3m0';

/** The two services the simulator speaks, by URL path (trailing slash required). */
export const SERVICES: Record<string, { service: string; methods: readonly string[] }> = {
  '/api/v1/geral/clientes/': { service: 'geral/clientes', methods: ['ListarClientes'] },
  '/api/v1/financas/contareceber/': { service: 'financas/contareceber', methods: ['ListarContasReceber'] },
};

const ENVELOPE_KEYS = new Set(['call', 'app_key', 'app_secret', 'param']);

interface Injection {
  kind: SimFaultKind;
  remaining: number;
  method?: string;
}

/** Resolved, validated simulator settings. */
export interface EngineSettings {
  seed: number;
  clients: number;
  months: number;
  lastMonth: string;
  appKey: string;
  appSecret: string;
  clock: Clock;
}

export function resolveSettings(options: OmieSimOptions): EngineSettings {
  const clock = options.clock ?? systemClock;
  const seed = options.seed ?? 1;
  const clients = options.clients ?? 200;
  const months = options.months ?? 12;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(clients) || clients < 0) throw new RangeError(`clients must be a non-negative integer, got ${clients}`);
  if (!Number.isInteger(months) || months < 0 || months > 600) throw new RangeError(`months must be an integer 0..600, got ${months}`);
  const today = dayOfWall(wallSecOf(clock.now()));
  const { year, month } = ymOfDay(today);
  const lastMonth = options.lastMonth ?? `${year}-${String(month).padStart(2, '0')}`;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(lastMonth)) throw new RangeError(`lastMonth must be YYYY-MM, got ${lastMonth}`);
  const appKey = options.appKey ?? process.env.OMIE_APP_KEY ?? DEMO_APP_KEY;
  const appSecret = options.appSecret ?? process.env.OMIE_APP_SECRET ?? DEMO_APP_SECRET;
  return { seed, clients, months, lastMonth, appKey, appSecret, clock };
}

/** Data, limits, faults and statistics of one simulator; `process` answers one API call. */
export class SimEngine {
  readonly clock: Clock;
  readonly clientes: ClienteStore;
  readonly titulos: TituloStore;
  readonly limiter = new Limiter();
  faults: SimFaults = { rate: 0, kinds: [] };
  latencyMs = 0;
  wording: NoRecordsWording = 'registros';
  private injections: Injection[] = [];
  private readonly rng: Rng;
  private readonly rotation = new Map<SimFaultKind, number>();
  private readonly users: string[];
  private readonly clienteCache = new ListingCache<ClienteRow>();
  private readonly tituloCache = new ListingCache<TituloRow>();
  private calls: Record<string, number> = {};
  private faultCounts: Record<string, number> = {};
  private maxInFlight: Record<string, number> = {};

  constructor(private readonly settings: EngineSettings) {
    this.clock = settings.clock;
    const anchor = dayOfWall(this.nowWall()) * DAY_SEC;
    const { rows, users } = generateClientes(settings.seed, settings.clients, anchor);
    this.users = users;
    this.clientes = new ClienteStore(rows);
    this.titulos = new TituloStore(generateTitulos(settings.seed, rows, settings.lastMonth, settings.months, anchor), users);
    this.rng = new Rng((settings.seed ^ 0x5eed_f417) >>> 0);
  }

  nowWall(): number {
    return wallSecOf(this.clock.now());
  }

  private get user(): string {
    return this.users[0] ?? 'WEBSERVICE';
  }

  // ---- control ----------------------------------------------------------------------------

  setLimits(l: Partial<SimLimits>): void {
    this.limiter.limits = { ...this.limiter.limits, ...l };
  }

  setFaults(f: Partial<SimFaults>): void {
    this.faults = { ...this.faults, ...f };
  }

  injectNext(kind: SimFaultKind, count = 1, method?: string): void {
    this.injections.push({ kind, remaining: count, method });
  }

  stats(): SimStats {
    return {
      calls: { ...this.calls },
      faults: { ...this.faultCounts },
      maxInFlight: { ...this.maxInFlight },
      blockedUntil: this.limiter.blockedUntil(this.clock.now()),
    };
  }

  /** Clears counters, pending injections, rate/redundancy/consecutive-error state and blocks. */
  resetStats(): void {
    this.calls = {};
    this.faultCounts = {};
    this.maxInFlight = {};
    this.injections = [];
    this.limiter.reset();
  }

  clienteList(): RawCliente[] {
    return this.clientes.all().map((row) => rawOf(row) as unknown as RawCliente);
  }

  tituloList(): RawTitulo[] {
    const out: RawTitulo[] = [];
    const codes: number[] = [];
    this.titulos.forEach((row) => {
      out.push(this.titulos.raw(row) as unknown as RawTitulo);
      codes.push(this.titulos.view(row).code ?? Number.POSITIVE_INFINITY);
    });
    const idx = out.map((_, i) => i).sort((a, b) => (codes[a] as number) - (codes[b] as number) || a - b);
    return idx.map((i) => out[i] as RawTitulo);
  }

  mutateCliente(codigo: number, patch: Partial<RawCliente>): void {
    this.clientes.mutate(codigo, patch, this.nowWall(), this.user);
  }

  addCliente(partial: Partial<RawCliente> = {}): RawCliente {
    const now = this.nowWall();
    const codigo = partial.codigo_cliente_omie ?? this.clientes.maxCode() + 1 + this.rng.int(1, 999);
    const base: RawCliente = {
      codigo_cliente_omie: codigo,
      codigo_cliente_integracao: '',
      razao_social: 'Nova Sociedade Comércio e Serviços Ltda',
      nome_fantasia: 'Nova Sociedade',
      cnpj_cpf: cnpjFormatted(this.rng),
      pessoa_fisica: 'N',
      exterior: 'N',
      inativo: 'N',
      email: 'financeiro@novasociedade.com.br',
      homepage: '',
      contato: 'João da Silva',
      telefone1_ddd: '11',
      telefone1_numero: '30405060',
      endereco: 'Avenida Paulista',
      endereco_numero: '1000',
      complemento: '',
      bairro: 'Bela Vista',
      cidade: 'SÃO PAULO (SP)',
      cidade_ibge: '3550308',
      estado: 'SP',
      cep: '01310100',
      codigo_pais: '1058',
      inscricao_estadual: 'ISENTO',
      inscricao_municipal: '',
      optante_simples_nacional: 'N',
      contribuinte: 'N',
      importado_api: 'N',
      bloquear_faturamento: 'N',
      valor_limite_credito: 0,
      tags: [{ tag: 'Cliente' }],
      recomendacoes: {},
      enderecoEntrega: {},
      dadosBancarios: { agencia: '', cChavePix: '', codigo_banco: '', conta_corrente: '', doc_titular: '', nome_titular: '', transf_padrao: 'N' },
      info: infoOf(now, now, this.user, this.user),
    };
    const cliente: RawCliente = { ...base, ...partial, codigo_cliente_omie: codigo, info: { ...base.info, ...(partial.info ?? {}) } };
    this.clientes.append({ gen: false, raw: cliente as unknown as Record<string, unknown> });
    return cliente;
  }

  addRawCliente(raw: Record<string, unknown>): void {
    this.clientes.append({ gen: false, raw });
  }

  removeCliente(codigo: number): void {
    this.clientes.remove(codigo);
  }

  cancelTitulo(codigo: number): void {
    this.titulos.cancel(codigo, this.nowWall(), this.user);
  }

  addTitulo(partial: Partial<RawTitulo>): RawTitulo {
    const fallback = this.clientes.all().find((row) => viewOf(row).tags.includes('Cliente'));
    const client = partial.codigo_cliente_fornecedor ?? (fallback ? (viewOf(fallback).code ?? 0) : 0);
    return this.titulos.add({ ...partial, codigo_cliente_fornecedor: client }, this.nowWall(), this.user);
  }

  addRawTitulo(raw: Record<string, unknown>): void {
    this.titulos.addRaw(raw);
  }

  // ---- protocol ---------------------------------------------------------------------------

  /** Answers one POST to a service path with `bodyText`. */
  async process(path: string, bodyText: string): Promise<Reply> {
    const service = SERVICES[path];
    if (!service) return json(404, { faultcode: 'SOAP-ENV:Client-404', faultstring: `ERROR: Serviço [${path}] não encontrado!` }, 'not-found');
    let body: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(bodyText);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      body = null;
    }
    const method = body && typeof body.call === 'string' ? body.call : '(invalid)';
    const appKey = body && (typeof body.app_key === 'string' || typeof body.app_key === 'number') ? String(body.app_key) : '';
    const key = `${appKey}|${method}`;
    this.calls[method] = (this.calls[method] ?? 0) + 1;

    const reply = await this.decide(service, body, method, key);
    if (reply.type !== 'hang') this.limiter.recordOutcome(key, reply.type === 'reset' || reply.error, this.clock.now());
    if (reply.label) this.faultCounts[reply.label] = (this.faultCounts[reply.label] ?? 0) + 1;
    return reply;
  }

  private async decide(service: { service: string; methods: readonly string[] }, body: Record<string, unknown> | null, method: string, key: string): Promise<Reply> {
    const now = this.clock.now();
    const blocked = this.limiter.blockedSeconds(key, now);
    if (blocked !== null) return this.later(faultReply(blockedFault(blocked, 'segundos', 'blocked-425')));

    const injected = this.takeInjection(method);
    if (injected) return this.later(this.kindReply(injected));

    if (!body) return this.later(faultReply(new OmieFault(500, 'SOAP-ENV:Client', 'ERROR: Não foi possível interpretar a requisição JSON!', 'bad-envelope')));
    if (String(body.app_key ?? '') !== this.settings.appKey || String(body.app_secret ?? '') !== this.settings.appSecret) {
      return this.later(faultReply(authFault()));
    }
    if (this.limiter.overRate(key, now)) return this.later(faultReply(rateFault()));
    if (this.limiter.overConcurrency(key)) return this.later(faultReply(lockFault()));
    const bodyKey = omieJson({ app_key: body.app_key, call: body.call, param: body.param, path: service.service });
    const redundant = this.limiter.redundantSeconds(bodyKey, now);
    if (redundant !== null) return this.later(faultReply(redundantFault(redundant)));
    if (this.faults.rate > 0 && this.faults.kinds.length > 0 && this.rng.chance(this.faults.rate)) {
      return this.later(this.kindReply(this.rng.pick(this.faults.kinds)));
    }

    const inFlight = this.limiter.admit(key, now);
    this.maxInFlight[method] = Math.max(this.maxInFlight[method] ?? 0, inFlight);
    try {
      await this.delay();
      const reply = this.handle(service, body, method);
      if (reply.type === 'http' && !reply.error) this.limiter.recordServed(bodyKey, this.clock.now());
      return reply;
    } finally {
      this.limiter.release(key);
    }
  }

  private handle(service: { service: string; methods: readonly string[] }, body: Record<string, unknown>, method: string): Reply {
    try {
      for (const k of Object.keys(body)) {
        if (!ENVELOPE_KEYS.has(k)) throw new OmieFault(500, 'SOAP-ENV:Client-5001', `ERROR: Tag [${k.toUpperCase()}] não faz parte da estrutura da requisição!`, 'client-5001');
      }
      if (!service.methods.includes(method)) {
        throw new OmieFault(500, 'SOAP-ENV:Client', `ERROR: Método [${method}] não encontrado no serviço [${service.service}]!`, 'unknown-call');
      }
      const param = body.param;
      if (!Array.isArray(param) || param.length !== 1 || param[0] === null || typeof param[0] !== 'object' || Array.isArray(param[0])) {
        throw new OmieFault(500, 'SOAP-ENV:Client', 'ERROR: A tag [param] deve ser um array com um único objeto!', 'bad-envelope');
      }
      const request = param[0] as Record<string, unknown>;
      const result =
        method === 'ListarClientes'
          ? listarClientes(this.clientes, request, this.wording, this.clienteCache)
          : listarContasReceber(this.titulos, request, this.wording, this.tituloCache, {
              today: dayOfWall(this.nowWall()),
              docOfCliente: (code) => this.docOf(code),
            });
      return json(200, result);
    } catch (error) {
      if (error instanceof OmieFault) return faultReply(error);
      throw error;
    }
  }

  private docIndex: { version: number; map: Map<number, string> } | null = null;
  private docOf(code: number): string | undefined {
    if (!this.docIndex || this.docIndex.version !== this.clientes.version) {
      const map = new Map<number, string>();
      for (const row of this.clientes.all()) {
        const code = viewOf(row).code;
        if (code !== null) map.set(code, row.gen ? row.doc : String(row.raw.cnpj_cpf ?? ''));
      }
      this.docIndex = { version: this.clientes.version, map };
    }
    return this.docIndex.map.get(code);
  }

  private takeInjection(method: string): SimFaultKind | null {
    const i = this.injections.findIndex((inj) => inj.method === undefined || inj.method === method);
    if (i < 0) return null;
    const inj = this.injections[i] as Injection;
    inj.remaining--;
    if (inj.remaining <= 0) this.injections.splice(i, 1);
    return inj.kind;
  }

  private kindReply(kind: SimFaultKind): Reply {
    const n = this.rotation.get(kind) ?? 0;
    this.rotation.set(kind, n + 1);
    return replyForKind(kind, n, this.nowWall());
  }

  private async later(reply: Reply): Promise<Reply> {
    await this.delay();
    return reply;
  }

  private delay(): Promise<void> {
    const ms = this.latencyMs;
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
  }
}

export { LIMITS_OFF };
