import { Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { addMonths } from '../../../shared/period';
import { ErrorAlert } from '../components/ErrorAlert';
import { MonthSelect } from '../components/MonthSelect';
import { ChartPanel, EmptyPanel, PageLoading } from '../components/PagePanels';
import { PageHeader } from '../components/PageHeader';
import { chartNumber, currentPeriod, formatBRL, formatBRLCompact, formatDateTime, formatInt, formatPeriod } from '../format';
import { indicesQuery } from '../queries/analytics';

/** Índices: leads_mes, contratos_ativos and mrr_total per month (data_indices). */
export function IndicesPage(): ReactNode {
  const { t } = useTranslation();
  const [to, setTo] = useState(() => currentPeriod());
  const [from, setFrom] = useState(() => addMonths(currentPeriod(), -11));
  const valid = from <= to;
  const indices = useQuery({ ...indicesQuery({ from, to }), enabled: valid, placeholderData: keepPreviousData });
  const months = indices.data?.months ?? [];
  const computed = months.filter((m) => m.leads_mes !== null || m.contratos_ativos !== null || m.mrr_total !== null);
  const chart = months.map((m) => ({
    label: formatPeriod(m.period),
    mrr: m.mrr_total === null ? null : chartNumber(m.mrr_total),
    mrrText: m.mrr_total,
    leads: m.leads_mes,
    contratos: m.contratos_ativos,
  }));

  return (
    <Stack gap="md">
      <PageHeader title={t('indices.title')} subtitle={t('indices.subtitle')} />
      <Group align="flex-end" gap="sm">
        <MonthSelect label={t('indices.from')} value={from} onChange={setFrom} />
        <MonthSelect label={t('indices.to')} value={to} onChange={setTo} />
        {!valid ? (
          <Text c="red" size="sm">
            {t('faturamento.rangeInvalid')}
          </Text>
        ) : null}
      </Group>
      {indices.error ? <ErrorAlert error={indices.error} onRetry={() => void indices.refetch()} /> : null}
      {indices.isPending && valid ? (
        <PageLoading />
      ) : computed.length === 0 ? (
        <EmptyPanel>{t('indices.empty')}</EmptyPanel>
      ) : (
        <>
          <SimpleGrid cols={2} spacing="md">
            <ChartPanel title={t('indices.mrrChart')} height={240}>
              <LineChart data={chart} margin={{ top: 8, right: 16, left: 8, bottom: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" tick={{ fontSize: 11 }} />
                <YAxis tickFormatter={(v: number) => formatBRLCompact(v)} width={84} tick={{ fontSize: 11 }} />
                <Tooltip formatter={(_v, _n, item) => [formatBRL((item.payload as { mrrText: string | null }).mrrText), t('indices.mrr_total')]} />
                <Line type="monotone" dataKey="mrr" stroke="#0ca678" strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
              </LineChart>
            </ChartPanel>
            <ChartPanel title={t('indices.countsChart')} height={240}>
              <BarChart data={chart} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" tick={{ fontSize: 11 }} />
                <YAxis allowDecimals={false} width={48} tick={{ fontSize: 11 }} tickFormatter={(v: number) => formatInt(v)} />
                <Tooltip formatter={(value, name) => [formatInt(Number(value)), name]} />
                <Legend formatter={(value: string) => <span style={{ color: '#495057' }}>{value}</span>} />
                <Bar dataKey="leads" name={t('indices.leads_mes')} fill="#4dabf7" isAnimationActive={false} />
                <Bar dataKey="contratos" name={t('indices.contratos_ativos')} fill="#12b886" isAnimationActive={false} />
              </BarChart>
            </ChartPanel>
          </SimpleGrid>
          <Paper withBorder radius="md">
            <Table striped data-testid="indices-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('indices.month')}</Table.Th>
                  <Table.Th className="num">{t('indices.leads_mes')}</Table.Th>
                  <Table.Th className="num">{t('indices.contratos_ativos')}</Table.Th>
                  <Table.Th className="num">{t('indices.mrr_total')}</Table.Th>
                  <Table.Th>{t('indices.computedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...months].reverse().map((m) => (
                  <Table.Tr key={m.period}>
                    <Table.Td fw={600}>{formatPeriod(m.period)}</Table.Td>
                    <Table.Td className="num">{formatInt(m.leads_mes)}</Table.Td>
                    <Table.Td className="num">{formatInt(m.contratos_ativos)}</Table.Td>
                    <Table.Td className="num">{formatBRL(m.mrr_total)}</Table.Td>
                    <Table.Td c={m.computedAt ? undefined : 'dimmed'}>
                      {m.computedAt ? formatDateTime(m.computedAt) : m.leads_mes === null && m.contratos_ativos === null && m.mrr_total === null ? t('indices.notComputed') : '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </>
      )}
    </Stack>
  );
}
