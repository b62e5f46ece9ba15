import { ActionIcon, Button, Group, Loader, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncRun } from '../../../shared/contract';
import { SyncStatusBadge } from '../components/badges';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime, formatDuration, formatInt, formatPeriod } from '../format';
import { skippedRecordsQuery, syncRunsQuery } from '../queries/sync';

const PAGE = 25;
type KindFilter = 'all' | 'clients' | 'revenue';

/** Histórico de sync: erp_sync_log runs, newest first; expand one to see its skipped records. */
export function HistoryPage(): ReactNode {
  const { t } = useTranslation();
  const [kind, setKind] = useState<KindFilter>('all');
  const [offset, setOffset] = useState(0);
  const [expanded, setExpanded] = useState<string | null>(null);
  const runs = useQuery({
    ...syncRunsQuery({ kind: kind === 'all' ? undefined : kind, offset, limit: PAGE }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.rows.some((r) => r.status === 'running') ? 2_000 : false),
  });
  const total = runs.data?.total ?? 0;

  return (
    <Stack gap="md">
      <PageHeader
        title={t('history.title')}
        subtitle={t('history.subtitle')}
        actions={
          <SegmentedControl
            aria-label={t('history.kind')}
            value={kind}
            onChange={(value) => {
              setKind(value as KindFilter);
              setOffset(0);
            }}
            data={[
              { value: 'all', label: t('history.kindAll') },
              { value: 'clients', label: t('history.kindClients') },
              { value: 'revenue', label: t('history.kindRevenue') },
            ]}
          />
        }
      />
      {runs.error ? <ErrorAlert error={runs.error} onRetry={() => void runs.refetch()} /> : null}
      <Paper withBorder radius="md">
        <Table striped highlightOnHover data-testid="history-table" stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={{ width: 40 }} />
              <Table.Th>{t('history.kind')}</Table.Th>
              <Table.Th>{t('history.started')}</Table.Th>
              <Table.Th className="num">{t('history.duration')}</Table.Th>
              <Table.Th>{t('history.status')}</Table.Th>
              <Table.Th className="num">{t('history.records')}</Table.Th>
              <Table.Th className="num">{t('history.inserted')}</Table.Th>
              <Table.Th className="num">{t('history.updated')}</Table.Th>
              <Table.Th className="num">{t('history.skipped')}</Table.Th>
              <Table.Th>{t('history.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.isPending ? (
              <Table.Tr>
                <Table.Td colSpan={10}>
                  <Group justify="center" py="md">
                    <Loader size="sm" />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ) : total === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={10}>
                  <Text c="dimmed" ta="center" py="lg">
                    {t('history.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              runs.data?.rows.map((run) => (
                <Fragment key={run.id}>
                  <RunRow run={run} open={expanded === run.id} onToggle={() => setExpanded(expanded === run.id ? null : run.id)} />
                  {expanded === run.id ? (
                    <Table.Tr>
                      <Table.Td colSpan={10} bg="gray.0">
                        <RunDetails run={run} />
                      </Table.Td>
                    </Table.Tr>
                  ) : null}
                </Fragment>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Paper>
      {total > PAGE ? (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('history.showing', { from: formatInt(offset + 1), to: formatInt(Math.min(offset + PAGE, total)), total: formatInt(total) })}
          </Text>
          <Group gap="xs">
            <Button variant="default" size="xs" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('history.previous')}
            </Button>
            <Button variant="default" size="xs" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
              {t('history.next')}
            </Button>
          </Group>
        </Group>
      ) : null}
    </Stack>
  );
}

function RunRow({ run, open, onToggle }: { run: SyncRun; open: boolean; onToggle: () => void }): ReactNode {
  const { t } = useTranslation();
  const status = run.status === 'error' && run.errorCode === 'cancelled' ? 'cancelled' : run.status;
  return (
    <Table.Tr data-testid="history-row" data-status={status} data-run-id={run.id}>
      <Table.Td>
        <ActionIcon
          variant="subtle"
          color="gray"
          onClick={onToggle}
          aria-expanded={open}
          aria-label={open ? t('history.collapse') : t('history.expand')}
          title={open ? t('history.collapse') : t('history.expand')}
          data-testid="history-expand"
        >
          <span aria-hidden style={{ display: 'inline-block', transform: open ? 'rotate(90deg)' : 'none', transition: 'transform 120ms' }}>
            ▸
          </span>
        </ActionIcon>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {run.kind === 'clients' ? t('history.kindClients') : `${t('history.kindRevenue')} ${formatPeriod(run.period)}`}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(run.startedAt)}</Table.Td>
      <Table.Td className="num">{formatDuration(run.durationMs)}</Table.Td>
      <Table.Td>
        <SyncStatusBadge run={run} />
      </Table.Td>
      <Table.Td className="num">{formatInt(run.recordCount)}</Table.Td>
      <Table.Td className="num">{formatInt(run.inserted)}</Table.Td>
      <Table.Td className="num">{formatInt(run.updated)}</Table.Td>
      <Table.Td className="num">{formatInt(run.skipped)}</Table.Td>
      <Table.Td>
        <Text size="sm" c={status === 'error' ? 'red.8' : 'dimmed'} lineClamp={2} maw={320} title={run.errorMessage ?? undefined}>
          {status === 'cancelled' ? t('history.cancelledMessage') : run.errorCode === 'interrupted' ? t('history.interruptedMessage') : (run.errorMessage ?? '—')}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

function RunDetails({ run }: { run: SyncRun }): ReactNode {
  const { t } = useTranslation();
  const skipped = useQuery(skippedRecordsQuery({ runId: run.id, limit: 200 }));
  return (
    <Stack gap="xs" py={4} data-testid="history-details">
      <Group gap="lg">
        <Text size="sm">
          {t('history.unchanged')}: <b className="num">{formatInt(run.unchanged)}</b>
        </Text>
        <Text size="sm">
          {t('history.pages')}: <b className="num">{formatInt(run.pages)}</b>
        </Text>
        <Text size="sm">
          {t('history.started')}: <b>{formatDateTime(run.startedAt)}</b>
        </Text>
        {run.osUser || run.host ? (
          <Text size="sm" c="dimmed">
            {t('history.ranBy', { user: run.osUser ?? '—', host: run.host ?? '—' })}
          </Text>
        ) : null}
      </Group>
      <Text fw={600} size="sm">
        {t('history.skippedTitle')}
      </Text>
      {skipped.error ? <ErrorAlert error={skipped.error} onRetry={() => void skipped.refetch()} /> : null}
      {skipped.isPending ? (
        <Loader size="xs" />
      ) : skipped.data && skipped.data.rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('history.skippedEmpty')}
        </Text>
      ) : skipped.data ? (
        <Table withTableBorder bg="white" data-testid="skipped-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('history.skippedCode')}</Table.Th>
              <Table.Th>{t('history.skippedReason')}</Table.Th>
              <Table.Th>{t('history.skippedExcerpt')}</Table.Th>
              <Table.Th>{t('history.skippedWhen')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {skipped.data.rows.map((row) => (
              <Table.Tr key={row.id} data-testid="skipped-row">
                <Table.Td>{row.omieCodigo ?? '—'}</Table.Td>
                <Table.Td>{row.reason}</Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" lineClamp={2} maw={420} title={row.recordExcerpt ?? undefined}>
                    {row.recordExcerpt ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {skipped.data && skipped.data.total > skipped.data.rows.length ? (
        <Text size="xs" c="dimmed">
          {t('history.showing', { from: '1', to: formatInt(skipped.data.rows.length), total: formatInt(skipped.data.total) })}
        </Text>
      ) : null}
    </Stack>
  );
}
