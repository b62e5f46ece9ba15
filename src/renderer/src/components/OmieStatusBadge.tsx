import { Badge, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { omieStatusQuery } from '../queries/app';

/** "Omie: online ●" in the header: configured, reachable, blocked or unknown. */
export function OmieStatusBadge(): ReactNode {
  const { t } = useTranslation();
  const { data, error } = useQuery(omieStatusQuery());
  let label: string;
  let color: string;
  if (error) {
    label = t('omie.unknown');
    color = 'gray';
  } else if (!data) {
    label = t('omie.unknown');
    color = 'gray';
  } else if (!data.configured) {
    label = t('omie.notConfigured');
    color = 'yellow';
  } else if (data.blockedUntil && new Date(data.blockedUntil).getTime() > Date.now()) {
    label = t('omie.blocked', { until: formatDateTime(data.blockedUntil) });
    color = 'red';
  } else if (data.reachable === false) {
    label = t('omie.offline');
    color = 'red';
  } else if (data.reachable === true) {
    label = t('omie.online');
    color = 'green';
  } else {
    label = t('omie.unknown');
    color = 'gray';
  }
  const tip = data?.lastContactAt ? t('omie.lastContact', { when: formatDateTime(data.lastContactAt) }) : (data?.baseUrl ?? label);
  return (
    <Tooltip label={tip}>
      <Badge
        color={color}
        variant="dot"
        size="lg"
        tabIndex={0}
        data-testid="omie-status"
        styles={{ root: { textTransform: 'none', fontWeight: 600 } }}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}
