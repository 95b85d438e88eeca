import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

/** Drops the connection with a TCP RST, as a crashed proxy would (the "connection reset" fault). */
export function hardReset(socket: Socket | null): void {
  if (!socket) return;
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

/** Reads a request body, refusing anything larger than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = 1_048_576): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Listens on 127.0.0.1 (port 0: a free one) with keep-alive, as every emulator does; returns the port. */
export async function listenLoopback(server: Server, port = 0): Promise<number> {
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** Stops the server, closing its open keep-alive connections too. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

/**
 * Sends a response body (headers already written) whole, or as an injected fault spoils it: a
 * reset after the first 16 bytes, or half of it and then a closed socket (truncate).
 */
export function endBody(res: ServerResponse, body: Buffer, fault: { readonly kind: string } | null | undefined): void {
  if (fault?.kind === 'reset') res.write(body.subarray(0, Math.min(16, body.length)), () => hardReset(res.socket));
  else if (fault?.kind === 'truncate') res.write(body.subarray(0, body.length >> 1), () => res.socket?.destroy());
  else res.end(body);
}
