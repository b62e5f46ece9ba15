/** The results document (bench/results.json) and the table lines, built from the measures' figures. */
import type { ApplyRateFigures } from '../measures/apply-rate';
import type { FullSyncFigures } from '../measures/clients-full-sync';
import type { IncrementalFigures } from '../measures/incremental';
import type { MemoryFigures } from '../measures/memory';
import type { ReconciliationFigures } from '../measures/reconciliation';
import type { ThrottledFigures } from '../measures/throttled';
import type { UiClientsFigures } from '../measures/ui-clients';
import type { BenchContext } from './context';
import { machine, metMap, RESULT_KEYS, type ResultKey, TARGETS, valueAt } from './results';
import type { TableLine } from './table';

export const RESULTS_FORMAT = 'ness-data-bench/1';

export function buildDocument(
  ctx: BenchContext,
  figures: Record<string, unknown>,
  failures: Record<string, string>,
  durationMs: number,
  loadAverageAtStart: number,
): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    format: RESULTS_FORMAT,
    generatedAt: new Date().toISOString(),
    mode: ctx.quick ? 'quick' : 'full',
    scale: ctx.scale,
    reps: ctx.reps,
    machine: { ...machine(), loadAverageAtStart },
    durationMs: Math.round(durationMs),
    ...figures,
  };
  doc.targets = TARGETS;
  doc.met = metMap(doc);
  const skipped: Record<string, string> = {};
  for (const key of RESULT_KEYS) {
    if (typeof valueAt(doc, key) === 'number') continue;
    const measure = key.split('.')[0] as string;
    skipped[key] = failures[measure] ?? 'not run (--only)';
  }
  doc.skipped = skipped;
  return doc;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const n = (v: number) => v.toLocaleString('en-US');

function line(doc: Record<string, unknown>, key: ResultKey, detail: (doc: Record<string, unknown>) => string): TableLine {
  const value = valueAt(doc, key);
  let text = '';
  if (typeof value === 'number') {
    try {
      text = detail(doc);
    } catch {
      text = '';
    }
  } else text = String((doc.skipped as Record<string, string>)[key] ?? '');
  return { key, value: typeof value === 'number' ? value : null, target: TARGETS[key], detail: text };
}

export function tableLines(doc: Record<string, unknown>): TableLine[] {
  const cfs = doc.clientsFullSync as FullSyncFigures;
  const apply = doc.applyRate as ApplyRateFigures;
  const inc = doc.incremental as IncrementalFigures;
  const thr = doc.throttled as ThrottledFigures;
  const mem = doc.memory as MemoryFigures;
  const rec = doc.reconciliation as ReconciliationFigures;
  const pg = (doc.postgres as { clientsFullSync: FullSyncFigures } | undefined)?.clientsFullSync as FullSyncFigures;
  const ui = (doc.ui as { clients: UiClientsFigures } | undefined)?.clients as UiClientsFigures;
  const sync = (f: FullSyncFigures) =>
    `sync ${s(f.ms)} (${n(f.rowsPerSec)} rows/s) vs floor ${s(f.floorMs)} (${n(f.floorRowsPerSec)} rows/s); ${n(f.clients)} clients, ${n(f.records)} records, ${f.pages} pages`;
  const lines: TableLine[] = [
    line(doc, 'clientsFullSync.ratio', () => sync(cfs)),
    line(doc, 'applyRate.ratio', () => `apply ${n(apply.rowsPerSec)} rows/s (${s(apply.ms)}, committing as the sync does) vs raw ${n(apply.floorRowsPerSec)} rows/s (${s(apply.floorMs)}); ${n(apply.rows)} rows`),
  ];
  if (apply?.oneTransaction) {
    lines.push({ key: 'applyRate.oneTransaction.ratio', value: apply.oneTransaction.ratio, target: null, detail: `apply with every page in one transaction: ${n(apply.oneTransaction.rowsPerSec)} rows/s (${s(apply.oneTransaction.ms)})` });
  }
  lines.push(
    line(doc, 'incremental.ratio', () => `incremental ${s(inc.ms)} vs full ${s(inc.fullMs)}; ${n(inc.changed)} changed, ${n(inc.recordsRead)} read, ${inc.pages} page(s)`),
    line(doc, 'throttled.ratio', () => `sync ${s(thr.ms)} vs floor ${s(thr.floorMs)} = ${thr.pages} pages × 60/${thr.requestsPerMinute} s (${thr.pageSize}/page; server ${thr.serverLimit.requestsPerMinute}/min, 1 in flight; server faults ${JSON.stringify(thr.serverFaults)})`),
  );
  if (thr?.defaults) {
    const d = thr.defaults;
    lines.push({ key: 'throttled.defaults.ratio', value: d.ratio, target: null, detail: `client defaults: sync ${s(d.ms)} vs floor ${s(d.floorMs)} = ${d.pages} pages × 60/${d.requestsPerMinute} s (${d.pageSize}/page; server faults ${JSON.stringify(d.serverFaults)})` });
  }
  lines.push(
    line(doc, 'memory.ratio', () => `peak RSS ${mem.peakMB} MB (${n(mem.clients)} clients) vs ${mem.floorPeakMB} MB (${n(mem.floorClients)} clients)`),
    line(doc, 'reconciliation.ms', () => `${n(rec.rows)} rows of ${rec.period}; ${n(rec.clients)} clients × ${rec.months} months (${n(rec.snapshotRows)} snapshot rows, ${n(rec.contracts)} contracts)`),
    line(doc, 'reconciliation.ratio', () => `service ${rec.ms} ms vs one hand-written SQL statement ${rec.floorMs} ms (same rows, totals and statuses)`),
    line(doc, 'postgres.clientsFullSync.ratio', () => sync(pg)),
    line(doc, 'ui.clients.firstPaintMs', () => `median of ${ui.rounds.length} navigations, the browser quiet first (${ui.rounds.join(', ')} ms; cold ${ui.coldMs} ms); ${n(ui.clients)} clients`),
  );
  if (ui?.immediateRounds) {
    lines.push({ key: 'ui.clients.immediateMs', value: ui.immediateMs, target: null, detail: `the same, navigating as soon as the context is made (${ui.immediateRounds.join(', ')} ms)` });
  }
  const m = doc.machine as { cpus: number };
  lines.push({ key: 'machine.cpus', value: m.cpus, target: null, detail: `os.cpus().length; run took ${s(Number(doc.durationMs))}` });
  return lines;
}
