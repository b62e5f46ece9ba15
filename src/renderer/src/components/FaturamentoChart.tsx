import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { chartNumber, formatBRL, formatBRLCompact, formatPeriod } from '../format';

export interface MonthTotal {
  period: string;
  source: 'snapshot' | 'live' | 'missing';
  total: string | null;
}

/** Faturamento per month as bars, snapshot months and live months in two colours (with a legend). */
export function FaturamentoChart({ months, height = 260 }: { months: MonthTotal[]; height?: number }): ReactNode {
  const { t } = useTranslation();
  const data = months.map((m) => ({
    label: formatPeriod(m.period),
    snapshot: m.source === 'snapshot' ? chartNumber(m.total) : null,
    live: m.source === 'live' ? chartNumber(m.total) : null,
    raw: m.total,
  }));
  return (
    <Paper withBorder p="sm" radius="md" data-testid="faturamento-chart" role="img" aria-label={t('home.chartTitle')}>
      {months.length === 0 ? (
        <Text c="dimmed" ta="center" py="xl">
          {t('faturamento.empty')}
        </Text>
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={data} margin={{ top: 8, right: 16, left: 8, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={(v: number) => formatBRLCompact(v)} width={84} tick={{ fontSize: 12 }} />
            <Tooltip
              formatter={(_value, name, item) => [formatBRL((item.payload as { raw: string | null }).raw), name]}
              cursor={{ fill: 'var(--mantine-color-gray-1)' }}
            />
            <Legend formatter={(value: string) => <span style={{ color: '#495057' }}>{value}</span>} />
            <Bar dataKey="snapshot" stackId="m" name={t('source.snapshot')} fill="#12b886" isAnimationActive={false} />
            <Bar dataKey="live" stackId="m" name={t('source.live')} fill="#4dabf7" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </Paper>
  );
}
