import { Select } from '@mantine/core';
import type { ReactNode } from 'react';
import { addMonths } from '../../../shared/period';
import { currentPeriod, formatPeriod } from '../format';

/** The last `count` months up to the current one (Brasília), newest first. */
export function recentMonths(count = 36): string[] {
  const now = currentPeriod();
  return Array.from({ length: count }, (_, i) => addMonths(now, -i));
}

/** A month picker showing "10/2026" for "2026-10". */
export function MonthSelect(props: { label: string; value: string; onChange: (period: string) => void; months?: string[]; testId?: string; w?: number }): ReactNode {
  const months = props.months ?? recentMonths();
  return (
    <Select
      label={props.label}
      value={props.value}
      onChange={(value) => value && props.onChange(value)}
      data={months.map((m) => ({ value: m, label: formatPeriod(m) }))}
      allowDeselect={false}
      checkIconPosition="right"
      w={props.w ?? 130}
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
      data-testid={props.testId}
    />
  );
}
