import { Alert, Button, Checkbox, Group, Paper, Progress, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type CallOutput, type EventPayload } from '../api';
import { formatDuration, formatInt } from '../format';
import { ErrorAlert } from './ErrorAlert';
import { useNow } from './use-now';
import { useSyncEvents } from './SyncEvents';

type ActiveRun = NonNullable<CallOutput<'summary:get'>['activeRun']>;
type Finished = EventPayload<'sync:finished'>;

/** "Sincronizar ERP" with live progress (page x/N, records, ETA, Omie's wait countdown) and cancel. */
export function SyncPanel({ activeRun }: { activeRun: ActiveRun | null }): ReactNode {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { progress, lastFinished } = useSyncEvents();
  const [full, setFull] = useState(false);
  const [runId, setRunId] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Finished | null>(null);

  const start = useMutation({
    mutationFn: () => api.call('sync:start-clients', { full }),
    onSuccess: (data) => {
      setOutcome(null);
      setRunId(data.runId);
      void queryClient.invalidateQueries({ queryKey: ['summary:get'] });
      void queryClient.invalidateQueries({ queryKey: ['sync:list-runs'] });
    },
  });
  const cancel = useMutation({ mutationFn: (id: string) => api.call('sync:cancel', { runId: id }) });

  // A run started elsewhere (another tab, the scheduler) is followed too.
  const currentId = runId ?? (activeRun?.kind === 'clients' ? activeRun.runId : null);
  // The run ends when its finished event arrives (which may come before start's own answer).
  const resetCancel = cancel.reset;
  useEffect(() => {
    if (lastFinished && currentId !== null && lastFinished.runId === currentId) {
      setOutcome(lastFinished);
      setRunId(null);
      resetCancel();
    }
  }, [lastFinished, currentId, resetCancel]);

  const finished = outcome !== null && outcome.runId === currentId;
  const running = currentId !== null && !finished && !(lastFinished?.runId === currentId);
  const latest = currentId ? (progress.get(currentId) ?? (activeRun?.runId === currentId ? activeRun.progress : null)) : null;

  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" align="center" mb="sm">
        <Title order={4}>{t('home.syncTitle')}</Title>
        <Group gap="md">
          <Tooltip label={t('home.syncFullHint')}>
            <Checkbox label={t('home.syncFull')} checked={full} onChange={(e) => setFull(e.currentTarget.checked)} disabled={running} />
          </Tooltip>
          <Button onClick={() => start.mutate()} loading={start.isPending} disabled={running} data-testid="sync-button">
            {running ? t('home.syncRunning') : t('home.syncButton')}
          </Button>
        </Group>
      </Group>
      {start.error ? <ErrorAlert error={start.error} /> : null}
      {running && currentId ? (
        <RunProgress
          progress={latest ?? null}
          cancelling={cancel.isPending || cancel.isSuccess}
          onCancel={() => cancel.mutate(currentId)}
        />
      ) : null}
      {cancel.error ? <ErrorAlert error={cancel.error} /> : null}
      {!running && outcome ? <Outcome event={outcome} /> : null}
    </Paper>
  );
}

function RunProgress({ progress, cancelling, onCancel }: { progress: EventPayload<'sync:progress'> | null; cancelling: boolean; onCancel: () => void }): ReactNode {
  const { t } = useTranslation();
  const now = useNow(500);
  const percent = !progress
    ? 0
    : progress.totalPages
      ? (progress.page / progress.totalPages) * 100
      : progress.totalRecords
        ? (progress.records / progress.totalRecords) * 100
        : 0;
  const parts: string[] = [];
  if (!progress || progress.phase === 'starting') parts.push(t('home.progressStarting'));
  if (progress && progress.page > 0) {
    parts.push(
      progress.totalPages
        ? t('home.progressPage', { page: formatInt(progress.page), total: formatInt(progress.totalPages) })
        : t('home.progressPageUnknown', { page: formatInt(progress.page) }),
    );
    parts.push(
      progress.totalRecords
        ? t('home.progressRecordsOf', { n: formatInt(progress.records), total: formatInt(progress.totalRecords) })
        : t('home.progressRecords', { n: formatInt(progress.records) }),
    );
  }
  if (progress?.etaMs !== null && progress?.etaMs !== undefined && progress.etaMs > 0) parts.push(t('home.progressEta', { eta: formatDuration(progress.etaMs) }));
  const waitSeconds = progress?.wait ? Math.ceil((progress.wait.until - now) / 1000) : 0;

  return (
    <Stack gap={6} data-testid="sync-progress" aria-live="polite">
      <Group gap="sm" wrap="nowrap">
        <Progress value={percent} animated={percent < 100} striped size="lg" style={{ flex: 1 }} aria-label={parts.join(' · ')} />
        <Button variant="light" color="red" size="xs" onClick={onCancel} loading={cancelling} data-testid="sync-cancel">
          {t('home.cancelSync')}
        </Button>
      </Group>
      <Text size="sm" className="num" ta="left" data-testid="sync-progress-text">
        {parts.join(' · ')}
      </Text>
      {progress?.wait && waitSeconds > 0 ? (
        <Text size="sm" c="orange.8" data-testid="sync-wait">
          {t('home.omieWait', { seconds: waitSeconds, reason: progress.wait.reason })}
        </Text>
      ) : null}
    </Stack>
  );
}

function Outcome({ event }: { event: Finished }): ReactNode {
  const { t } = useTranslation();
  if (event.status === 'success') {
    return (
      <Alert color="green" variant="light" data-testid="sync-outcome" data-status="success">
        {t('home.syncFinishedSuccess', { n: formatInt(event.recordCount ?? 0) })}
      </Alert>
    );
  }
  if (event.errorCode === 'cancelled') {
    return (
      <Alert color="gray" variant="light" data-testid="sync-outcome" data-status="cancelled">
        {t('home.syncCancelled')}
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" data-testid="sync-outcome" data-status="error">
      {t('home.syncFinishedError', { message: event.message ?? t(`errors.${event.errorCode ?? 'internal'}`) })}
    </Alert>
  );
}
