import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.ts';
import { runMain } from '../helpers/in-process.ts';

// In-process through main(): the exit code is main's return value, which bin.ts hands to
// process.exit unchanged (test/cli/dist.test.ts and the other spawned tests cover that path).
describe('config and usage errors exit 2 with a message naming the problem', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  const write = (name: string, text: string) => {
    const f = join(tmp.dir, name);
    writeFileSync(f, text);
    return f;
  };

  it('names the file and the key of a missing credential', async () => {
    const f = write('missing.yml', `connections:\n  - name: acme\n    source: greenhouse\n    credentials: { client_secret: s3cr3t-value, user_id: "4080" }\n`);
    const r = await runMain(['extract', '--config', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}: connections[0].credentials.client_id: missing (expected a string)`);
    expect(r.stderr).not.toContain('s3cr3t-value');
  });

  it('names an unknown source, an invalid connection name and a wrong engine', async () => {
    const f1 = write('source.yml', `connections:\n  - name: acme\n    source: taleo\n`);
    const r1 = await runMain(['extract', '--config', f1]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/connections\[0\]\.source: unknown source "taleo"; expected one of greenhouse/);

    const f2 = write('name.yml', `connections:\n  - name: Acme Corp\n    source: greenhouse\n    credentials: { client_id: a, client_secret: b, user_id: 1 }\n`);
    const r2 = await runMain(['extract', '--config', f2]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/connections\[0\]\.name: expected a lowercase identifier/);

    const f3 = write('engine.yml', `warehouse: { engine: oracle }\nconnections:\n  - name: acme\n    source: greenhouse\n    credentials: { client_id: a, client_secret: b, user_id: 1 }\n`);
    const r3 = await runMain(['status', '--config', f3]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/warehouse\.engine/);
  });

  it('names an unset environment variable and the key that uses it', async () => {
    const f = write('env.yml', `connections:\n  - name: acme\n    source: greenhouse\n    credentials: { client_id: \${HL_TEST_UNSET_ID}, client_secret: x, user_id: "1" }\n`);
    const r = await runMain(['extract', '--config', f], { env: { HL_TEST_UNSET_ID: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('connections[0].credentials.client_id: environment variable HL_TEST_UNSET_ID is not set');
  });

  it('reports YAML syntax errors, a missing file, and unknown flags', async () => {
    const bad = write('bad.yml', 'connections: [\n  - name: x\n');
    const r1 = await runMain(['extract', '--config', bad]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('not valid YAML');
    const r2 = await runMain(['extract', '--config', join(tmp.dir, 'nope.yml')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('config file not found');
    const r3 = await runMain(['extract', '--bogus']);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/unknown option '--bogus'/);
  });
});
