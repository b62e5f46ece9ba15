/**
 * The HTTP transport of `ness-data serve`: the contract over POST /api/<channel> (JSON body,
 * `Authorization: Bearer <token>`), push events over SSE on GET /api/events?token=, file
 * exports as downloads, and the built renderer for every other GET. Bound to 127.0.0.1 by
 * default, with a fresh random token per start; no CORS headers at all, so other origins'
 * pages cannot read anything; Host and Origin are checked against DNS rebinding.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isCallChannel, isDownloadChannel, type Result } from '../../shared/contract';
import type { ErrorCode, ErrorShape } from '../../shared/errors';
import type { AppRuntime } from './app-runtime';
import { SECURITY_HEADERS } from './csp';
import { dispatch, type FileDelivery } from './dispatch';
import { SseHub } from './sse';
import { serveStatic } from './static-files';

export interface HttpServerOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Request bodies larger than this are refused (default 8 MB: a 5 MB CSV as JSON text). */
  maxBodyBytes?: number;
  /** For tests only; a fresh random token otherwise. */
  token?: string;
}

export interface RunningHttpServer {
  url: string;
  /** The URL to open: url + ?token=. */
  openUrl: string;
  token: string;
  host: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  bad_input: 400,
  db_config: 400,
  unauthorized: 401,
  not_found: 404,
  already_running: 409,
  month_closed: 409,
  omie_not_configured: 409,
  cancelled: 409,
  internal: 500,
};

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly shape: ErrorShape,
  ) {
    super(shape.message);
  }
}

export async function startHttpServer(app: AppRuntime, options: HttpServerOptions): Promise<RunningHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const sse = new SseHub(app.events);
  let port = options.port ?? 0;

  const tokenMatches = (candidate: string | null | undefined): boolean => {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const failure = error instanceof HttpFailure ? error : new HttpFailure(500, { code: 'internal', message: 'Unexpected server error.' });
      if (!response.headersSent) sendJson(response, failure.status, { ok: false, error: failure.shape });
      else response.end();
    });
  });
  // Slow or idle clients cannot hold the server; SSE streams are exempt (requestTimeout applies to the request only).
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    checkHost(request, host, port);
    if (url.pathname === '/api/events') {
      if (request.method !== 'GET') throw new HttpFailure(405, { code: 'bad_input', message: 'Use GET for /api/events.' });
      if (!tokenMatches(url.searchParams.get('token'))) throw unauthorized();
      sse.attach(response, SECURITY_HEADERS);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') throw new HttpFailure(405, { code: 'bad_input', message: 'API calls are POST /api/<channel>.' });
      checkOrigin(request, host, port);
      if (!tokenMatches(bearer(request))) throw unauthorized();
      const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      if (!isCallChannel(channel)) throw new HttpFailure(404, { code: 'not_found', message: `Unknown call "${channel.slice(0, 60)}".` });
      const input = parseJson(await readBody(request, maxBodyBytes));
      let file: FileDelivery | null = null;
      const result = await dispatch(channel, input, {
        app,
        deliverFile: async (delivered) => {
          file = delivered;
          return null;
        },
      });
      if (result.ok && isDownloadChannel(channel) && file) return sendFile(response, file);
      sendJson(response, result.ok ? 200 : (STATUS_OF[result.error.code] ?? 503), result);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpFailure(405, { code: 'bad_input', message: 'Method not allowed.' });
    serveStatic(options.rendererDir, url.pathname, response, SECURITY_HEADERS);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: origin,
    openUrl: `${origin}/?token=${token}`,
    token,
    host,
    port,
    server,
    close: async () => {
      sse.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function unauthorized(): HttpFailure {
  return new HttpFailure(401, { code: 'unauthorized', message: 'Missing or wrong session token; open the URL ness-data serve printed.' });
}

function bearer(request: IncomingMessage): string | null {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Bound to loopback: only loopback Host names are served (a rebound DNS name is refused). */
function checkHost(request: IncomingMessage, boundHost: string, port: number): void {
  if (!LOOPBACK_NAMES.has(boundHost)) return;
  const hostHeader = request.headers.host ?? '';
  const name = hostHeader.replace(/:\d+$/, '');
  const hostPort = /:(\d+)$/.exec(hostHeader)?.[1];
  if (!LOOPBACK_NAMES.has(name) || (hostPort !== undefined && Number(hostPort) !== port)) {
    throw new HttpFailure(403, { code: 'unauthorized', message: 'This server only answers on its loopback address.' });
  }
}

/** A browser call from another origin (its page cannot read the answer anyway) is refused before it acts. */
function checkOrigin(request: IncomingMessage, boundHost: string, port: number): void {
  const origin = request.headers.origin;
  if (!origin) return;
  try {
    const parsed = new URL(origin);
    const sameHost = LOOPBACK_NAMES.has(boundHost) ? LOOPBACK_NAMES.has(parsed.hostname) || parsed.hostname === '[::1]' : parsed.hostname === boundHost;
    if (sameHost && Number(parsed.port || 80) === port) return;
  } catch {
    // fall through
  }
  throw new HttpFailure(403, { code: 'unauthorized', message: 'Calls from other origins are refused.' });
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? '0');
    if (declared > limit) {
      request.resume();
      reject(new HttpFailure(413, { code: 'bad_input', message: `The request body is larger than ${limit} bytes.` }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(new HttpFailure(413, { code: 'bad_input', message: `The request body is larger than ${limit} bytes.` }));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpFailure(400, { code: 'bad_input', message: 'The request body is not valid JSON.' });
  }
}

function sendJson(response: ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}

function sendFile(response: ServerResponse, file: FileDelivery): void {
  const ascii = file.filename.replace(/[^\w.-]+/g, '_');
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    'x-row-count': String(file.rows),
    'cache-control': 'no-store',
  });
  response.end(file.body);
}
