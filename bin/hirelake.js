#!/usr/bin/env node
// The `hirelake` command. Sources are TypeScript; tsx's loader compiles them on import
// so `npx hirelake` works in a fresh clone after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
