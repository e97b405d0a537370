import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { bufferIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../src/sandbox/index.js';

/**
 * A loopback sandbox started fresh for every test, and the in-process CLI pointed at it, with its own
 * `DOMO_ADMIN_DIR` (profiles, snapshots) in a temporary folder.
 */
export function useLoopbackCli(options: StartSandboxOptions = {}): {
  sandbox: () => RunningSandbox;
  /** The test's DOMO_ADMIN_DIR. */
  dir: () => string;
  /** Runs the CLI; with `answers`, as if in a terminal that types them. */
  cli: (
    args: string[],
    env?: NodeJS.ProcessEnv,
    answers?: string[],
  ) => Promise<{ code: number; stdout: string; stderr: string }>;
} {
  let sb: RunningSandbox;
  let dir: string;
  beforeEach(async () => {
    sb = await startSandbox(options);
    dir = await mkdtemp(join(tmpdir(), 'domo-admin-dir-'));
  });
  afterEach(async () => {
    await sb.close();
    await rm(dir, { recursive: true, force: true });
  });
  return {
    sandbox: () => sb,
    dir: () => dir,
    cli: async (args, env = {}, answers) => {
      const io = bufferIo(
        {
          DOMO_INSTANCE: sb.instance,
          DOMO_ACCESS_TOKEN: sb.token,
          DOMO_BASE_URL: sb.url,
          DOMO_ADMIN_DIR: dir,
          ...env,
        },
        answers,
      );
      const code = await runCli(args, io);
      return { code, stdout: io.stdout(), stderr: io.stderr() };
    },
  };
}

/**
 * Writes `profiles.yaml` into `dir`, one profile per sandbox, its credential in `<PROFILE>_TOKEN`; returns the
 * environment holding those tokens (with no `DOMO_INSTANCE` or `DOMO_ACCESS_TOKEN`: only a profile signs in).
 */
export async function writeProfiles(
  dir: string,
  sandboxes: Record<string, RunningSandbox>,
): Promise<NodeJS.ProcessEnv> {
  const entries = Object.entries(sandboxes);
  const variable = (profile: string) => `${profile.toUpperCase()}_TOKEN`;
  await writeFile(
    join(dir, 'profiles.yaml'),
    [
      'profiles:',
      ...entries.map(
        ([profile, sb]) =>
          `  ${profile}: { instance: ${sb.instance}, base_url: "${sb.url}", token_env: ${variable(profile)} }`,
      ),
      '',
    ].join('\n'),
  );
  return {
    ...Object.fromEntries(entries.map(([profile, sb]) => [variable(profile), sb.token])),
    DOMO_INSTANCE: '',
    DOMO_ACCESS_TOKEN: '',
  };
}
