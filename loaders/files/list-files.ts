import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under `dir`, relative to `root` with forward slashes (manifests are read on any OS). */
export function listFiles(root: string, dir: string): { files: string[]; bytes: number } {
  const files: string[] = [];
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.push(relative(root, full).split(sep).join('/'));
    bytes += statSync(full).size;
  }
  return { files: files.sort(), bytes };
}
