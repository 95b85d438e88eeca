// The shipped CLI is compiled JavaScript: `npm run build` (run by `npm ci` through `prepare`) writes
// dist/, which plain node runs with no TypeScript loader, and bin/hirelake.js prefers it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const version = (JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string }).version;

describe('compiled CLI', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('builds to dist/ and runs the whole demo pipeline under plain node', async () => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'pipe' });
    expect(existsSync(`${root}/dist/src/cli/bin.js`)).toBe(true);
    expect(existsSync(`${root}/dist/sql`)).toBe(true);
    const v = spawnSync(process.execPath, ['dist/src/cli/bin.js', '--version'], { cwd: root, encoding: 'utf8' });
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout.trim()).toBe(version);
    // bin/hirelake.js takes dist/ when it exists (HIRELAKE_FROM_SOURCE unset).
    const demo = await runCli(['demo', '--json', '--path', `${tmp.dir}/demo.duckdb`], { env: { HIRELAKE_FROM_SOURCE: '' } });
    expect(demo.code, demo.stderr).toBe(0);
    expect((JSON.parse(demo.stdout) as { ok: boolean }).ok).toBe(true);
  });
});
