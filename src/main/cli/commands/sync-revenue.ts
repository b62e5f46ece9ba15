import type { Command } from 'commander';
import { formatMoney } from '../../../shared/money';
import { isPeriod } from '../../../shared/period';
import { type RevenueSnapshotResult, syncOmieRevenueSnapshot } from '../../services/revenue-snapshot';
import { badInput, fail, type GlobalOptions } from '../runtime';
import { runSyncCommand } from '../sync-command';
import { addSyncSubcommand } from './sync';

/** `ness-data sync revenue YYYY-MM [--force] [--full-scan]`: the month's faturamento snapshot (issue 4 item 3). */
addSyncSubcommand((sync) => {
  sync
    .command('revenue')
    .description("snapshot a month's Omie faturamento per customer into erp_revenue_snapshot")
    .argument('<month>', 'YYYY-MM')
    .option('--force', 're-snapshot a closed month (each changed value is kept as a restatement)')
    .option('--full-scan', 'read every receivable title instead of the emissão and alteration windows')
    .action(async (period: string, own: { force?: boolean; fullScan?: boolean }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      if (!isPeriod(period)) return fail(options, badInput(`Expected a month (YYYY-MM), got "${period}".`));
      const run = { force: own.force === true, fullScan: own.fullScan === true };
      await runSyncCommand(options, (deps, control) => syncOmieRevenueSnapshot(deps, period, { ...run, ...control }), {
        json: revenueSyncJson,
        human: humanSummary,
        failed: 'the snapshot failed',
      });
    });
});

/** The --json document of `sync revenue` (issue 4): total as a decimal string. */
function revenueSyncJson(r: RevenueSnapshotResult): Record<string, unknown> {
  return { period: r.period, clients: r.clients, titles: r.titles, total: formatMoney(r.total), status: r.status, restatements: r.restatements };
}

function humanSummary(r: RevenueSnapshotResult): string {
  if (r.status === 'error') return `Revenue snapshot of ${r.period} failed (run ${r.runId}).`;
  const restated = r.restatements > 0 ? ` ${r.restatements} value(s) restated.` : '';
  return (
    `Revenue snapshot of ${r.period} (run ${r.runId}): R$ ${formatMoney(r.total)} from ${r.titles} title(s) of ${r.clients} customer(s) — ` +
    `${r.inserted} new, ${r.updated} changed, ${r.unchanged} unchanged, ${r.removed} gone, ${r.skipped} skipped, ${r.pages} page(s).${restated}`
  );
}
