import { Badge, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReconciliationStatus, SyncRun } from '../../../shared/contract';
import { formatDateTime } from '../format';

/** A sync run's outcome as words on a colour: sucesso, erro, cancelado, interrompido, em andamento. */
export function SyncStatusBadge({ run }: { run: Pick<SyncRun, 'status' | 'errorCode'> }): ReactNode {
  const { t } = useTranslation();
  if (run.status === 'error' && run.errorCode === 'cancelled') return <Badge color="gray" data-status="cancelled">{t('status.cancelled')}</Badge>;
  if (run.status === 'error' && run.errorCode === 'interrupted') return <Badge color="orange" data-status="interrupted">{t('status.interrupted')}</Badge>;
  const color = run.status === 'success' ? 'green' : run.status === 'error' ? 'red' : 'blue';
  return (
    <Badge color={color} data-status={run.status}>
      {t(`status.${run.status}`)}
    </Badge>
  );
}

const DAY = 86_400_000;

/** How fresh the mirror is: atualizado (< 1 day), desatualizado (< 7 days), muito antigo, nunca. */
export function FreshnessBadge({ lastSuccessAt, now }: { lastSuccessAt: string | null; now: number }): ReactNode {
  const { t } = useTranslation();
  if (!lastSuccessAt) return <Badge color="gray">{t('freshness.never')}</Badge>;
  const age = now - new Date(lastSuccessAt).getTime();
  const [key, color] = age < DAY ? (['fresh', 'green'] as const) : age < 7 * DAY ? (['stale', 'yellow'] as const) : (['old', 'red'] as const);
  return (
    <Tooltip label={t('freshness.tooltip', { when: formatDateTime(lastSuccessAt) })}>
      <Badge color={color} data-testid="freshness-badge" tabIndex={0}>
        {t(`freshness.${key}`)}
      </Badge>
    </Tooltip>
  );
}

const RECON_COLORS: Record<ReconciliationStatus, string> = {
  ok: 'green',
  under: 'orange',
  over: 'indigo',
  not_invoiced: 'red',
  no_contract: 'grape',
  unlinked: 'gray',
};

export function ReconStatusBadge({ status }: { status: ReconciliationStatus }): ReactNode {
  const { t } = useTranslation();
  return (
    <Badge color={RECON_COLORS[status]} data-status={status}>
      {t(`reconStatus.${status}`)}
    </Badge>
  );
}

export function SourceBadge({ source }: { source: 'snapshot' | 'live' | 'missing' }): ReactNode {
  const { t } = useTranslation();
  const color = source === 'snapshot' ? 'teal' : source === 'live' ? 'blue' : 'red';
  return (
    <Badge color={color} variant="outline" data-source={source}>
      {t(`source.${source}`)}
    </Badge>
  );
}

export function MonthStateBadge({ closed }: { closed: boolean }): ReactNode {
  const { t } = useTranslation();
  return (
    <Badge color={closed ? 'dark' : 'gray'} variant={closed ? 'filled' : 'light'}>
      {t(closed ? 'faturamento.closed' : 'faturamento.open')}
    </Badge>
  );
}
