import { AppShell, Group, Loader, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet } from 'react-router';
import { appInfoQuery } from '../queries/app';
import { LanguageSwitch } from './LanguageSwitch';
import { OfflineBanner } from './OfflineBanner';
import { OmieStatusBadge } from './OmieStatusBadge';

export const NAV = [
  { to: '/', key: 'home', end: true },
  { to: '/historico', key: 'history', end: false },
  { to: '/clientes', key: 'clients', end: false },
  { to: '/faturamento', key: 'faturamento', end: false },
  { to: '/conciliacao', key: 'reconciliation', end: false },
  { to: '/eventos', key: 'events', end: false },
  { to: '/indices', key: 'indices', end: false },
  { to: '/configuracoes', key: 'settings', end: false },
] as const;

/** The console frame: header (brand, Omie status, language), navigation, offline banner, page. */
export function Layout(): ReactNode {
  const { t } = useTranslation();
  const info = useQuery(appInfoQuery());
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 0 }} padding="lg">
      <a className="skip-link" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="lg" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Text fw={800} fz="xl" c="teal.8" style={{ letterSpacing: '-0.02em' }}>
              ness.<span style={{ color: 'var(--mantine-color-dark-7)' }}>DATA</span>
            </Text>
            <Text c="dimmed" size="sm" visibleFrom="sm">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <OmieStatusBadge />
            <LanguageSwitch />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('app.navigation')}>
        <AppShell.Section grow component={ScrollArea}>
          <nav aria-label={t('app.navigation')}>
            <Stack gap={2}>
              {NAV.map((item) => (
                <NavLink
                  key={item.to}
                  component={RouterNavLink}
                  to={item.to}
                  end={item.end}
                  label={t(`nav.${item.key}`)}
                  data-testid={`nav-${item.key}`}
                  styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' } }}
                />
              ))}
            </Stack>
          </nav>
        </AppShell.Section>
        {info.data ? (
          <AppShell.Section>
            <Text size="xs" c="dimmed" px="xs" lineClamp={2} title={info.data.database.location}>
              {t('app.version', { version: info.data.version })} · {t(`app.transport_${info.data.transport}`)}
            </Text>
          </AppShell.Section>
        ) : null}
      </AppShell.Navbar>
      <AppShell.Main id="main-content">
        <OfflineBanner />
        <Suspense fallback={<Loader size="sm" m="md" aria-label={t('app.loading')} />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
