import { createServer, type Server } from 'node:net';

/**
 * A loopback server that speaks just enough of the Postgres protocol to ask for a cleartext
 * password and reject it, echoing the password back: the local test cluster trusts every
 * loopback login, so this is how a wrong password (and a driver message carrying it) is tested.
 */
export async function startPasswordRejectingServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server: Server = createServer((socket) => {
    let startupSeen = false;
    socket.on('data', (chunk) => {
      if (!startupSeen) {
        startupSeen = true;
        const auth = Buffer.alloc(9);
        auth.write('R', 0);
        auth.writeInt32BE(8, 1);
        auth.writeInt32BE(3, 5); // AuthenticationCleartextPassword
        socket.write(auth);
        return;
      }
      if (chunk[0] !== 0x70) return; // 'p': PasswordMessage
      const password = chunk.subarray(5, chunk.indexOf(0, 5)).toString('utf8');
      const fields = ['SFATAL', 'VFATAL', 'C28P01', `Mpassword authentication failed for user "x" (password "${password}")`];
      const body = Buffer.concat([...fields.map((f) => Buffer.from(`${f}\0`, 'utf8')), Buffer.from([0])]);
      const head = Buffer.alloc(5);
      head.write('E', 0);
      head.writeInt32BE(body.length + 4, 1);
      socket.end(Buffer.concat([head, body]));
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake server has no TCP port');
  return { port: address.port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
