/**
 * The one map from contract channel to service call. Each handler receives its input already
 * parsed by the channel's schema (defaults applied) and returns the channel's output; it throws
 * AppError for failures the caller can act on. Transports never call services directly.
 */
import type { CallChannel, CallOutput, ParsedInput } from '../../shared/contract';
import { AppError, ErrorCode } from '../../shared/errors';
import { formatMoney } from '../../shared/money';
import { periodRange } from '../../shared/period';
import { getDataIndices } from '../services/data-indices';
import { getEventAggregates } from '../services/event-aggregates';
import { listClients } from '../services/clients-list';
import { syncOmieErp } from '../services/clients-sync';
import { importContracts } from '../services/contracts-import';
import { getOmieFaturamentoForPeriod } from '../services/faturamento';
import { closeMonth, listSnapshotPeriods, reopenMonth } from '../services/month-close';
import { syncOmieRevenueSnapshot } from '../services/revenue-snapshot';
import { getReconciliationTitles, setReconciliationNote } from '../services/reconciliation';
import { getErpSummary, listSkippedRecords, listSyncRuns } from '../services/summary';
import { describeDatabase } from '../settings/database-info';
import { testDatabaseConnection } from '../settings/test-connection';
import type { HandlerContext } from './dispatch';
import { faturamentoView } from './faturamento-view';
import { reconciliationCsvFile, reconciliationView } from './reconciliation-view';
import { aggregateViews, indicesByMonth } from './pivots';
import { countSyncRuns, lastSuccessfulClientsSync, toSyncRun } from './read-models';

export type Handler<C extends CallChannel> = (input: ParsedInput<C>, ctx: HandlerContext) => Promise<CallOutput<C>>;
export type HandlerMap = { [C in CallChannel]: Handler<C> };

/** Longest range a month-by-month call accepts (keeps answers bounded). */
const MAX_MONTHS = 36;

function asErrorCode(code: string | null): ErrorCode {
  const parsed = ErrorCode.safeParse(code);
  return parsed.success ? parsed.data : 'internal';
}

function monthsBetween(from: string, to: string): string[] {
  if (from > to) throw new AppError('bad_input', `"from" (${from}) is after "to" (${to}).`);
  const months = periodRange(from, to);
  if (months.length > MAX_MONTHS) throw new AppError('bad_input', `At most ${MAX_MONTHS} months at a time.`);
  return months;
}

