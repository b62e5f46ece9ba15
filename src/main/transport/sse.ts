import type { ServerResponse } from 'node:http';
import type { EventBus } from './event-bus';

const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events: every push event of the bus goes to every connected browser as
 *   event: <name>\ndata: <json>\n\n
 * with a comment line every 15 s so proxies and the browser keep the stream open.
 */
export class SseHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly unlisten: () => void;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(events: EventBus) {
    this.unlisten = events.listen((event, payload) => this.broadcast(event, payload));
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  attach(response: ServerResponse, headers: Record<string, string>): void {
    response.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write('retry: 2000\n: connected\n\n');
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  broadcast(event: string, payload: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  }

  get size(): number {
    return this.clients.size;
  }

  private write(chunk: string): void {
    for (const client of this.clients) client.write(chunk);
  }

  close(): void {
    this.unlisten();
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}
