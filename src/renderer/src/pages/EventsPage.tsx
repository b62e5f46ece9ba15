import { Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { type DayRange, DayRangeInput, lastDays } from '../components/DayRangeInput';
import { ErrorAlert } from '../components/ErrorAlert';
import { ChartPanel, EmptyPanel, PageLoading } from '../components/PagePanels';
import { PageHeader } from '../components/PageHeader';
import { formatDay, formatInt } from '../format';
import { eventAggregatesQuery } from '../queries/analytics';

/** Eventos: event_aggregates per day (chart) and per module and event type (table). */
export function EventsPage(): ReactNode {
  const { t } = useTranslation();
  const [range, setRange] = useState<DayRange>(() => lastDays(30));
  const [module, setModule] = useState<string | null>(null);
  const all = useQuery({ ...eventAggregatesQuery({ from: range.from, to: range.to }), placeholderData: keepPreviousData });
  const filtered = useQuery({
    ...eventAggregatesQuery({ from: range.from, to: range.to, module: module ?? undefined }),
    enabled: module !== null,
    placeholderData: keepPreviousData,
  });
  const data = module ? filtered.data : all.data;
  const error = all.error ?? filtered.error;
  const modules = [...new Set((all.data?.byModule ?? []).map((m) => m.module))].sort();
  const chart = (data?.byDay ?? []).map((d) => ({ label: formatDay(d.day).slice(0, 5), day: formatDay(d.day), count: d.count }));
  const byModule = [...(data?.byModule ?? [])].sort((a, b) => b.count - a.count || a.module.localeCompare(b.module));

  return (
    <Stack gap="md">
      <PageHeader
        title={t('events.title')}
        subtitle={t('events.subtitle')}
        actions={
          data ? (
            <Text fw={600} data-testid="events-total">
              {t('events.total', { n: formatInt(data.total) })}
            </Text>
          ) : null
        }
      />
      <Group align="flex-end" gap="md">
        <DayRangeInput value={range} onChange={setRange} />
        <Select
          label={t('events.module')}
          placeholder={t('events.moduleAll')}
          value={module}
          onChange={setModule}
          data={modules}
          clearable
          w={200}
        />
      </Group>
      {error ? <ErrorAlert error={error} onRetry={() => void all.refetch()} /> : null}
      {!data ? (
        <PageLoading />
      ) : data.total === 0 ? (
        <EmptyPanel>{t('events.empty')}</EmptyPanel>
      ) : (
        <SimpleGrid cols={2} spacing="md">
          <ChartPanel title={t('events.chartTitle')} height={360}>
            <BarChart data={chart} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={12} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={48} tickFormatter={(v: number) => formatInt(v)} />
              <Tooltip
                labelFormatter={(_label, payload) => (payload[0]?.payload as { day?: string } | undefined)?.day ?? ''}
                formatter={(value) => [formatInt(Number(value)), t('events.count')]}
              />
              <Bar dataKey="count" fill="#12b886" isAnimationActive={false} />
            </BarChart>
          </ChartPanel>
          <Stack gap={6}>
            <Title order={4}>{t('events.tableTitle')}</Title>
            <Paper withBorder radius="md">
              <Table.ScrollContainer minWidth={360} maxHeight={376}>
                <Table striped stickyHeader data-testid="events-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('events.module')}</Table.Th>
                      <Table.Th>{t('events.eventType')}</Table.Th>
                      <Table.Th className="num">{t('events.count')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {byModule.map((row) => (
                      <Table.Tr key={`${row.module}|${row.eventType}`}>
                        <Table.Td>{row.module}</Table.Td>
                        <Table.Td>{row.eventType}</Table.Td>
                        <Table.Td className="num">{formatInt(row.count)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
          </Stack>
        </SimpleGrid>
      )}
    </Stack>
  );
}
