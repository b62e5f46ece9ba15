import { Alert, Badge, Button, Group, Loader, Paper, PasswordInput, SegmentedControl, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AmountInput, type SettingsView } from '../../../shared/contract';
import { api, type CallInput } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { formatBRL } from '../format';
import { appInfoQuery, settingsQuery } from '../queries/app';

/** Configurações: database, Omie keys (write-only, desktop only), schedule and tolerance. */
export function SettingsPage(): ReactNode {
  const { t } = useTranslation();
  const settings = useQuery(settingsQuery());
  return (
    <Stack gap="md">
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      {settings.error ? <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      {settings.isPending ? <Loader size="sm" /> : null}
      {settings.data ? (
        <SimpleGrid cols={2} spacing="md">
          <DatabaseSection view={settings.data} />
          <OmieSection view={settings.data} />
          <ToleranceSection view={settings.data} />
          <ScheduleSection view={settings.data} />
        </SimpleGrid>
      ) : null}
      <About />
    </Stack>
  );
}

function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CallInput<'settings:set'>) => api.call('settings:set', input),
    onSuccess: (view) => {
      queryClient.setQueryData(settingsQuery().queryKey, view);
      void queryClient.invalidateQueries({ queryKey: ['omie:status'] });
      void queryClient.invalidateQueries({ queryKey: ['reconciliation:get'] });
    },
  });
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }): ReactNode {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Title order={4} mb="sm">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}

type DbKind = 'sqlite' | 'postgres';

function validateDb(kind: DbKind, text: string, t: (key: 'settings.required' | 'settings.sqliteInvalid' | 'settings.postgresInvalid') => string): string | null {
  const value = text.trim();
  if (value === '') return t('settings.required');
  if (kind === 'postgres' && !/^postgres(ql)?:\/\/[^\s]+$/i.test(value)) return t('settings.postgresInvalid');
  if (kind === 'sqlite' && (/^postgres/i.test(value) || /\s$/.test(text))) return t('settings.sqliteInvalid');
  return null;
}

function DatabaseSection({ view }: { view: SettingsView }): ReactNode {
  const { t } = useTranslation();
  const [kind, setKind] = useState<DbKind>(view.database.kind);
  const [text, setText] = useState(view.database.kind === 'sqlite' ? view.database.location : '');
  const [touched, setTouched] = useState(false);
  const save = useSaveSettings();
  const test = useMutation({ mutationFn: (dbUrl: string) => api.call('settings:test-connection', { dbUrl }) });
  const error = touched ? validateDb(kind, text, t) : null;
  const dbUrl = kind === 'sqlite' ? `sqlite:${text.trim()}` : text.trim();

  function run(action: 'test' | 'save'): void {
    setTouched(true);
    if (validateDb(kind, text, t)) return;
    if (action === 'test') test.mutate(dbUrl);
    else save.mutate({ dbUrl });
  }

  return (
    <Section title={t('settings.databaseTitle')} testId="settings-database">
      <Text size="sm">
        {t('settings.databaseCurrent', { kind: view.database.kind === 'sqlite' ? t('settings.sqlite') : 'Postgres', location: view.database.location })}
      </Text>
      <SegmentedControl
        aria-label={t('settings.databaseKind')}
        value={kind}
        onChange={(value) => {
          setKind(value as DbKind);
          setText(value === view.database.kind && value === 'sqlite' ? view.database.location : '');
          setTouched(false);
          test.reset();
        }}
        data={[
          { value: 'sqlite', label: t('settings.sqlite') },
          { value: 'postgres', label: t('settings.postgres') },
        ]}
      />
      <TextInput
        label={kind === 'sqlite' ? t('settings.sqlitePath') : t('settings.postgresUrl')}
        description={kind === 'sqlite' ? t('settings.sqlitePathHint') : t('settings.postgresUrlHint')}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          test.reset();
        }}
        onBlur={() => setTouched(true)}
        error={error}
        spellCheck={false}
        autoComplete="off"
        data-testid="settings-db-url"
      />
      <Group gap="sm">
        <Button variant="default" onClick={() => run('test')} loading={test.isPending} data-testid="settings-test-connection">
          {test.isPending ? t('settings.testing') : t('settings.testConnection')}
        </Button>
        {view.database.editable ? (
          <Button onClick={() => run('save')} loading={save.isPending} data-testid="settings-db-save">
            {t('app.save')}
          </Button>
        ) : null}
      </Group>
      {test.data ? (
        test.data.reachable && test.data.database ? (
          <Alert color="green" data-testid="settings-connection-result" data-reachable="true">
            {t('settings.reachable', { kind: test.data.database.kind, location: test.data.database.location })}
          </Alert>
        ) : (
          <Alert color="red" data-testid="settings-connection-result" data-reachable="false">
            {t('settings.unreachable', { message: test.data.error?.message ?? t('errors.db_unreachable') })}
          </Alert>
        )
      ) : null}
      {test.error ? <ErrorAlert error={test.error} /> : null}
      {save.error ? <ErrorAlert error={save.error} /> : null}
      {view.restartRequired ? <Alert color="yellow">{t('settings.restartRequired')}</Alert> : null}
      {!view.database.editable ? (
        <Text size="xs" c="dimmed">
          {t('settings.databaseReadOnly')}
        </Text>
      ) : null}
    </Section>
  );
}

