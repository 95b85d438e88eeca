import { main } from '../../src/cli/main.ts';
import { Interrupt } from '../../src/cli/interrupt.ts';

export interface MainResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `hirelake <argv>` in this process through main(): stdout and stderr are captured, `env` is
 * set for the duration (and restored), `cwd` is the working directory for the duration (the test
 * pool is forks, where process.chdir works), and `interrupt` lets the test deliver a signal.
 */
export async function runMain(argv: string[], opts: { env?: Record<string, string | undefined>; interrupt?: Interrupt; cwd?: string } = {}): Promise<MainResult> {
  const savedCwd = process.cwd();
  if (opts.cwd !== undefined) process.chdir(opts.cwd);
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    saved.set(k, process.env[k]);
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  let stdout = '';
  let stderr = '';
  const outWrite = process.stdout.write;
  const errWrite = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await main(argv, opts.interrupt ?? new Interrupt());
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = outWrite;
    process.stderr.write = errWrite;
    if (opts.cwd !== undefined) process.chdir(savedCwd);
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
