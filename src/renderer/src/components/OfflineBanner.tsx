import { Alert } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { omieStatusQuery } from '../queries/app';

/** Says so when Omie cannot be used; everything read from the database keeps working. */
export function OfflineBanner(): ReactNode {
  const { t } = useTranslation();
  const { data } = useQuery(omieStatusQuery());
  if (!data) return null;
  let body: string | null = null;
  if (!data.configured) body = t('omie.bannerNotConfigured');
  else if (data.blockedUntil && new Date(data.blockedUntil).getTime() > Date.now()) body = t('omie.bannerBlocked', { until: formatDateTime(data.blockedUntil) });
  else if (data.reachable === false) body = t('omie.bannerBody');
  if (!body) return null;
  return (
    <Alert color={data.configured ? 'orange' : 'yellow'} variant="light" title={data.configured ? t('omie.bannerTitle') : t('omie.bannerNotConfiguredTitle')} mb="md" data-testid="offline-banner" role="status">
      {body}
    </Alert>
  );
}