function OmieSection({ view }: { view: SettingsView }): ReactNode {
  const { t } = useTranslation();
  const [appKey, setAppKey] = useState('');
  const [appSecret, setAppSecret] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const save = useSaveSettings();
  const missingKey = submitted && appKey.trim() === '' ? t('settings.keysBothRequired') : null;
  const missingSecret = submitted && appSecret.trim() === '' ? t('settings.keysBothRequired') : null;
  const sourceText =
    view.omie.source === 'keychain' ? t('settings.omieSourceKeychain') : view.omie.source === 'env' ? t('settings.omieSourceEnv') : t('settings.omieSourceNone');

  return (
    <Section title={t('settings.omieTitle')} testId="settings-omie">
      <Group gap="xs">
        <Badge color={view.omie.configured ? 'green' : 'yellow'} data-testid="settings-omie-configured" data-configured={view.omie.configured}>
          {view.omie.configured ? t('settings.omieConfigured') : t('settings.omieNotConfigured')}
        </Badge>
        <Text size="sm" c="dimmed">
          {sourceText}
        </Text>
      </Group>
      {view.omie.editable ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setSubmitted(true);
            if (appKey.trim() === '' || appSecret.trim() === '') return;
            save.mutate(
              { omieAppKey: appKey.trim(), omieAppSecret: appSecret.trim() },
              {
                onSuccess: () => {
                  setAppKey('');
                  setAppSecret('');
                  setSubmitted(false);
                },
              },
            );
          }}
        >
          <Stack gap="sm">
            <PasswordInput label={t('settings.appKey')} placeholder={t('settings.appKeyPlaceholder')} value={appKey} onChange={(e) => setAppKey(e.currentTarget.value)} error={missingKey} autoComplete="off" />
            <PasswordInput label={t('settings.appSecret')} placeholder={t('settings.appKeyPlaceholder')} value={appSecret} onChange={(e) => setAppSecret(e.currentTarget.value)} error={missingSecret} autoComplete="off" />
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('settings.saveKeys')}
              </Button>
            </Group>
            {save.error ? <ErrorAlert error={save.error} /> : null}
            {save.isSuccess ? (
              <Text size="sm" c="teal.8" role="status">
                {t('settings.keysSaved')}
              </Text>
            ) : null}
          </Stack>
        </form>
      ) : (
        <Text size="sm" c="dimmed" data-testid="settings-omie-serve-hint">
          {t('settings.omieServeHint')}
        </Text>
      )}
    </Section>
  );
}

function ToleranceSection({ view }: { view: SettingsView }): ReactNode {
  const { t } = useTranslation();
  const [text, setText] = useState(view.tolerance.replace('.', ','));
  const [error, setError] = useState<string | null>(null);
  const save = useSaveSettings();
  useEffect(() => setText(view.tolerance.replace('.', ',')), [view.tolerance]);

  return (
    <Section title={t('settings.toleranceTitle')} testId="settings-tolerance">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = AmountInput.safeParse(text);
          if (!parsed.success) {
            setError(text.trim() === '' ? t('settings.required') : t('settings.toleranceInvalid'));
            return;
          }
          setError(null);
          save.mutate({ tolerance: parsed.data });
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('settings.tolerance')}
            description={t('settings.toleranceHint')}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setError(null);
              save.reset();
            }}
            error={error}
            inputMode="decimal"
            w={260}
            data-testid="settings-tolerance-input"
          />
          <Group>
            <Button type="submit" loading={save.isPending} data-testid="settings-tolerance-save">
              {t('app.save')}
            </Button>
            <Text size="sm" c="dimmed">
              {t('settings.toleranceCurrent', { value: formatBRL(view.tolerance) })}
            </Text>
          </Group>
          {save.error ? <ErrorAlert error={save.error} /> : null}
          {save.isSuccess ? (
            <Text size="sm" c="teal.8" role="status" data-testid="settings-saved">
              {t('settings.saved')}
            </Text>
          ) : null}
        </Stack>
      </form>
    </Section>
  );
}

function ScheduleSection({ view }: { view: SettingsView }): ReactNode {
  const { t } = useTranslation();
  const save = useSaveSettings();
  return (
    <Section title={t('settings.scheduleTitle')} testId="settings-schedule">
      <Switch
        label={t('settings.scheduleEnabled')}
        description={t('settings.scheduleHint')}
        checked={view.scheduleEnabled}
        onChange={(e) => save.mutate({ scheduleEnabled: e.currentTarget.checked })}
        disabled={save.isPending}
      />
      <Switch
        label={t('settings.includeSuppliers')}
        checked={view.includeSuppliers}
        onChange={(e) => save.mutate({ includeSuppliers: e.currentTarget.checked })}
        disabled={save.isPending}
      />
      {save.error ? <ErrorAlert error={save.error} /> : null}
    </Section>
  );
}

function About(): ReactNode {
  const { t } = useTranslation();
  const info = useQuery(appInfoQuery());
  if (!info.data) return null;
  return (
    <Text size="xs" c="dimmed">
      {t('settings.about')}: ness.DATA {t('app.version', { version: info.data.version })} · {t(`app.transport_${info.data.transport}`)} · {info.data.platform} ·{' '}
      {t('app.database', { location: info.data.database.location })}
    </Text>
  );
}
