import { Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';

/** The data pages' shared pieces: a page still loading, a page with nothing to show, a titled chart. */

/** A centred spinner (and `label`, when given) while a page's data loads. */
export function PageLoading({ label }: { label?: string }): ReactNode {
  return (
    <Group justify="center" py="xl">
      <Loader size="sm" />
      {label ? <Text c="dimmed">{label}</Text> : null}
    </Group>
  );
}

/** A bordered panel saying there is nothing to show. */
export function EmptyPanel({ children }: { children: ReactNode }): ReactNode {
  return (
    <Paper withBorder p="xl" radius="md">
      <Text c="dimmed" ta="center">
        {children}
      </Text>
    </Paper>
  );
}

/** A chart under its title, in a bordered panel that screen readers announce as an image named by the title. */
export function ChartPanel({ title, height, children }: { title: string; height: number; children: ReactElement }): ReactNode {
  return (
    <Stack gap={6}>
      <Title order={4}>{title}</Title>
      <Paper withBorder p="sm" radius="md" role="img" aria-label={title}>
        <ResponsiveContainer width="100%" height={height}>
          {children}
        </ResponsiveContainer>
      </Paper>
    </Stack>
  );
}
