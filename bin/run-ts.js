#!/usr/bin/env node
// Runs a TypeScript entry point through tsx's loader, so a clone works right after `npm ci`
// with no build step. Usage: node bin/run-ts.js <file.ts> [args...]
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
const [, , entry, ...rest] = process.argv;
if (!entry) {
  process.stderr.write('usage: run-ts <file.ts> [args...]\n');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(entry), ...rest];
await import(pathToFileURL(resolve(entry)).href);
