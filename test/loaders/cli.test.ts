import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { buildContext } from '../../src/cli/context.ts';
import { exportAfterTests, type ExportSummary } from '../../src/cli/commands/export.ts';
import { loadConfig } from '../../src/config/load.ts';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import { sources } from '../../extractors/index.ts';
import { tempDir } from '../helpers/tmp.ts';
import { buildFixtureModels } from './fixtures.ts';
import { readManifest } from './lake.ts';

/** Runs the CLI in-process and returns its exit code and what it printed on stdout. */
async function hirelake(...args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await main(args), stdout };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('hirelake export', () => {
  const tmp = tempDir();
  const config = join(tmp.dir, 'hirelake.yml');

  beforeAll(async () => {
    const engine = await DuckDbEngine.open({ path: join(tmp.dir, 'warehouse.duckdb') });
    await buildFixtureModels(engine);
    await engine.close();
    writeFileSync(
      config,
      [
        'warehouse: { engine: duckdb, path: ./warehouse.duckdb }',
        'connections:',
        '  - { name: acme, source: greenhouse, credentials: { client_id: x, client_secret: y, user_id: 1 } }',
        'exports:',
        '  - { name: lake, type: parquet, path: ./lake }',
        '  - { name: flat, type: csv, path: ./csv, tables: [marts.funnel] }',
        '  - { name: broken, type: postgres, url: "postgres://u:Sup3rSecretPw@127.0.0.1:1/x", schema: s }',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => tmp.cleanup());

  it('--target runs one export and --json prints one summary', async () => {
    const { code, stdout } = await hirelake('export', '--config', config, '--target', 'flat', '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as { command: string; ok: boolean; exports: { name: string; tables: { model: string; rows: number }[] }[] };
    expect(summary).toMatchObject({ command: 'export', ok: true });
    expect(summary.exports.map((e) => e.name)).toEqual(['flat']);
    expect(summary.exports[0]!.tables).toMatchObject([{ model: 'marts.funnel', rows: 25 }]);
    expect(existsSync(join(tmp.dir, 'lake'))).toBe(false);
  });

  it('runs every export, exits 1 when one fails, and keeps the password out of the output', async () => {
    const { code, stdout } = await hirelake('export', '--config', config, '--json');
    expect(code).toBe(1);
    expect(stdout).not.toContain('Sup3rSecretPw');
    const summary = JSON.parse(stdout) as { exports: { name: string; ok: boolean; error?: string }[] };
    expect(summary.exports.map((e) => [e.name, e.ok])).toEqual([['lake', true], ['flat', true], ['broken', false]]);
    expect(summary.exports[2]!.error).toMatch(/cannot connect to Postgres at postgres:\/\/u@127\.0\.0\.1:1\/x/);
  });

  it('an unknown --target is a usage error', async () => {
    expect((await hirelake('export', '--config', config, '--target', 'nope')).code).toBe(2);
  });

  it('hirelake run skips the export when a data test failed', async () => {
    const ctx = buildContext({ json: true, logLevel: 'error' }, sources, loadConfig(config, sources));
    const before = readManifest(join(tmp.dir, 'lake'));
    const engine = await DuckDbEngine.open({ path: join(tmp.dir, 'warehouse.duckdb') });
    try {
      const summary: Record<string, unknown> = {};
      expect(await exportAfterTests(ctx, engine, 'run-x', summary, false)).toBe(false);
      expect(summary['export']).toMatchObject({ ok: false, exports: [], skipped: 'a data test failed' } satisfies Partial<ExportSummary>);
      expect(readManifest(join(tmp.dir, 'lake'))).toEqual(before);
    } finally {
      await engine.close();
    }
  });
});
