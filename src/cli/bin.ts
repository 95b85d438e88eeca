import { main } from './main.ts';

// The `hirelake` process: run one command, then exit as soon as output is flushed rather than
// waiting for idle keep-alive sockets to time out.
const code = await main(process.argv.slice(2));
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
