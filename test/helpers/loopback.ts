import { afterEach, beforeEach } from 'vitest';
import { bufferIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';

/** A loopback sandbox started fresh for every test, and the in-process CLI pointed at it. */
export function useLoopbackCli(): {
  sandbox: () => RunningSandbox;
  cli: (args: string[], env?: NodeJS.ProcessEnv) => Promise<{ code: number; stdout: string; stderr: string }>;
} {
  let sb: RunningSandbox;
  beforeEach(async () => {
    sb = await startSandbox();
  });
  afterEach(async () => {
    await sb.close();
  });
  return {
    sandbox: () => sb,
    cli: async (args, env = {}) => {
      const io = bufferIo({ DOMO_INSTANCE: sb.instance, DOMO_ACCESS_TOKEN: sb.token, DOMO_BASE_URL: sb.url, ...env });
      const code = await runCli(args, io);
      return { code, stdout: io.stdout(), stderr: io.stderr() };
    },
  };
}
