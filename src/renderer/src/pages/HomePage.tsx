import { Anchor, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { addMonths } from '../../../shared/period';
import { FreshnessBadge, SyncStatusBadge } from '../components/badges';
import { ErrorAlert } from '../components/ErrorAlert';
import { FaturamentoChart } from '../components/FaturamentoChart';
import { PageHeader } from '../components/PageHeader';
import { StatCard } from '../components/StatCard';
import { SyncPanel } from '../components/SyncPanel';
import { useNow } from '../components/use-now';
import { currentPeriod, formatDateTime, formatInt, formatPercent, formatPeriod, formatRelative } from '../format';
import { faturamentoRangeQuery } from '../queries/faturamento';
import { summaryQuery } from '../queries/sync';

/** ness.DATA: what the database holds, the clients sync, faturamento by month, where the data is used. */
export function HomePage(): ReactNode {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  const summary = useQuery({ ...summaryQuery(), refetchInterval: (query) => (query.state.data?.activeRun ? 3_000 : false) });
  const to = currentPeriod();
  const chart = useQuery(faturamentoRangeQuery({ from: addMonths(to, -11), to, limit: 1 }));

  const data = summary.data;
  const withOmiePercent =
    data && data.totalClients > 0 ? formatPercent(((data.clientsWithOmie / data.totalClients) * 100).toFixed(2)) : formatPercent('0');

  return (
    <Stack gap="md">
      <PageHeader title={t('home.title')} subtitle={t('home.subtitle')} />
      {summary.error ? <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} /> : null}
      <SimpleGrid cols={3} spacing="md">
        <StatCard label={t('home.totalClients')} value={data ? formatInt(data.totalClients) : <Loader size="sm" />} hint={t('home.totalClientsHint')} testId="summary-total-clients" />
        <StatCard
          label={t('home.clientsWithOmie')}
          value={data ? formatInt(data.clientsWithOmie) : <Loader size="sm" />}
          hint={t('home.clientsWithOmieHint', { percent: withOmiePercent })}
          testId="summary-clients-with-omie"
        />
        <Paper withBorder p="md" radius="md">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Text size="xs" tt="uppercase" fw={700} c="dimmed">
              {t('home.lastSync')}
            </Text>
            {data ? <FreshnessBadge lastSuccessAt={data.lastSuccessAt} now={now} /> : null}
          </Group>
          <div data-testid="summary-last-sync">
            {!data ? (
              <Loader size="sm" mt="sm" />
            ) : data.lastSync ? (
              <Stack gap={2} mt={8}>
                <Group gap="xs">
                  <SyncStatusBadge run={data.lastSync} />
                  <Text fw={600} title={formatDateTime(data.lastSync.startedAt)}>
                    {formatRelative(data.lastSync.finishedAt ?? data.lastSync.startedAt, now, i18n.language)}
                  </Text>
                </Group>
                <Text size="sm" c="dimmed">
                  {formatDateTime(data.lastSync.finishedAt ?? data.lastSync.startedAt)} ·{' '}
                  <span data-testid="summary-last-sync-records">{t('home.lastSyncRecords', { n: formatInt(data.lastSync.recordCount ?? 0) })}</span>
                </Text>
              </Stack>
            ) : (
              <Text mt={8} c="dimmed">
                {t('home.lastSyncNone')}
              </Text>
            )}
          </div>
        </Paper>
      </SimpleGrid>

      <SyncPanel activeRun={data?.activeRun ?? null} />

      <SimpleGrid cols={3} spacing="md">
        <Stack gap={6} style={{ gridColumn: 'span 2' }}>
          <Group justify="space-between" align="baseline">
            <Title order={4}>{t('home.chartTitle')}</Title>
            <Text size="xs" c="dimmed">
              {t('home.chartSubtitle')}
            </Text>
          </Group>
          {chart.error ? <ErrorAlert error={chart.error} onRetry={() => void chart.refetch()} /> : null}
          {chart.isPending ? (
            <Paper withBorder p="xl" radius="md">
              <Group justify="center">
                <Loader size="sm" />
                <Text c="dimmed">{t('app.loading')}</Text>
              </Group>
            </Paper>
          ) : chart.data ? (
            <>
              <FaturamentoChart months={chart.data.months} height={240} />
              {chart.data.missing.length > 0 ? (
                <Text size="sm" c="orange.8">
                  {t('home.chartMissing', { months: chart.data.missing.map(formatPeriod).join(', ') })}
                </Text>
              ) : null}
            </>
          ) : null}
        </Stack>
        <Paper withBorder p="md" radius="md">
          <Title order={4} mb="sm">
            {t('home.usedTitle')}
          </Title>
          <Stack gap="sm">
            <UsedLink to="/conciliacao" label={t('home.usedReconciliation')} hint={t('home.usedReconciliationHint')} />
            <UsedLink to="/indices" label={t('home.usedIndices')} hint={t('home.usedIndicesHint')} />
            <UsedLink to="/faturamento" label={t('home.usedFaturamento')} hint={t('home.usedFaturamentoHint')} />
            <UsedLink to="/clientes" label={t('home.usedClients')} hint={t('home.usedClientsHint')} />
          </Stack>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}

function UsedLink({ to, label, hint }: { to: string; label: string; hint: string }): ReactNode {
  return (
    <div>
      <Anchor component={Link} to={to} fw={600}>
        {label} →
      </Anchor>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </div>
  );
}