export const handlers: HandlerMap = {
  'app:info': async (_input, { app }) => ({
    transport: app.transport,
    version: app.version,
    database: describeDatabase(app.dbUrl),
    schedulerRunning: app.scheduler.running,
    platform: process.platform,
  }),

  'summary:get': async (_input, { app }) => {
    const { db } = app.deps;
    const [summary, [last], lastSuccessAt] = await Promise.all([
      getErpSummary(db),
      listSyncRuns(db, { kind: 'clients', limit: 1 }),
      lastSuccessfulClientsSync(db),
    ]);
    return {
      totalClients: summary.totalClients,
      clientsWithOmie: summary.clientsWithOmie,
      lastSync: last ? toSyncRun(last) : null,
      lastSuccessAt,
      activeRun: app.syncJobs.current('clients'),
    };
  },

  'sync:start-clients': async ({ full }, { app }) =>
    app.syncJobs.start('clients', async ({ signal, onProgress }) => {
      const result = await syncOmieErp(app.deps, { full, signal, onProgress });
      return { runId: result.runId, status: result.status, recordCount: result.recordCount, errorCode: result.errorCode, errorMessage: result.errorMessage };
    }),

  'sync:cancel': async ({ runId }, { app }) => ({ cancelled: app.syncJobs.cancel(runId) }),

  'sync:list-runs': async ({ kind, offset, limit }, { app }) => {
    const [rows, total] = await Promise.all([listSyncRuns(app.deps.db, { kind, offset, limit }), countSyncRuns(app.deps.db, kind)]);
    return { rows: rows.map(toSyncRun), total };
  },

  'sync:list-skipped': async ({ runId, offset, limit }, { app }) => {
    const all = await listSkippedRecords(app.deps.db, runId);
    return {
      total: all.length,
      rows: all.slice(offset, offset + limit).map((r, i) => ({
        id: `${runId}:${offset + i}`,
        omieCodigo: r.omieCodigo,
        reason: r.reason,
        recordExcerpt: r.excerpt,
        createdAt: r.createdAt,
      })),
    };
  },

  'snapshot:sync': async ({ period, force }, { app }) => {
    const result = await syncOmieRevenueSnapshot(app.deps, period, { force, onProgress: (event) => app.events.emit('sync:progress', event) });
    app.events.emit('sync:finished', {
      runId: result.runId,
      kind: 'revenue',
      status: result.status,
      errorCode: result.status === 'error' ? asErrorCode(result.errorCode) : null,
      message: result.errorMessage,
      recordCount: result.clients,
    });
    if (result.status === 'error') throw new AppError(asErrorCode(result.errorCode), result.errorMessage ?? `The snapshot of ${period} failed.`);
    return { runId: result.runId, period, clients: result.clients, titles: result.titles, total: formatMoney(result.total), restated: result.restatements };
  },

  'snapshot:list': async (_input, { app }) => ({
    periods: (await listSnapshotPeriods(app.deps.db)).map((p) => ({
      period: p.period,
      syncedAt: p.syncedAt,
      clients: p.clients,
      titles: p.titles,
      total: formatMoney(p.total),
      closedAt: p.closedAt,
      closedBy: null,
    })),
  }),

  'snapshot:close-month': async ({ period }, { app }) => {
    const state = await closeMonth(app.deps.db, period, app.deps.actor, app.deps.clock);
    return { period, closedAt: state.closedAt ?? new Date(app.deps.clock.now()).toISOString(), closedBy: state.closedBy };
  },

  'snapshot:reopen-month': async ({ period }, { app }) => {
    await reopenMonth(app.deps.db, period, app.deps.clock);
    return { period };
  },

  'faturamento:get-range': async (input, { app }) => {
    monthsBetween(input.from, input.to);
    return faturamentoView(app.deps.db, await getOmieFaturamentoForPeriod(app.deps, input.from, input.to), input);
  },
  'reconciliation:get': async (input, { app }) => reconciliationView(app.deps, input),
  'reconciliation:export-csv': async (input, ctx) => {
    const file = await reconciliationCsvFile(ctx.app.deps, input);
    const path = await ctx.deliverFile(file);
    return { path, filename: file.filename, rows: file.rows };
  },
  'reconciliation:set-note': async ({ period, subject, note, explained }, { app }) => {
    const now = new Date(app.deps.clock.now()).toISOString();
    const saved = await setReconciliationNote(app.deps.db, period, subject, { note, explained }, app.deps.actor, now);
    return saved ?? { period, subject, note: '', explained: false, updatedAt: now, updatedBy: null };
  },

  'reconciliation:get-titles': async ({ period, omieCodigo }, { app }) => {
    const result = await getReconciliationTitles(app.deps, period, omieCodigo);
    return {
      online: true,
      total: formatMoney(result.countedTotal),
      titles: result.titles.map((t) => ({
        codigoLancamento: t.codigoLancamentoOmie,
        numeroDocumento: t.numeroDocumento,
        dataEmissao: t.dataEmissao,
        dataVencimento: t.dataVencimento,
        valor: formatMoney(t.valor),
        status: t.status,
        counted: t.counted,
      })),
    };
  },

  'events:get-aggregates': async ({ from, to, module }, { app }) => {
    if (from > to) throw new AppError('bad_input', `"from" (${from}) is after "to" (${to}).`);
    return aggregateViews(await getEventAggregates(app.deps.db, { from, to, module }));
  },

  'indices:get': async ({ from, to }, { app }) => {
    const months = monthsBetween(from, to);
    return indicesByMonth(await getDataIndices(app.deps.db, { from, to }), from, to, months);
  },

  'clients:list': async (input, { app }) => listClients(app.deps.db, input),

  'contracts:import': async ({ csvText, dryRun }, { app }) => {
    const result = await importContracts(app.deps.db, { text: csvText, name: 'contratos.csv' }, { dryRun, now: app.deps.clock.now() });
    return {
      dryRun: result.dryRun,
      rows: result.changes.length,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: result.errors.map((e) => ({ line: e.line, message: e.message })),
    };
  },

  'settings:get': async (_input, { app }) => app.settings.view(),
  'settings:set': async (input, { app }) => app.settings.update(input),
  'settings:test-connection': async ({ dbUrl }) => testDatabaseConnection(dbUrl),
  'omie:status': async (_input, { app }) => app.omieStatus.status(),
};
