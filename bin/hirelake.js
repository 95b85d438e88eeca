#!/usr/bin/env node
// The `hirelake` command. Sources are TypeScript; tsx's loader compiles them on import
// so `npx hirelake` works in a fresh clone after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
// A short-lived command: exit as soon as the work is done and output is flushed, rather than
// waiting for idle keep-alive sockets to time out.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
