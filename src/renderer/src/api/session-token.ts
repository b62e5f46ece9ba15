const KEY = 'ness-data-token';

/**
 * The session token of `ness-data serve`: read once from the page URL (`?token=`), kept in
 * sessionStorage so reloads and in-app navigation keep working, and removed from the address bar.
 */
export function sessionToken(location: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(KEY);
}
