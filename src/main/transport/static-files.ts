import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>ness.DATA</title>
<p>The console's pages are not built yet. Run <code>npm run build</code>, then start <code>ness-data serve</code> again.</p>`;

/**
 * Serves the built renderer (out/renderer): files by path with their MIME type, and index.html
 * for any other path without an extension (the app routes on the client). Never outside root.
 */
export function serveStatic(root: string, pathname: string, response: ServerResponse, headers: Record<string, string>): void {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '/';
  }
  const candidate = normalize(join(base, decoded));
  const inside = candidate === base || candidate.startsWith(base + sep);
  let file = inside && existsSync(candidate) && statSync(candidate).isFile() ? candidate : null;
  if (!file && inside && extname(decoded) === '') file = join(base, 'index.html');
  if (!file || !existsSync(file)) {
    if (!existsSync(join(base, 'index.html'))) {
      response.writeHead(503, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      response.end(NOT_BUILT);
      return;
    }
    response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    response.end('Not found');
    return;
  }
  const hashed = file.startsWith(join(base, 'assets') + sep);
  response.writeHead(200, {
    ...headers,
    'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-store',
  });
  createReadStream(file).pipe(response);
}
