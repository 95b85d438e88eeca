import { existsSync, readdirSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { HirelakeError } from '../../src/core/errors.ts';
import { MANIFEST_FILE, isHirelakeManifest } from './manifest.ts';

/**
 * Writes an export folder as a whole: everything goes into a hidden sibling, which replaces the
 * folder only once it is complete. A failed or killed export leaves the previous folder as it
 * was; the leftovers are removed by the next run.
 *
 * Siblings (same parent) keep every rename on one filesystem, where rename is atomic. Replacing a
 * non-empty folder takes two renames (old aside, new in); a crash between them is repaired at the
 * start of the next run by putting the old folder back.
 */
export async function publishDir<T>(finalPath: string, runId: string, write: (stage: string) => Promise<T>): Promise<T> {
  const target = resolve(finalPath);
  const parent = dirname(target);
  const name = basename(target);
  await mkdir(parent, { recursive: true });
  const release = await lockDir(parent, name);
  try {
    await recover(parent, name);
    await assertReplaceable(target);
    const stage = join(parent, `.${name}.tmp-${runId}`);
    await rm(stage, { recursive: true, force: true });
    await mkdir(stage);
    let result: T;
    try {
      result = await write(stage);
    } catch (err) {
      await rm(stage, { recursive: true, force: true });
      throw err;
    }
    const aside = join(parent, `.${name}.old-${runId}`);
    const hadOld = existsSync(target);
    if (hadOld) await rename(target, aside);
    await rename(stage, target);
    if (hadOld) await rm(aside, { recursive: true, force: true });
    return result;
  } finally {
    await release();
  }
}

/** Puts a folder set aside by an interrupted publish back, and clears unfinished stages. */
async function recover(parent: string, name: string): Promise<void> {
  const siblings = readdirSync(parent).filter((f) => f.startsWith(`.${name}.`));
  const olds = siblings.filter((f) => f.startsWith(`.${name}.old-`)).sort();
  if (!existsSync(join(parent, name)) && olds.length > 0) await rename(join(parent, olds.pop()!), join(parent, name));
  for (const f of [...olds, ...siblings.filter((f) => f.startsWith(`.${name}.tmp-`))]) await rm(join(parent, f), { recursive: true, force: true });
}

/** The folder is replaced whole, so it must be ours: a typo'd path must never move someone's files aside. */
async function assertReplaceable(target: string): Promise<void> {
  if (!existsSync(target)) return;
  if (readdirSync(target).length === 0) return;
  const manifest = join(target, MANIFEST_FILE);
  const ours = existsSync(manifest) && isHirelakeManifest(JSON.parse(await readFile(manifest, 'utf8').catch(() => 'null')));
  if (!ours) {
    throw new HirelakeError('export', `${target} exists and is not a hirelake export (no ${MANIFEST_FILE}); refusing to replace it`, 'point the export path at a new or empty folder');
  }
}

/** One writer per folder; a lock left by a dead process (its pid is gone) is taken over. */
async function lockDir(parent: string, name: string): Promise<() => Promise<void>> {
  const file = join(parent, `.${name}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(file, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return () => rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(await readFile(file, 'utf8').catch(() => ''));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new HirelakeError('export', `another export (pid ${pid}) is writing ${join(parent, name)}`, `wait for it to finish; if no export is running, delete ${file}`);
      }
      await rm(file, { force: true });
    }
  }
  throw new HirelakeError('export', `cannot lock ${join(parent, name)} for writing`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
