import { resolve } from 'node:path';

export interface DatabaseDescription {
  kind: 'sqlite' | 'postgres';
  /** A file path, or postgres://user@host:port/db[?schema=…] — never a password or other query options. */
  location: string;
}

/** Describes a database URL for the UI and logs without leaking its password. */
export function describeDatabase(url: string): DatabaseDescription {
  if (url === 'sqlite::memory:') return { kind: 'sqlite', location: ':memory:' };
  if (url.startsWith('sqlite:')) return { kind: 'sqlite', location: resolve(url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '')) };
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    const schema = parsed.searchParams.get('schema');
    return { kind: 'postgres', location: `postgres://${user}${parsed.host}${parsed.pathname}${schema ? `?schema=${schema}` : ''}` };
  } catch {
    return { kind: 'postgres', location: 'postgres://(invalid URL)' };
  }
}
