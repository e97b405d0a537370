// --help, --version and usage errors load no library code: only the CLI's shell and commander. A command loads the
// module of its own family (and the library it needs), never every command.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/** A module hook for the child: every module it resolves is written to stderr as `LOADED <url>`. */
const HOOK_SOURCE = `export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  process.stderr.write('LOADED ' + result.url + '\\n');
  return result;
}`;
const HOOK = `data:text/javascript,${encodeURIComponent(
  `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK_SOURCE)}`)});`,
)}`;

/** The modules a CLI run loaded, relative to the repository (dependencies by package name). */
function loaded(args: string[]): Promise<{ code: number | null; modules: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', HOOK, 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', DOMO_INSTANCE: '', DOMO_ACCESS_TOKEN: '' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  return new Promise((resolve) =>
    child.on('close', (code) => {
      const modules = [...stderr.matchAll(/^LOADED (.*)$/gm)].map(([, url]) =>
        (url as string).includes('/node_modules/')
          ? `dep:${(url as string).replace(/.*\/node_modules\/((?:@[^/]+\/)?[^/]+).*/, '$1')}`
          : (url as string).replace(`file://${ROOT}`, ''),
      );
      resolve({ code, modules: [...new Set(modules)] });
    }),
  );
}

const LIBRARY =
  /^src\/(classes|routes|auth|governance|audit|sandbox|inventory)\/|^dep:(zod|ky|class-transformer|reflect-metadata|msw|yaml)$/;

describe('lazy loading', () => {
  it.each([[['--help']], [['--version']], [['frobnicate']], [[]]])(
    '%j loads no library code',
    async (args) => {
      const { modules } = await loaded(args);
      expect(modules.some((m) => m.endsWith('src/cli/program.ts'))).toBe(true); // the hook saw the CLI load
      expect(modules.filter((m) => LIBRARY.test(m))).toEqual([]);
    },
    60_000,
  );

  it('a command loads its own family, not the others', async () => {
    const { modules } = await loaded(['roles', '--help']);
    expect(modules.some((m) => m.endsWith('src/cli/commands/roles.ts'))).toBe(true);
    for (const other of ['accounts', 'governance', 'audit', 'users'])
      expect(
        modules.some((m) => m.endsWith(`src/cli/commands/${other}.ts`)),
        other,
      ).toBe(false);
  }, 60_000);
});
