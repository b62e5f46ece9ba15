#!/usr/bin/env node
// `npm start`: opens the ness.DATA desktop app.
//  1. Finds the Electron binary (installs skip it: ELECTRON_SKIP_BINARY_DOWNLOAD=1), downloading it on first
//     use where the machine can; where it still is missing, says so in one line and points to `npm run demo`.
//  2. Builds the three targets (out/main, out/preload, out/renderer) when they are missing.
//  3. Prepares a better-sqlite3 build for Electron's ABI beside the Node one the CLI and tests use
//     (.cache/electron-native/<electron version>/better_sqlite3.node, compiled once with npm's node-gyp
//     against Electron's headers) and hands its path to the app in NESS_SQLITE_NATIVE_BINDING.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Electron's own installer, run once now that the binary is wanted (quietly; a failure is reported below). */
function downloadElectron() {
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  spawnSync(process.execPath, [require.resolve('electron/install.js')], { cwd: root, env, stdio: 'ignore', timeout: 300_000 });
}

let electron = electronBinary();
if (!electron) {
  downloadElectron();
  electron = electronBinary();
}
if (!electron) {
  process.stdout.write('ness-data: the Electron binary is not installed on this machine, so the desktop app cannot open; run `npm run demo` to use the console in a browser.\n');
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return result.status === 0;
}

if (!['main/index.js', 'preload/index.cjs', 'renderer/index.html'].every((f) => existsSync(join(root, 'out', f)))) {
  if (!run(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build'])) process.exit(1);
}

function electronNativeBinding() {
  const version = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const target = join(root, '.cache', 'electron-native', version, 'better_sqlite3.node');
  if (existsSync(target)) return target;
  const nodeGyp = process.env.npm_execpath ? join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js') : null;
  if (!nodeGyp || !existsSync(nodeGyp)) {
    process.stderr.write('ness-data: node-gyp (bundled with npm) was not found; cannot build better-sqlite3 for Electron.\n');
    return null;
  }
  process.stderr.write(`ness-data: building better-sqlite3 for Electron ${version} (once)…\n`);
  const work = mkdtempSync(join(tmpdir(), 'ness-sqlite-electron-'));
  try {
    cpSync(dirname(require.resolve('better-sqlite3/package.json')), work, { recursive: true, filter: (p) => !p.includes(`${join('build', '')}`) });
    const ok = run(process.execPath, [nodeGyp, 'rebuild', '--release', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], { cwd: work });
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    if (!ok || !existsSync(built)) return null;
    mkdirSync(dirname(target), { recursive: true });
    cpSync(built, target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const binding = electronNativeBinding();
if (!binding) {
  process.stderr.write('ness-data: could not prepare better-sqlite3 for Electron; the desktop app cannot open its database. `npm run demo` serves the console in a browser.\n');
  process.exit(1);
}

const child = spawn(electron, [root], { cwd: root, stdio: 'inherit', env: { ...process.env, NESS_SQLITE_NATIVE_BINDING: binding } });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
