#!/usr/bin/env node
// The `hirelake` command. It runs the compiled JavaScript in dist/ (built by `npm run build`, which
// `npm ci` runs through `prepare`), so starting it compiles nothing. Without dist/ — or with
// HIRELAKE_FROM_SOURCE=1, as the test suite sets — it runs the TypeScript sources through tsx.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/src/cli/bin.js', import.meta.url);
if (existsSync(compiled) && !process.env.HIRELAKE_FROM_SOURCE) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/bin.ts');
}
