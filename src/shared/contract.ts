/**
 * The contract between the console's UI and main: every call (`domain:verb-noun`) with its zod
 * input and output, and every event main pushes. Both transports (Electron IPC, local HTTP) are
 * derived from this one map; the renderer's client is typed from it. Types come from z.infer.
 *
 * Conventions: amounts are decimal strings ("1234.56", "-0.50"); months are "YYYY-MM"; days are
 * "YYYY-MM-DD"; instants are ISO 8601 UTC strings. Lists that can be large are paged (limit ≤ 1000).
 */
import { z } from 'zod';
import { type CallChannel, type EventName } from './channel-names';
import { ErrorCode, ErrorShape } from './errors';
import { SyncProgress } from './progress';

export { CALL_CHANNELS, EVENT_NAMES, isCallChannel, isEventName, type CallChannel, type EventName } from './channel-names';

// ── primitives ─────────────────────────────────────────────────────────────────────────────
/** An exact amount in reais: "1234.56", "-0.50". */
export const Amount = z.string().regex(/^-?\d+\.\d{2}$/, 'amount must look like 1234.56');
/** An amount typed by a person: "0.01", "0,01", "12" (non-negative). */
export const AmountInput = z.string().trim().regex(/^\d{1,12}([.,]\d{1,2})?$/, 'amount must look like 0.01 or 0,01');
export const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must look like 2026-10');
export const Day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'day must look like 2026-10-31');
/** An ISO 8601 instant, e.g. "2026-10-31T12:00:00.000Z". */
export const Instant = z.string();
export const Paging = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) };
const Empty = z.object({}).default({});
const SearchText = z.string().trim().max(200);

