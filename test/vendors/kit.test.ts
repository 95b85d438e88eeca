// A vendor is one kit, registered once in extractors/index.ts: this fails when a registered vendor
// lacks a piece, or when a piece exists for a vendor nobody registered.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { vendors } from '../../extractors/index.ts';
import { loadProject } from '../../transforms/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const folders = (dir: string) => readdirSync(join(ROOT, dir), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const registered = Object.keys(vendors).sort();

describe('the vendor registry', () => {
  it('names every vendor folder of extractors/, emulators/ and sql/staging/, and nothing else', () => {
    expect(folders('extractors')).toEqual(registered);
    expect(folders('sql/staging')).toEqual(registered);
    expect(loadProject().vendors).toEqual(registered);
    const emulatorFolders = folders('emulators').filter((f) => !['shared', 'world'].includes(f));
    expect(emulatorFolders).toEqual(registered);
  });

  it.each(registered)('%s has a source of its name, a README, an emulator kit, staging SQL and a lineage entry for every stream', async (name) => {
    const kit = vendors[name]!;
    expect(kit.source.name).toBe(name);
    expect(existsSync(join(ROOT, 'extractors', name, 'README.md'))).toBe(true);
    const emulator = await kit.emulator();
    expect(typeof emulator.start).toBe('function');
    expect(emulator.realRateLimit).toMatch(/^\d+\/\d+$/);
    const dir = join(ROOT, 'sql', 'staging', name);
    expect(readdirSync(dir).some((f) => f.startsWith(`int_${name}__applications`))).toBe(true);
    const lineage = parseYaml(readFileSync(join(dir, '_lineage.yml'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(lineage).sort()).toEqual(kit.source.streams.map((s) => s.name).sort());
  });

  it('has no vendor name branches outside the vendors\' own folders', () => {
    const generic = ['src', 'transforms', 'loaders', 'bench', 'emulators/shared', 'emulators/world', 'emulators/serve.ts'];
    const offenders: string[] = [];
    const visit = (p: string) => {
      const full = join(ROOT, p);
      if (!existsSync(full)) return;
      if (p.endsWith('.ts')) {
        const text = readFileSync(full, 'utf8');
        for (const v of registered) if (new RegExp(`[!=]==? ?'${v}'|case '${v}'`).test(text)) offenders.push(`${p}: ${v}`);
        return;
      }
      for (const d of readdirSync(full, { withFileTypes: true })) if (d.isDirectory() || d.name.endsWith('.ts')) visit(join(p, d.name));
    };
    generic.forEach(visit);
    expect(offenders).toEqual([]);
  });
});
