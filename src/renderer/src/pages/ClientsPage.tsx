import { Badge, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { type GridColumn, VirtualGrid } from '../components/VirtualGrid';
import { formatDateTime, formatDocument, formatInt } from '../format';
import { CLIENTS_WINDOW_ROWS, clientsPageQuery } from '../queries/clients';
import { useWindowedRows } from '../queries/use-windowed-rows';

type Client = CallOutput<'clients:list'>['rows'][number];
type OmieFilter = 'all' | 'with' | 'without';

/** Clientes: the clients table, searchable, filtered by Omie code, windowed and virtualized. */
export function ClientsPage(): ReactNode {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [filter, setFilter] = useState<OmieFilter>('all');
  const withOmie = filter === 'all' ? null : filter === 'with';

  const rows = useWindowedRows(CLIENTS_WINDOW_ROWS, (offset, limit) =>
    clientsPageQuery({ search: debounced || undefined, withOmie, offset, limit }),
  );

  const columns = useMemo(
    (): GridColumn<Client>[] => [
      { id: 'name', header: t('clients.name'), width: 'minmax(220px, 2.2fr)', cell: (client) => <span title={client.name}>{client.name}</span> },
      { id: 'document', header: t('clients.document'), width: '160px', cell: (client) => formatDocument(client.document) },
      { id: 'email', header: t('clients.email'), width: 'minmax(160px, 1.4fr)', cell: (client) => client.contactEmail ?? '—' },
      { id: 'omie', header: t('clients.omieCodigo'), width: '120px', align: 'right', cell: (client) => client.omieCodigo ?? '—' },
      { id: 'situation', header: t('clients.situation'), width: '150px', cell: (client) => <Situation client={client} /> },
      { id: 'updated', header: t('clients.updatedAt'), width: '140px', align: 'right', cell: (client) => formatDateTime(client.updatedAt ?? client.createdAt) },
    ],
    [t],
  );

  return (
    <Stack gap="md">
      <PageHeader title={t('clients.title')} subtitle={t('clients.subtitle')} />
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <TextInput
            aria-label={t('app.search')}
            placeholder={t('clients.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={340}
            data-testid="clients-search"
          />
          <SegmentedControl
            aria-label={t('clients.filter')}
            value={filter}
            onChange={(value) => setFilter(value as OmieFilter)}
            data={[
              { value: 'all', label: t('clients.filterAll') },
              { value: 'with', label: t('clients.filterWith') },
              { value: 'without', label: t('clients.filterWithout') },
            ]}
            data-testid="clients-filter"
          />
        </Group>
        <Text size="sm" c="dimmed" data-testid="clients-count">
          {rows.isPending ? t('app.loading') : t('clients.count', { n: formatInt(rows.total) })}
        </Text>
      </Group>
      {rows.error ? <ErrorAlert error={rows.error} onRetry={rows.refetch} /> : null}
      <VirtualGrid
        key={`${debounced}|${filter}`}
        columns={columns}
        total={rows.total}
        rowAt={rows.rowAt}
        onRangeChange={rows.onRangeChange}
        rowKey={(client) => client.id}
        heightOffset={220}
        testId="clients-table"
        rowTestId="clients-row"
        label={t('clients.title')}
        empty={rows.isPending ? t('app.loading') : t('clients.empty')}
        loadingLabel={t('app.loadingRows')}
      />
    </Stack>
  );
}

function Situation({ client }: { client: Client }): ReactNode {
  const { t } = useTranslation();
  if (!client.omieCodigo) return <Badge color="gray">{t('clients.manual')}</Badge>;
  if (client.missingSince) return <Badge color="orange">{t('clients.missing')}</Badge>;
  if (client.omieInativo) return <Badge color="yellow">{t('clients.inactive')}</Badge>;
  return <Badge color="green">{t('clients.active')}</Badge>;
}
