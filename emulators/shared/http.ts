import type { IncomingMessage } from 'node:http';
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
