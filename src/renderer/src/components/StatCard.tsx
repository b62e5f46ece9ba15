import { Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One number on the home page, with a label and a hint line. */
export function StatCard(props: { label: string; value: ReactNode; hint?: ReactNode; badge?: ReactNode; testId: string }): ReactNode {
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="xs" tt="uppercase" fw={700} c="dimmed">
          {props.label}
        </Text>
        {props.badge}
      </Group>
      <Text fz={28} fw={700} className="num" ta="left" mt={4} data-testid={props.testId}>
        {props.value}
      </Text>
      {props.hint ? (
        <Text size="sm" c="dimmed" mt={2}>
          {props.hint}
        </Text>
      ) : null}
    </Paper>
  );
}
