import { Badge, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReconciliationStatus, type ReconciliationRow } from '../../../shared/contract';
import { addMonths } from '../../../shared/period';
import { api, type CallOutput } from '../api';
import { ReconStatusBadge, SourceBadge } from '../components/badges';
import { ErrorAlert } from '../components/ErrorAlert';
import { MonthSelect } from '../components/MonthSelect';
import { PageHeader } from '../components/PageHeader';
import { ReconciliationDrawer } from '../components/ReconciliationDrawer';
import { type GridColumn, VirtualGrid } from '../components/VirtualGrid';
import { currentPeriod, formatBRL, formatDateTime, formatDocument, formatInt, formatPercent } from '../format';
import { settingsQuery } from '../queries/app';
import { reconciliationQuery } from '../queries/reconciliation';
import { useWindowedRows } from '../queries/use-windowed-rows';

const PAGE_SIZE = 200;
const TOLERANCE = /^\d{1,12}([.,]\d{1,2})?$/;
type Dialect = 'excel-br' | 'rfc4180';

/** Conciliação: contracted MRR × Omie faturamento per client for a month, with notes and CSV export. */
export function ReconciliationPage(): ReactNode {
  const { t } = useTranslation();
  const settings = useQuery(settingsQuery());
  const [period, setPeriod] = useState(() => addMonths(currentPeriod(), -1));
  const [tolerance, setTolerance] = useState<string | null>(null);
  const [status, setStatus] = useState<ReconciliationStatus | null>(null);
  const [search, setSearch] = useState('');
  const [dialect, setDialect] = useState<Dialect>('excel-br');
  const [selected, setSelected] = useState<ReconciliationRow | null>(null);

  // The tolerance starts at the configured default ("0.01" → "0,01").
  useEffect(() => {
    if (tolerance === null && settings.data) setTolerance(settings.data.tolerance.replace('.', ','));
  }, [settings.data, tolerance]);
  const toleranceText = (tolerance ?? '').trim();
  const toleranceValid = toleranceText === '' || TOLERANCE.test(toleranceText);
  const [debouncedTolerance] = useDebouncedValue(toleranceValid ? toleranceText : null, 300);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 250);
  const filters = {
    period,
    tolerance: debouncedTolerance || undefined,
    status: status ?? undefined,
    search: debouncedSearch || undefined,
  };

  const rows = useWindowedRows(PAGE_SIZE, (offset, limit) => ({
    ...reconciliationQuery({ ...filters, offset, limit }),
    // Wait until the typed tolerance has settled, so the first answer is not thrown away at once.
    enabled: (tolerance !== null || settings.isError) && debouncedTolerance === (toleranceValid ? toleranceText : null),
  }));
  const head = rows.head;

  const exportCsv = useMutation({
    mutationFn: () => api.download('reconciliation:export-csv', { ...filters, dialect }),
  });

  const columns = useMemo(
    (): GridColumn<ReconciliationRow>[] => [
      { id: 'client', header: t('reconciliation.client'), width: 'minmax(130px, 2fr)', cell: (row) => <span title={row.clientName}>{row.clientName}</span> },
      { id: 'document', header: t('reconciliation.document'), width: '150px', cell: (row) => formatDocument(row.document) },
      { id: 'omie', header: t('reconciliation.omieCodigoShort'), width: '84px', align: 'right', cell: (row) => row.omieCodigo ?? '—' },
      { id: 'mrr', header: t('reconciliation.mrr'), width: '108px', align: 'right', cell: (row) => formatBRL(row.mrr) },
      { id: 'faturado', header: t('reconciliation.faturado'), width: '108px', align: 'right', cell: (row) => formatBRL(row.faturado) },
      { id: 'diferenca', header: t('reconciliation.diferenca'), width: '108px', align: 'right', cell: (row) => <Difference value={row.diferenca} /> },
      { id: 'percent', header: t('reconciliation.percent'), width: '80px', align: 'right', cell: (row) => formatPercent(row.percent) },
      { id: 'status', header: t('reconciliation.status'), width: '160px', cell: (row) => <ReconStatusBadge status={row.status} /> },
      { id: 'note', header: t('reconciliation.note'), width: 'minmax(70px, 1fr)', cell: (row) => <NoteCell row={row} /> },
    ],
    [t],
  );

  const statusOptions = ReconciliationStatus.options.map((value) => ({
    value,
    label: `${t(`reconStatus.${value}`)} (${formatInt(head?.countsByStatus[value] ?? 0)})`,
  }));

  return (
    <Stack gap="sm">
      <PageHeader title={t('reconciliation.title')} subtitle={t('reconciliation.subtitle')} />
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <MonthSelect label={t('reconciliation.month')} value={period} onChange={setPeriod} testId="reconciliation-month" w={120} />
        <TextInput
          label={t('reconciliation.tolerance')}
          value={tolerance ?? ''}
          onChange={(e) => setTolerance(e.currentTarget.value)}
          error={toleranceValid ? undefined : t('reconciliation.toleranceInvalid')}
          w={130}
          inputMode="decimal"
          data-testid="reconciliation-tolerance"
        />
        <Select
          label={t('reconciliation.status')}
          placeholder={t('reconciliation.statusAll')}
          value={status}
          onChange={(value) => setStatus(value ? ReconciliationStatus.parse(value) : null)}
          data={statusOptions}
          clearable
          w={230}
          data-testid="reconciliation-status"
        />
        <TextInput
          label={t('app.search')}
          placeholder={t('reconciliation.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          style={{ flex: 1 }}
          miw={140}
        />
        <Select
          label={t('reconciliation.csvFormat')}
          value={dialect}
          onChange={(value) => value && setDialect(value as Dialect)}
          data={[
            { value: 'excel-br', label: t('reconciliation.exportExcel') },
            { value: 'rfc4180', label: t('reconciliation.exportRfc') },
          ]}
          allowDeselect={false}
          w={140}
          data-testid="export-csv-dialect"
        />
        <Button onClick={() => exportCsv.mutate()} loading={exportCsv.isPending} disabled={!head || !toleranceValid} data-testid="export-csv-button">
          {t('reconciliation.export')}
        </Button>
      </Group>
      {exportCsv.error ? <ErrorAlert error={exportCsv.error} /> : null}
      {exportCsv.data ? (
        <Text size="sm" c="teal.8" data-testid="export-result">
          {exportCsv.data.path
            ? t('reconciliation.exportedTo', { path: exportCsv.data.path, rows: formatInt(exportCsv.data.rows) })
            : api.transport === 'ipc'
              ? t('reconciliation.exportCancelled')
              : t('reconciliation.exported', { filename: exportCsv.data.filename, rows: formatInt(exportCsv.data.rows) })}
        </Text>
      ) : null}
      {rows.error ? <ErrorAlert error={rows.error} onRetry={rows.refetch} /> : null}
      <Totals head={head} />
      <VirtualGrid
        key={`${period}|${filters.tolerance ?? ''}|${status ?? ''}|${debouncedSearch}`}
        columns={columns}
        total={rows.total}
        rowAt={rows.rowAt}
        onRangeChange={rows.onRangeChange}
        onRowClick={(row) => setSelected(row)}
        isSelected={(row) => row.subject === selected?.subject}
        rowKey={(row) => row.subject}
        heightOffset={300}
        testId="reconciliation-table"
        rowTestId="reconciliation-row"
        label={t('reconciliation.title')}
        empty={rows.isPending ? t('app.loading') : t('reconciliation.empty')}
        loadingLabel={t('app.loadingRows')}
      />
      <ReconciliationDrawer period={period} row={selected} onClose={() => setSelected(null)} />
    </Stack>
  );
}

type Head = CallOutput<'reconciliation:get'>;

function Totals({ head }: { head: Head | undefined }): ReactNode {
  const { t } = useTranslation();
  if (!head) return null;
  return (
    <Paper withBorder px="md" py={8} radius="md" data-testid="reconciliation-totals">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="lg" wrap="nowrap">
          <Text size="sm" fw={700}>
            {t('reconciliation.totals')}
          </Text>
          <Text size="sm">
            {t('reconciliation.mrr')}{' '}
            <b className="num" data-testid="total-mrr">
              {formatBRL(head.totals.mrr)}
            </b>
          </Text>
          <Text size="sm">
            {t('reconciliation.faturado')}{' '}
            <b className="num" data-testid="total-faturado">
              {formatBRL(head.totals.faturado)}
            </b>
          </Text>
          <Text size="sm">
            {t('reconciliation.diferenca')}{' '}
            <b className="num" data-testid="total-diferenca">
              {formatBRL(head.totals.diferenca)}
            </b>
          </Text>
          <Text size="sm" c="dimmed" data-testid="reconciliation-count" data-count={head.total}>
            {t('reconciliation.rows', { n: formatInt(head.total) })}
          </Text>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <SourceBadge source={head.source.kind} />
          <Text size="xs" c="dimmed">
            {head.source.kind === 'snapshot'
              ? t('reconciliation.sourceSnapshot', { when: formatDateTime(head.source.syncedAt) })
              : head.source.kind === 'live'
                ? t('reconciliation.sourceLive')
                : t('reconciliation.sourceMissing')}
          </Text>
          {head.source.closed ? (
            <Badge color="dark" variant="filled">
              {t('reconciliation.monthClosed')}
            </Badge>
          ) : null}
        </Group>
      </Group>
    </Paper>
  );
}

function Difference({ value }: { value: string }): ReactNode {
  if (!value) return '—';
  const color = value.startsWith('-') ? 'var(--mantine-color-red-8)' : /^0\.00$/.test(value) ? undefined : 'var(--mantine-color-indigo-8)';
  return <span style={{ color }}>{formatBRL(value)}</span>;
}

function NoteCell({ row }: { row: ReconciliationRow }): ReactNode {
  const { t } = useTranslation();
  if (!row.note && !row.explained) return null;
  return (
    <Group gap={4} wrap="nowrap">
      {row.explained ? (
        <Badge color="teal" size="xs">
          {t('reconciliation.explained')}
        </Badge>
      ) : null}
      {row.note ? (
        <Text size="xs" truncate title={row.note}>
          {row.note}
        </Text>
      ) : null}
    </Group>
  );
}
