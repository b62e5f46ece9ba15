/**
 * The console's pages must be built (out/renderer) before `ness-data serve` can show them: builds
 * with `npm run build` when out/renderer is missing or older than a source it is built from (the
 * renderer's and shared sources, the build config and its plugin).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './child';

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Returns what was done: 'fresh' (already built and newer than its sources) or 'built'. */
export function ensureRendererBuilt(log: (line: string) => void): 'fresh' | 'built' {
  const index = join(ROOT, 'out', 'renderer', 'index.html');
  const config = ['electron.vite.config.ts', join('scripts', 'shell-preload.ts')].map((file) => statSync(join(ROOT, file)).mtimeMs);
  const sources = Math.max(newestMtime(join(ROOT, 'src', 'renderer')), newestMtime(join(ROOT, 'src', 'shared')), ...config);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return 'fresh';
  log('ui: out/renderer is missing or older than its sources: npm run build');
  const res = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`npm run build failed (${res.status}): ${(res.stderr || res.stdout).slice(-2000)}`);
  return 'built';
}
