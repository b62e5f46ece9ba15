import { Alert, Button, Group, Pagination, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addMonths, periodRange } from '../../../shared/period';
import { api, type CallOutput } from '../api';
import { MonthStateBadge, SourceBadge } from '../components/badges';
import { ErrorAlert } from '../components/ErrorAlert';
import { FaturamentoChart } from '../components/FaturamentoChart';
import { MonthSelect } from '../components/MonthSelect';
import { PageHeader } from '../components/PageHeader';
import { PageLoading } from '../components/PagePanels';
import { currentPeriod, formatBRL, formatDateTime, formatDocument, formatInt, formatPeriod } from '../format';
import { faturamentoRangeQuery, snapshotListQuery } from '../queries/faturamento';

const PAGE = 50;
const MAX_MONTHS = 24;
type Month = CallOutput<'faturamento:get-range'>['months'][number];
type SnapshotPeriod = CallOutput<'snapshot:list'>['periods'][number];

/** Faturamento (snapshots): per month and per client, where each month came from, and month closing. */
export function FaturamentoPage(): ReactNode {
  const { t } = useTranslation();
  const [to, setTo] = useState(() => currentPeriod());
  const [from, setFrom] = useState(() => addMonths(currentPeriod(), -5));
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 250);
  const [page, setPage] = useState(1);
  const rangeValid = from <= to && periodRange(from, to).length <= MAX_MONTHS;

  const range = useQuery({
    ...faturamentoRangeQuery({ from, to, search: debouncedSearch || undefined, offset: (page - 1) * PAGE, limit: PAGE }),
    enabled: rangeValid,
    placeholderData: keepPreviousData,
  });
  const snapshots = useQuery(snapshotListQuery());
  const byPeriod = new Map((snapshots.data?.periods ?? []).map((p) => [p.period, p]));
  const data = range.data;
  const pages = data ? Math.max(1, Math.ceil(data.clients.total / PAGE)) : 1;

  return (
    <Stack gap="md">
      <PageHeader title={t('faturamento.title')} subtitle={t('faturamento.subtitle')} />
      <Group align="flex-end" gap="sm">
        <MonthSelect label={t('faturamento.from')} value={from} onChange={(p) => (setFrom(p), setPage(1))} testId="faturamento-from" />
        <MonthSelect label={t('faturamento.to')} value={to} onChange={(p) => (setTo(p), setPage(1))} testId="faturamento-to" />
        <TextInput
          label={t('app.search')}
          placeholder={t('faturamento.searchPlaceholder')}
          value={search}
          onChange={(e) => (setSearch(e.currentTarget.value), setPage(1))}
          w={320}
        />
        {data ? (
          <Paper withBorder px="md" py={6} ml="auto" radius="md">
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              {t('faturamento.grandTotal')}
            </Text>
            <Text fw={700} className="num" ta="left" data-testid="faturamento-grand-total">
              {formatBRL(data.grandTotal)}
            </Text>
          </Paper>
        ) : null}
      </Group>
      {!rangeValid ? <Alert color="red">{t('faturamento.rangeInvalid')}</Alert> : null}
      {range.error ? <ErrorAlert error={range.error} onRetry={() => void range.refetch()} /> : null}
      {data && data.missing.length > 0 ? (
        <Alert color="orange" data-testid="faturamento-missing">
          {t('faturamento.missingMonths', { months: data.missing.map(formatPeriod).join(', ') })}
        </Alert>
      ) : null}
      {range.isPending && rangeValid ? (
        <PageLoading label={t('app.loading')} />
      ) : data ? (
        <>
          <Group align="stretch" gap="md" wrap="nowrap">
            <Stack gap={6} style={{ flex: 0.8, minWidth: 0 }}>
              <Title order={4}>{t('faturamento.chartTitle')}</Title>
              <FaturamentoChart months={data.months} height={250} />
            </Stack>
            <Stack gap={6} style={{ flex: 1.2, minWidth: 0 }}>
              <Title order={4}>{t('faturamento.monthsTitle')}</Title>
              <MonthsTable months={data.months} snapshots={byPeriod} />
            </Stack>
          </Group>
          <ClientsTable data={data} />
          {pages > 1 ? (
            <Group justify="flex-end">
              <Text size="sm" c="dimmed">
                {t('faturamento.pageOf', { page: formatInt(page), pages: formatInt(pages) })}
              </Text>
              <Pagination value={page} onChange={setPage} total={pages} size="sm" siblings={1} />
            </Group>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}

function MonthsTable({ months, snapshots }: { months: Month[]; snapshots: Map<string, SnapshotPeriod> }): ReactNode {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={560} maxHeight={290}>
        <Table stickyHeader verticalSpacing={4} data-testid="faturamento-months">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('faturamento.month')}</Table.Th>
              <Table.Th>{t('faturamento.source')}</Table.Th>
              <Table.Th>{t('faturamento.state')}</Table.Th>
              <Table.Th className="num">{t('faturamento.total')}</Table.Th>
              <Table.Th>{t('faturamento.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...months].reverse().map((month) => (
              <MonthRow key={month.period} month={month} snapshot={snapshots.get(month.period)} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function MonthRow({ month, snapshot }: { month: Month; snapshot: SnapshotPeriod | undefined }): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = () => {
    for (const key of ['snapshot:list', 'faturamento:get-range', 'reconciliation:get', 'sync:list-runs']) void queryClient.invalidateQueries({ queryKey: [key] });
  };
  const snap = useMutation({ mutationFn: (force: boolean) => api.call('snapshot:sync', { period: month.period, force }), onSuccess: refresh });
  const close = useMutation({ mutationFn: () => api.call('snapshot:close-month', { period: month.period }), onSuccess: refresh });
  const reopen = useMutation({ mutationFn: () => api.call('snapshot:reopen-month', { period: month.period }), onSuccess: refresh });
  const closed = month.closed;
  const error = snap.error ?? close.error ?? reopen.error;
  const syncedAt = month.syncedAt ?? snapshot?.syncedAt ?? null;
  return (
    <>
      <Table.Tr data-testid="faturamento-month-row" data-period={month.period}>
        <Table.Td fw={600}>{formatPeriod(month.period)}</Table.Td>
        <Table.Td>
          <span title={month.source === 'snapshot' && syncedAt ? `${t('faturamento.syncedAt')} ${formatDateTime(syncedAt)}` : undefined}>
            <SourceBadge source={month.source} />
          </span>
        </Table.Td>
        <Table.Td title={closed && snapshot?.closedAt ? t('faturamento.closedBy', { when: formatDateTime(snapshot.closedAt), who: snapshot.closedBy ?? '—' }) : undefined}>
          <MonthStateBadge closed={closed} />
        </Table.Td>
        <Table.Td className="num">{formatBRL(month.total)}</Table.Td>
        <Table.Td>
          <Group gap={4} wrap="nowrap">
            <Button size="compact-xs" variant="light" loading={snap.isPending} onClick={() => snap.mutate(closed)}>
              {closed ? t('faturamento.forceSnapshot') : month.source === 'snapshot' ? t('faturamento.resnapshot') : t('faturamento.snapshot')}
            </Button>
            {closed ? (
              <Button size="compact-xs" variant="default" loading={reopen.isPending} onClick={() => reopen.mutate()}>
                {t('faturamento.reopenMonth')}
              </Button>
            ) : (
              <Button size="compact-xs" variant="default" loading={close.isPending} onClick={() => close.mutate()} disabled={month.source !== 'snapshot'}>
                {t('faturamento.closeMonth')}
              </Button>
            )}
          </Group>
        </Table.Td>
      </Table.Tr>
      {error || snap.data ? (
        <Table.Tr>
          <Table.Td colSpan={5}>
            {error ? (
              <ErrorAlert error={error} />
            ) : snap.data ? (
              <Text size="xs" c="teal.8">
                {t('faturamento.snapshotDone', {
                  period: formatPeriod(snap.data.period),
                  clients: formatInt(snap.data.clients),
                  titles: formatInt(snap.data.titles),
                  total: formatBRL(snap.data.total),
                })}
                {snap.data.restated > 0 ? ` ${t('faturamento.snapshotRestated', { n: formatInt(snap.data.restated) })}` : ''}
              </Text>
            ) : null}
          </Table.Td>
        </Table.Tr>
      ) : null}
    </>
  );
}

function ClientsTable({ data }: { data: CallOutput<'faturamento:get-range'> }): ReactNode {
  const { t } = useTranslation();
  const months = data.months.map((m) => m.period);
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Title order={4}>{t('faturamento.clientsTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('clients.count', { n: formatInt(data.clients.total) })}
        </Text>
      </Group>
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={320 + months.length * 112 + 130}>
          <Table striped highlightOnHover data-testid="faturamento-clients">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('faturamento.client')}</Table.Th>
                <Table.Th className="num">{t('faturamento.omieCodigo')}</Table.Th>
                {months.map((m) => (
                  <Table.Th key={m} className="num">
                    {formatPeriod(m)}
                  </Table.Th>
                ))}
                <Table.Th className="num">{t('faturamento.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.clients.rows.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={months.length + 3}>
                    <Text c="dimmed" ta="center" py="md">
                      {t('faturamento.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                data.clients.rows.map((row) => (
                  <Table.Tr key={row.omieCodigo}>
                    <Table.Td maw={280}>
                      <Text size="sm" truncate title={row.name ?? undefined}>
                        {row.name ?? t('faturamento.noClientName', { codigo: row.omieCodigo })}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {formatDocument(row.document)}
                      </Text>
                    </Table.Td>
                    <Table.Td className="num">{row.omieCodigo}</Table.Td>
                    {months.map((m) => (
                      <Table.Td key={m} className="num">
                        {formatBRL(row.values[m])}
                      </Table.Td>
                    ))}
                    <Table.Td className="num" fw={600}>
                      {formatBRL(row.total)}
                    </Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th>{t('app.total')}</Table.Th>
                <Table.Th />
                {data.months.map((m) => (
                  <Table.Th key={m.period} className="num">
                    {formatBRL(m.total)}
                  </Table.Th>
                ))}
                <Table.Th className="num">{formatBRL(data.grandTotal)}</Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