// ── shared shapes ─────────────────────────────────────────────────────────────────────────
export const SyncKind = z.enum(['clients', 'revenue']);
export const SyncRun = z.object({
  id: z.string(),
  kind: SyncKind,
  /** Revenue runs: the month. */
  period: Period.nullable(),
  status: z.enum(['running', 'success', 'error']),
  startedAt: Instant,
  finishedAt: Instant.nullable(),
  durationMs: z.number().int().nullable(),
  /** The spec's record_count (clients: inserted + updated). */
  recordCount: z.number().int().nullable(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  pages: z.number().int(),
  /** 'cancelled' when the analyst cancelled it; 'interrupted' when its holder died. */
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  host: z.string().nullable(),
  osUser: z.string().nullable(),
});
export type SyncRun = z.infer<typeof SyncRun>;

export const Transport = z.enum(['ipc', 'http']);
export const DatabaseKind = z.enum(['sqlite', 'postgres']);
/** Where the data lives, never with a password: a file path or postgres://user@host:port/db. */
export const DatabaseInfo = z.object({ kind: DatabaseKind, location: z.string() });

export const ReconciliationStatus = z.enum([
  'ok', // within tolerance
  'under', // invoiced less than the contracted MRR
  'over', // invoiced more than the contracted MRR
  'not_invoiced', // contract counts for the month, nothing invoiced
  'no_contract', // Omie invoiced a client that has no contract counting for the month
  'unlinked', // the contract's client has no omie_codigo
]);
export type ReconciliationStatus = z.infer<typeof ReconciliationStatus>;

export const ReconciliationRow = z.object({
  /** Stable key of the row for notes: the client id, or `omie:<codigo>` for an Omie customer without a client. */
  subject: z.string(),
  clientId: z.string().nullable(),
  clientName: z.string(),
  document: z.string().nullable(),
  omieCodigo: z.string().nullable(),
  mrr: Amount,
  faturado: Amount,
  /** faturado − mrr (negative: under-invoiced). */
  diferenca: Amount,
  /** diferenca as a percentage of mrr ("-12.50"); null when mrr is zero. */
  percent: z.string().nullable(),
  status: ReconciliationStatus,
  note: z.string().nullable(),
  explained: z.boolean(),
});
export type ReconciliationRow = z.infer<typeof ReconciliationRow>;

export const ReconciliationSortKey = z.enum(['name', 'document', 'omieCodigo', 'mrr', 'faturado', 'diferenca', 'percent', 'status']);
export const ReconciliationTotals = z.object({ mrr: Amount, faturado: Amount, diferenca: Amount });

/** Where a month's faturamento came from. */
export const FaturamentoSource = z.enum(['snapshot', 'live', 'missing']);

export const SettingsView = z.object({
  transport: Transport,
  tolerance: Amount,
  scheduleEnabled: z.boolean(),
  includeSuppliers: z.boolean(),
  database: DatabaseInfo.extend({ editable: z.boolean() }),
  omie: z.object({
    configured: z.boolean(),
    /** keychain: set in the desktop app; env: OMIE_APP_KEY/OMIE_APP_SECRET; none. */
    source: z.enum(['keychain', 'env', 'none']),
    /** Desktop: keys can be replaced (write-only). Serve: false, keys come from the environment. */
    editable: z.boolean(),
  }),
  /** A change that takes effect after the app restarts (database URL). */
  restartRequired: z.boolean(),
});
export type SettingsView = z.infer<typeof SettingsView>;

// ── the calls ─────────────────────────────────────────────────────────────────────────────
export interface CallSpec {
  input: z.ZodType;
  output: z.ZodType;
  /** Over HTTP the answer is a file download instead of the JSON envelope. */
  download?: true;
}

export const contract = {
  'app:info': {
    input: Empty,
    output: z.object({
      transport: Transport,
      version: z.string(),
      database: DatabaseInfo,
      schedulerRunning: z.boolean(),
      platform: z.string(),
    }),
  },
  'summary:get': {
    input: Empty,
    output: z.object({
      totalClients: z.number().int(),
      clientsWithOmie: z.number().int(),
      lastSync: SyncRun.nullable(),
      lastSuccessAt: Instant.nullable(),
      /** A clients sync running in this process, with its latest progress. */
      activeRun: z.object({ runId: z.string(), kind: SyncKind, startedAt: Instant, progress: SyncProgress.nullable() }).nullable(),
    }),
  },
  'sync:start-clients': {
    input: z.object({ full: z.boolean().default(false) }).default({ full: false }),
    /** Returns as soon as the run has started; progress and the end arrive as events. */
    output: z.object({ runId: z.string() }),
  },
  'sync:cancel': {
    input: z.object({ runId: z.string().min(1) }),
    output: z.object({ cancelled: z.boolean() }),
  },
  'sync:list-runs': {
    input: z.object({ kind: SyncKind.optional(), ...Paging }),
    output: z.object({ rows: z.array(SyncRun), total: z.number().int() }),
  },
  'sync:list-skipped': {
    input: z.object({ runId: z.string().min(1), ...Paging }),
    output: z.object({
      rows: z.array(
        z.object({ id: z.string(), omieCodigo: z.string().nullable(), reason: z.string(), recordExcerpt: z.string().nullable(), createdAt: Instant }),
      ),
      total: z.number().int(),
    }),
  },
  'snapshot:sync': {
    input: z.object({ period: Period, force: z.boolean().default(false) }),
    output: z.object({
      runId: z.string(),
      period: Period,
      clients: z.number().int(),
      titles: z.number().int(),
      total: Amount,
      /** Values that changed in a closed month (only with force). */
      restated: z.number().int(),
    }),
  },
  'snapshot:list': {
    input: Empty,
    output: z.object({
      periods: z.array(
        z.object({
          period: Period,
          syncedAt: Instant.nullable(),
          clients: z.number().int(),
          titles: z.number().int(),
          total: Amount,
          closedAt: Instant.nullable(),
          closedBy: z.string().nullable(),
        }),
      ),
    }),
  },
  'snapshot:close-month': {
    input: z.object({ period: Period }),
    output: z.object({ period: Period, closedAt: Instant, closedBy: z.string().nullable() }),
  },
  'snapshot:reopen-month': {
    input: z.object({ period: Period }),
    output: z.object({ period: Period }),
  },
  'faturamento:get-range': {
    input: z.object({ from: Period, to: Period, search: SearchText.optional(), ...Paging }),
    output: z.object({
      months: z.array(z.object({ period: Period, source: FaturamentoSource, closed: z.boolean(), total: Amount.nullable(), syncedAt: Instant.nullable() })),
      /** Months that could not be read (offline and no snapshot). */
      missing: z.array(Period),
      online: z.boolean(),
      grandTotal: Amount,
      clients: z.object({
        /** values: month → amount; a month the client had no faturamento is absent. */
        rows: z.array(
          z.object({ omieCodigo: z.string(), clientId: z.string().nullable(), name: z.string().nullable(), document: z.string().nullable(), values: z.record(z.string(), Amount), total: Amount }),
        ),
        total: z.number().int(),
      }),
    }),
  },
  'reconciliation:get': {
    input: z.object({
      period: Period,
      tolerance: AmountInput.optional(),
      status: ReconciliationStatus.optional(),
      search: SearchText.optional(),
      /** Default: the month's reading order (client name). */
      sort: z.object({ key: ReconciliationSortKey, direction: z.enum(['asc', 'desc']).default('asc') }).optional(),
      ...Paging,
    }),
    output: z.object({
      period: Period,
      tolerance: Amount,
      rows: z.array(ReconciliationRow),
      /** Rows matching status/search (the window is rows[offset, offset+limit)). */
      total: z.number().int(),
      /** Totals of the rows matching status/search. */
      totals: ReconciliationTotals,
      /** Totals of the whole month. */
      monthTotals: ReconciliationTotals,
      countsByStatus: z.record(ReconciliationStatus, z.number().int()),
      source: z.object({ kind: FaturamentoSource, syncedAt: Instant.nullable(), closed: z.boolean() }),
    }),
  },
  'reconciliation:export-csv': {
    input: z.object({
      period: Period,
      tolerance: AmountInput.optional(),
      status: ReconciliationStatus.optional(),
      search: SearchText.optional(),
      dialect: z.enum(['excel-br', 'rfc4180']).default('excel-br'),
    }),
    /** Over IPC: the save dialog's path (null when the analyst cancelled). Over HTTP: a file download. */
    output: z.object({ path: z.string().nullable(), filename: z.string(), rows: z.number().int() }),
    download: true,
  },
  'reconciliation:set-note': {
    input: z.object({ period: Period, subject: z.string().min(1).max(200), note: z.string().max(2000), explained: z.boolean() }),
    output: z.object({ period: Period, subject: z.string(), note: z.string(), explained: z.boolean(), updatedAt: Instant, updatedBy: z.string().nullable() }),
  },
  'reconciliation:get-titles': {
    input: z.object({ period: Period, omieCodigo: z.string().min(1) }),
    output: z.object({
      online: z.boolean(),
      titles: z.array(
        z.object({
          codigoLancamento: z.string(),
          numeroDocumento: z.string().nullable(),
          dataEmissao: Day.nullable(),
          dataVencimento: Day.nullable(),
          valor: Amount,
          status: z.string().nullable(),
          /** Cancelled titles are listed but not counted. */
          counted: z.boolean(),
        }),
      ),
      total: Amount,
    }),
  },
  'events:get-aggregates': {
    input: z.object({ from: Day, to: Day, module: z.string().max(100).optional() }),
    output: z.object({
      /** Totals per day; per module and event type over the range; the range's total. */
      byDay: z.array(z.object({ day: Day, count: z.number().int() })),
      /** Per day and module (event types summed), for stacked charts. */
      byDayModule: z.array(z.object({ day: Day, module: z.string(), count: z.number().int() })),
      byModule: z.array(z.object({ module: z.string(), eventType: z.string(), count: z.number().int() })),
      total: z.number().int(),
    }),
  },
  'indices:get': {
    input: z.object({ from: Period, to: Period }),
    output: z.object({
      months: z.array(
        z.object({
          period: Period,
          leads_mes: z.number().int().nullable(),
          contratos_ativos: z.number().int().nullable(),
          mrr_total: Amount.nullable(),
          computedAt: Instant.nullable(),
        }),
      ),
    }),
  },
  'clients:list': {
    input: z.object({ search: SearchText.optional(), withOmie: z.boolean().nullable().default(null), ...Paging }),
    output: z.object({
      rows: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          document: z.string().nullable(),
          contactEmail: z.string().nullable(),
          omieCodigo: z.string().nullable(),
          omieInativo: z.boolean(),
          createdAt: Instant,
          updatedAt: Instant.nullable(),
          /** A full sync did not see this Omie customer since then. */
          missingSince: Instant.nullable(),
        }),
      ),
      total: z.number().int(),
    }),
  },
  'contracts:import': {
    /** The CSV file's text (the browser or renderer reads the file); at most 5 MB. */
    input: z.object({ csvText: z.string().min(1).max(5_000_000), dryRun: z.boolean().default(true) }),
    output: z.object({
      dryRun: z.boolean(),
      rows: z.number().int(),
      inserted: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      rejected: z.array(z.object({ line: z.number().int(), message: z.string() })),
    }),
  },
  'settings:get': { input: Empty, output: SettingsView },
  'settings:set': {
    input: z.object({
      tolerance: AmountInput.optional(),
      scheduleEnabled: z.boolean().optional(),
      includeSuppliers: z.boolean().optional(),
      /** Desktop only: sqlite:PATH or postgres://…; takes effect after a restart. */
      dbUrl: z.string().trim().min(1).max(2000).optional(),
      /** Desktop only, write-only: never returned. */
      omieAppKey: z.string().trim().min(1).max(200).optional(),
      omieAppSecret: z.string().trim().min(1).max(200).optional(),
    }),
    output: SettingsView,
  },
  'settings:test-connection': {
    input: z.object({ dbUrl: z.string().trim().min(1).max(2000) }),
    output: z.object({ reachable: z.boolean(), database: DatabaseInfo.nullable(), error: ErrorShape.nullable() }),
  },
  'omie:status': {
    input: Empty,
    output: z.object({
      configured: z.boolean(),
      /** The API base URL (never a key). */
      baseUrl: z.string(),
      /** null until something talked to Omie in this process. */
      reachable: z.boolean().nullable(),
      lastContactAt: Instant.nullable(),
      /** Omie blocked the key (425) until then. */
      blockedUntil: Instant.nullable(),
      message: z.string().nullable(),
    }),
  },
} as const satisfies Record<CallChannel, CallSpec>;

