import { Alert, Badge, Button, Checkbox, Divider, Drawer, Group, Loader, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReconciliationRow } from '../../../shared/contract';
import { api } from '../api';
import { formatBRL, formatDay, formatDocument, formatPercent, formatPeriod } from '../format';
import { omieStatusQuery } from '../queries/app';
import { titlesQuery } from '../queries/reconciliation';
import { ReconStatusBadge } from './badges';
import { ErrorAlert } from './ErrorAlert';

const OFFLINE_CODES = new Set(['offline', 'omie_unavailable', 'omie_blocked', 'omie_not_configured']);

/** One reconciliation row in depth: its numbers, the Omie titles behind them (live) and the analyst's note. */
export function ReconciliationDrawer({ period, row, onClose }: { period: string; row: ReconciliationRow | null; onClose: () => void }): ReactNode {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={row !== null}
      onClose={onClose}
      position="right"
      size={620}
      title={row ? <Title order={4}>{t('reconciliation.drawerTitle', { client: row.clientName, period: formatPeriod(period) })}</Title> : null}
      closeButtonProps={{ 'aria-label': t('app.close') }}
      data-testid="reconciliation-drawer"
    >
      {row ? <DrawerBody key={`${period}|${row.subject}`} period={period} row={row} /> : null}
    </Drawer>
  );
}

function DrawerBody({ period, row }: { period: string; row: ReconciliationRow }): ReactNode {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Group gap="xs">
        <ReconStatusBadge status={row.status} />
        <Text size="sm" c="dimmed">
          {formatDocument(row.document)} · {t('reconciliation.omieCodigo')}: {row.omieCodigo ?? '—'}
        </Text>
      </Group>
      <SimpleGrid cols={4} spacing="xs">
        <Figure label={t('reconciliation.mrr')} value={formatBRL(row.mrr)} />
        <Figure label={t('reconciliation.faturado')} value={formatBRL(row.faturado)} />
        <Figure label={t('reconciliation.diferenca')} value={formatBRL(row.diferenca)} />
        <Figure label={t('reconciliation.percent')} value={formatPercent(row.percent)} />
      </SimpleGrid>
      <Divider />
      <NoteEditor period={period} row={row} />
      <Divider />
      <Titles period={period} omieCodigo={row.omieCodigo} />
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }): ReactNode {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fw={600} className="num" ta="left">
        {value}
      </Text>
    </div>
  );
}

function NoteEditor({ period, row }: { period: string; row: ReconciliationRow }): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [note, setNote] = useState(row.note ?? '');
  const [explained, setExplained] = useState(row.explained);
  useEffect(() => {
    setNote(row.note ?? '');
    setExplained(row.explained);
  }, [row.note, row.explained]);
  const save = useMutation({
    mutationFn: () => api.call('reconciliation:set-note', { period, subject: row.subject, note, explained }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['reconciliation:get'] }),
  });
  return (
    <Stack gap="xs">
      <Title order={5}>{t('reconciliation.noteTitle')}</Title>
      <Textarea
        aria-label={t('reconciliation.noteTitle')}
        placeholder={t('reconciliation.notePlaceholder')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={3}
        maxRows={8}
        maxLength={2000}
        data-testid="note-text"
      />
      <Group justify="space-between">
        <Checkbox label={t('reconciliation.noteExplained')} checked={explained} onChange={(e) => setExplained(e.currentTarget.checked)} data-testid="note-explained" />
        <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="note-save">
          {t('reconciliation.noteSave')}
        </Button>
      </Group>
      {save.error ? <ErrorAlert error={save.error} /> : null}
      {save.isSuccess ? (
        <Text size="sm" c="teal.8" role="status">
          {t('reconciliation.noteSaved')}
        </Text>
      ) : null}
    </Stack>
  );
}

function Titles({ period, omieCodigo }: { period: string; omieCodigo: string | null }): ReactNode {
  const { t } = useTranslation();
  // Known offline: say so at once instead of waiting for Omie's retries; the analyst may still try.
  const omie = useQuery(omieStatusQuery());
  const [tryAnyway, setTryAnyway] = useState(false);
  const knownOffline = omie.data?.reachable === false && !tryAnyway;
  const titles = useQuery({ ...titlesQuery({ period, omieCodigo: omieCodigo ?? '-' }), enabled: omieCodigo !== null && !knownOffline });
  let body: ReactNode;
  if (omieCodigo === null) body = <Text c="dimmed">{t('reconciliation.titlesNoCodigo')}</Text>;
  else if (knownOffline)
    body = (
      <Alert color="orange" data-testid="titles-offline">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">{t('reconciliation.titlesOffline')}</Text>
          <Button size="xs" variant="white" color="orange" onClick={() => setTryAnyway(true)}>
            {t('app.retry')}
          </Button>
        </Group>
      </Alert>
    );
  else if (titles.isPending) body = <Loader size="sm" />;
  else if (titles.error && OFFLINE_CODES.has(titles.error.code)) body = <Alert color="orange" data-testid="titles-offline">{t('reconciliation.titlesOffline')}</Alert>;
  else if (titles.error) body = <ErrorAlert error={titles.error} onRetry={() => void titles.refetch()} />;
  else if (titles.data && !titles.data.online) body = <Alert color="orange" data-testid="titles-offline">{t('reconciliation.titlesOffline')}</Alert>;
  else if (titles.data && titles.data.titles.length === 0) body = <Text c="dimmed">{t('reconciliation.titlesEmpty')}</Text>;
  else if (titles.data)
    body = (
      <>
        <Table striped withTableBorder data-testid="titles-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reconciliation.titleNumber')}</Table.Th>
              <Table.Th>{t('reconciliation.titleIssued')}</Table.Th>
              <Table.Th>{t('reconciliation.titleDue')}</Table.Th>
              <Table.Th className="num">{t('reconciliation.titleValue')}</Table.Th>
              <Table.Th>{t('reconciliation.titleStatus')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {titles.data.titles.map((title) => (
              <Table.Tr key={title.codigoLancamento} style={title.counted ? undefined : { textDecoration: 'line-through', color: 'var(--mantine-color-dimmed)' }}>
                <Table.Td>{title.numeroDocumento ?? title.codigoLancamento}</Table.Td>
                <Table.Td>{formatDay(title.dataEmissao)}</Table.Td>
                <Table.Td>{formatDay(title.dataVencimento)}</Table.Td>
                <Table.Td className="num">{formatBRL(title.valor)}</Table.Td>
                <Table.Td>
                  {title.counted ? (
                    (title.status ?? '—')
                  ) : (
                    <Badge color="gray" size="sm">
                      {t('reconciliation.titleNotCounted')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm" fw={600} ta="right">
          {t('reconciliation.titlesTotal', { value: formatBRL(titles.data.total) })}
        </Text>
      </>
    );
  return (
    <Stack gap="xs">
      <Title order={5}>{t('reconciliation.titlesTitle')}</Title>
      {body}
    </Stack>
  );
}
