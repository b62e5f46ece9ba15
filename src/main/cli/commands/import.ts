import { type Command, Option } from 'commander';
import { type CsvDialect, DEFAULT_MAX_IMPORT_BYTES, type ImportResult } from '../../services/csv-import';
import { type ContractChange, importContracts } from '../../services/contracts-import';
import { importLeads, type LeadChange } from '../../services/leads-import';
import { badInput, emit, fail, type GlobalOptions, withDb } from '../runtime';

interface ImportCliOptions extends GlobalOptions {
  dryRun?: boolean;
  dialect?: CsvDialect;
  maxSize?: string;
}

const KINDS = ['contracts', 'leads'] as const;
type Kind = (typeof KINDS)[number];

/** `ness-data import contracts|leads FILE.csv [--dry-run]`: all rows valid or nothing imported. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import contracts or leads from a CSV (Excel pt-BR ";" or RFC 4180 ","); all rows valid or nothing is imported')
    .argument('<kind>', 'contracts or leads')
    .argument('<file>', 'the CSV file')
    .option('--dry-run', 'show what would change without writing')
    .addOption(new Option('--dialect <dialect>', 'skip detection').choices(['excel-br', 'rfc4180']))
    .option('--max-size <MB>', `refuse files larger than this (default ${DEFAULT_MAX_IMPORT_BYTES / 1024 / 1024} MB)`)
    .action(async (kind: string, file: string, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<ImportCliOptions>();
      try {
        if (!KINDS.includes(kind as Kind)) throw badInput(`Unknown import "${kind}": use contracts or leads.`);
        const maxBytes = options.maxSize === undefined ? undefined : megabytes(options.maxSize);
        const importOptions = { dryRun: options.dryRun ?? false, dialect: options.dialect, maxBytes };
        const result = await withDb<ImportResult<ContractChange | LeadChange>>(options, (db) =>
          kind === 'contracts' ? importContracts(db, { path: file }, importOptions) : importLeads(db, { path: file }, importOptions),
        );
        if (result.errors.length > 0) {
          for (const e of result.errors) process.stderr.write(`${result.file}: line ${e.line}: ${e.message}\n`);
          if (options.json) emit(options, result, () => '');
          process.stderr.write(`ness-data: nothing imported: ${result.errors.length} problem(s) in ${result.file}.\n`);
          process.exitCode = 1;
          return;
        }
        emit(options, result, describe);
      } catch (error) {
        fail(options, error);
      }
    });
}

function megabytes(text: string): number {
  const mb = Number(text.replace(',', '.'));
  if (!Number.isFinite(mb) || mb <= 0) throw badInput(`--max-size must be a positive number of megabytes, got "${text}".`);
  return Math.floor(mb * 1024 * 1024);
}

function describeChange(c: ContractChange | LeadChange): string {
  if ('clientId' in c) {
    const was = c.previous ? ` (was mrr ${c.previous.mrr}, fim ${c.previous.endDate ?? '—'}, ${c.previous.status})` : '';
    return `line ${c.line}: ${c.action} ${c.clientName} · "${c.description}" · from ${c.startDate}${c.endDate ? ` to ${c.endDate}` : ''} · mrr ${c.mrr} · ${c.status}${was}`;
  }
  const was = c.previous ? ` (was origem ${c.previous.source ?? '—'})` : '';
  return `line ${c.line}: ${c.action} ${c.name}${c.document ? ` (${c.document})` : ''} · ${c.createdAt}${c.source ? ` · ${c.source}` : ''}${was}`;
}

function describe(r: ImportResult<ContractChange | LeadChange>): string {
  const counts = `${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged`;
  if (!r.dryRun) return `Imported ${r.kind} from ${r.file} (${r.dialect}): ${counts}.`;
  const lines = r.changes.filter((c) => c.action !== 'unchanged').map(describeChange);
  return [`Dry run of ${r.file} (${r.dialect}), nothing written: would be ${counts}.`, ...lines].join('\n');
}
