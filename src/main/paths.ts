import { homedir } from 'node:os';
import { join } from 'node:path';

/** Electron's per-OS application-data directory (app.getPath('appData')), without Electron. */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
}

/** The one default database the desktop app and the CLI share (DESIGN.md §2). */
export function defaultDbUrl(env: NodeJS.ProcessEnv = process.env): string {
  return `sqlite:${join(appDataDir(env), 'ness-data', 'ness-data.sqlite')}`;
}
