// A real loopback HTTP server for the HTTP-core tests: undici talks to it over TCP, so resets,
// truncated bodies and slow responses are the real thing rather than mocked dispatcher behaviour.

import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  /** Raw request target as sent on the wire (path + query, not decoded). */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export type TestRequest = IncomingMessage & { body: string; url: string };

export type Handler = (req: TestRequest, res: ServerResponse, seen: SeenRequest) => unknown;

export interface TestServer {
  /** Origin, e.g. http://127.0.0.1:40123 */
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const seen: SeenRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body, at: Date.now() };
      requests.push(seen);
      Promise.resolve(handler(Object.assign(req, { body, url: req.url ?? '/' }), res, seen)).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** Fast retries for tests: the policy's own maths is covered in retry.test.ts. */
export const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 } as const;
