import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The local test server (trust auth on loopback); CI starts it, and the tests fail without it. */
export const TEST_PG_URL = process.env['HIRELAKE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** A plain client on the test database; connecting throws (failing the test) when the server is down. */
export async function testClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, options: '-c TimeZone=UTC' });
  await client.connect();
  return client;
}

export async function dropSchemas(...schemas: string[]): Promise<void> {
  const client = await testClient();
  try {
    for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
  } finally {
    await client.end();
  }
}
