// The shipped CLI is compiled JavaScript: `npm run build` (run by `npm ci` through `prepare`) writes
// dist/, which plain node runs with no TypeScript loader, and bin/hirelake.js prefers it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const version = (JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string }).version;

/** Newest modification time of these files and folders and of everything under them. */
function newest(paths: readonly string[]): number {
  let max = 0;
  const visit = (p: string) => {
    const st = statSync(p);
    // A folder's own time moves when a file in it is added or removed.
    max = Math.max(max, st.mtimeMs);
    if (st.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e));
  };
  for (const p of paths) if (existsSync(p)) visit(p);
  return max;
}

/** dist/ is missing, or older than a source it is compiled or copied from. */
function distStale(): boolean {
  const built = join(root, 'dist/src/cli/bin.js');
  if (!existsSync(built)) return true;
  const inputs = ['src', 'extractors', 'transforms', 'loaders', 'emulators', 'sql', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
  return newest(inputs.map((p) => join(root, p))) > statSync(built).mtimeMs;
}

describe('compiled CLI', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  // `npm ci` builds dist/ (prepare), as CI does right before the suite: compiling again costs half
  // a minute of CPU, so it is built here only when a source is newer.
  it('dist/ (built again when older than the sources) runs the whole demo pipeline under plain node', async () => {
    if (distStale()) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'pipe' });
    expect(distStale()).toBe(false);
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
