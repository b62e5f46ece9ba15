import { Alert, Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api';

/** An ApiError as the analyst sees it: the code's title, the server's sentence, and a retry. */
export function ErrorAlert({ error, onRetry, title }: { error: ApiError; onRetry?: () => void; title?: string }): ReactNode {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" title={title ?? t(`errors.${error.code}`)} role="alert" data-testid="error-alert" data-code={error.code}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm">{error.message}</Text>
        {onRetry ? (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        ) : null}
      </Group>
    </Alert>
  );
}
