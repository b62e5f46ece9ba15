import { type ComponentType, lazy, type ReactNode } from 'react';
import { HashRouter, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import type { PageChunk } from './page-chunk';
import { HOME_PAGE, ROUTES } from './routes';

/** A route's page: suspends until its chunk is in, unless it already is (the first screen's). */
function lazyPage(chunk: PageChunk): ComponentType {
  const Suspending = lazy(() => chunk.load().then((page) => ({ default: page })));
  return function Page(): ReactNode {
    const Loaded = chunk.page ?? Suspending;
    return <Loaded />;
  };
}

const HomePage = lazyPage(HOME_PAGE);
const PAGES = ROUTES.map(({ path, chunk }) => ({ path, Page: lazyPage(chunk) }));

/** Hash routing: the same URLs work under file:// (Electron) and http:// (serve). */
export function App(): ReactNode {
  return (
    <HashRouter>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<HomePage />} />
          {PAGES.map(({ path, Page }) => (
            <Route key={path} path={path} element={<Page />} />
          ))}
          <Route path="*" element={<HomePage />} />
        </Route>
      </Routes>
    </HashRouter>
  );
}
