import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';
import { runControlOp } from './control';
import { SERVICES, type SimEngine } from './engine';
import { omieJson } from './json';
import type { OmieSimControl } from './types';

const MAX_BODY = 10 * 1024 * 1024;

export interface Listening {
  port: number;
  close(): Promise<void>;
}

/** The node:http server: routing, the trailing-slash redirect, the control surface, and writing replies. */
export async function listen(engine: SimEngine, control: OmieSimControl, host: string, port: number, controlSurface: boolean): Promise<Listening> {
  const hanging = new Set<ServerResponse>();
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'application/json', omieJson({ faultcode: 'SOAP-ENV:Server', faultstring: `ERROR: ${error instanceof Error ? error.message : String(error)}` }));
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    if (controlSurface && path.startsWith('/__sim/')) return handleControl(req, res, path.slice('/__sim/'.length));
    if (!SERVICES[path] && SERVICES[`${path}/`]) {
      res.writeHead(301, { Location: `${path}/`, 'Content-Type': 'text/html' });
      res.end(`<html><head><title>301 Moved Permanently</title></head><body><h1>Moved Permanently</h1><a href="${path}/">${path}/</a></body></html>`);
      return;
    }
    if (SERVICES[path] && req.method !== 'POST') {
      await readBody(req);
      send(res, 405, 'application/json', omieJson({ faultcode: 'SOAP-ENV:Client', faultstring: `ERROR: Método HTTP [${req.method}] não suportado. Utilize POST.` }), { Allow: 'POST' });
      return;
    }
    const body = await readBody(req);
    if (body === null) {
      send(res, 413, 'application/json', omieJson({ faultcode: 'SOAP-ENV:Client', faultstring: 'ERROR: Requisição muito grande!' }));
      return;
    }
    const reply = await engine.process(path, body);
    if (reply.type === 'reset') {
      req.socket.destroy();
      return;
    }
    if (reply.type === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    send(res, reply.status, reply.contentType, reply.body, reply.headers);
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, op: string): Promise<void> {
    const text = await readBody(req);
    try {
      const parsed: unknown = text ? JSON.parse(text) : {};
      const body = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
      const result = runControlOp(engine, control, op, body);
      send(res, 200, 'application/json', JSON.stringify(result === undefined ? { ok: true } : result));
    } catch (error) {
      send(res, 400, 'application/json', JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;

  return {
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        hanging.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** The request body as text, or null when it is larger than 10 MB. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
