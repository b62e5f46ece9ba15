import { Group, SegmentedControl, TextInput } from '@mantine/core';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayFromBr, dayToBr } from '../../../shared/period';
import { todayDay } from '../format';

export interface DayRange {
  from: string;
  to: string;
}

function addDays(day: string, n: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

export function lastDays(n: number): DayRange {
  const to = todayDay();
  return { from: addDays(to, -(n - 1)), to };
}

/** A day range typed as dd/mm/aaaa, with 7/30/90-day shortcuts; invalid text is flagged inline. */
export function DayRangeInput({ value, onChange }: { value: DayRange; onChange: (range: DayRange) => void }): ReactNode {
  const { t } = useTranslation();
  const [fromText, setFromText] = useState(dayToBr(value.from));
  const [toText, setToText] = useState(dayToBr(value.to));
  useEffect(() => {
    setFromText(dayToBr(value.from));
    setToText(dayToBr(value.to));
  }, [value.from, value.to]);
  const from = dayFromBr(fromText);
  const to = dayFromBr(toText);
  const orderError = from && to && from > to ? t('dates.order') : undefined;

  function commit(nextFrom: string | null, nextTo: string | null): void {
    if (nextFrom && nextTo && nextFrom <= nextTo) onChange({ from: nextFrom, to: nextTo });
  }

  const preset = [7, 30, 90].find((n) => {
    const r = lastDays(n);
    return r.from === value.from && r.to === value.to;
  });

  return (
    <Group align="flex-end" gap="sm">
      <TextInput
        label={t('dates.from')}
        value={fromText}
        onChange={(e) => {
          setFromText(e.currentTarget.value);
          commit(dayFromBr(e.currentTarget.value), to);
        }}
        error={from ? orderError : t('dates.invalid')}
        placeholder={t('dates.format')}
        w={130}
        data-testid="range-from"
      />
      <TextInput
        label={t('dates.to')}
        value={toText}
        onChange={(e) => {
          setToText(e.currentTarget.value);
          commit(from, dayFromBr(e.currentTarget.value));
        }}
        error={to ? undefined : t('dates.invalid')}
        placeholder={t('dates.format')}
        w={130}
        data-testid="range-to"
      />
      <SegmentedControl
        aria-label={t('dates.presets')}
        value={preset ? String(preset) : ''}
        onChange={(v) => onChange(lastDays(Number(v)))}
        data={[7, 30, 90].map((n) => ({ value: String(n), label: t('dates.lastDays', { n }) }))}
      />
    </Group>
  );
}