// Compile-time guard: the contract's keys are exactly CALL_CHANNELS.
type MissingFromContract = Exclude<CallChannel, keyof typeof contract>;
const _allChannels: [MissingFromContract] extends [never] ? true : false = true;
void _allChannels;

export type Contract = typeof contract;
/** What a caller passes (defaults optional). */
export type CallInput<C extends CallChannel> = z.input<Contract[C]['input']>;
/** What a handler receives (defaults applied). */
export type ParsedInput<C extends CallChannel> = z.output<Contract[C]['input']>;
export type CallOutput<C extends CallChannel> = z.output<Contract[C]['output']>;
export type DownloadChannel = { [C in CallChannel]: Contract[C] extends { download: true } ? C : never }[CallChannel];

export function isDownloadChannel(channel: CallChannel): channel is DownloadChannel {
  return 'download' in contract[channel];
}

// ── push events ───────────────────────────────────────────────────────────────────────────
export const events = {
  'sync:progress': SyncProgress,
  'sync:finished': z.object({
    runId: z.string(),
    kind: SyncKind,
    status: z.enum(['success', 'error']),
    errorCode: ErrorCode.nullable(),
    message: z.string().nullable(),
    recordCount: z.number().int().nullable(),
  }),
  /** A scheduled job ended (the desktop app notifies on failure). */
  'scheduler:job-finished': z.object({ job: z.string(), dueKey: z.string(), status: z.enum(['success', 'error']), message: z.string().nullable() }),
} as const satisfies Record<EventName, z.ZodType>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

// ── envelope ──────────────────────────────────────────────────────────────────────────────
export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorShape };
export type CallResult<C extends CallChannel> = Result<CallOutput<C>>;
export const ErrorEnvelope = z.object({ ok: z.literal(false), error: ErrorShape });

/** The envelope schema of one channel (for tests and strict clients). */
export function resultSchema<C extends CallChannel>(channel: C) {
  return z.union([z.object({ ok: z.literal(true), data: contract[channel].output }), ErrorEnvelope]);
}
