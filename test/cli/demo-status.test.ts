import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.ts';
import { runMain } from '../helpers/in-process.ts';
import { GREENHOUSE_STREAM_COUNT } from '../helpers/pipeline.ts';

// In-process through main() (with the working directory set for the call); the compiled binary
// runs the same demo as a child process in test/cli/dist.test.ts.
describe('hirelake demo and status', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('demo runs the whole pipeline with no config and reports it as one JSON document', async () => {
    const path = join(tmp.dir, 'demo.duckdb');
    const r = await runMain(['demo', '--path', path, '--json'], { cwd: tmp.dir });
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { ok: boolean; extract: { streams: { stream: string; status: string; records: number }[] } };
    expect(summary.ok).toBe(true);
    expect(summary.extract.streams).toHaveLength(GREENHOUSE_STREAM_COUNT);
    for (const s of summary.extract.streams) {
      expect(s.status).toBe('succeeded');
      expect(s.records).toBeGreaterThan(0);
    }
  });

  it('demo prints tables for people, logs on stderr only', async () => {
    const path = join(tmp.dir, 'demo2.duckdb');
    const r = await runMain(['demo', '--path', path], { cwd: tmp.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/applications\s+succeeded/);
    expect(r.stdout).toMatch(/Funnel/);
    expect(r.stdout).not.toMatch(/emulator on http/);
    expect(r.stderr).toMatch(/emulator on http:\/\/127\.0\.0\.1:\d+/);
    // It ends by writing the dashboards and saying where.
    const report = join(tmp.dir, 'hirelake-demo-report.html');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`Report: ${report}`);
    expect(readFileSync(report, 'utf8')).toContain('<section class="page" id="funnel"');
  });
});
