import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const run = promisify(execFile);

/**
 * An empty project that depends on the tarball, with a lockfile pinning the tarball's dependencies to exactly the
 * versions (and integrity hashes) of our own lockfile: `npm ci --offline` then installs them from the npm cache
 * that our own `npm ci` filled, with no registry request.
 */
async function writeConsumerProject(dir: string, tarball: string): Promise<void> {
  const ours = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; version?: string; dependencies?: Record<string, string> }>;
  };
  const self = ours.packages['']!;
  const runtime = Object.fromEntries(Object.entries(ours.packages).filter(([key, entry]) => key !== '' && !entry.dev));
  const manifest = {
    name: 'consumer',
    version: '1.0.0',
    private: true,
    dependencies: { 'domo-admin': `file:${tarball}` },
  };
  const lock = {
    name: 'consumer',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'consumer', version: '1.0.0', dependencies: manifest.dependencies },
      'node_modules/domo-admin': {
        version: self.version,
        resolved: `file:${tarball}`,
        dependencies: self.dependencies,
        bin: { 'domo-admin': 'bin/domo-admin.js' },
        engines: { node: '>=20.19' },
      },
      ...runtime,
    },
  };
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
}

/**
 * The published package is the product: `npm pack`, install the tarball into an empty project (offline, from the
 * npm cache that `npm ci` filled), and use it there as a newcomer would.
 */
describe('the packed tarball, installed in an empty project', () => {
  let project: string;
  let files: string[];

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'domo-admin-consumer-'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', project], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    files = packed!.files.map((f) => f.path);
    await writeConsumerProject(project, packed!.filename);
    await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project });
  }, 180_000);

  afterAll(async () => {
    if (project) await rm(project, { recursive: true, force: true });
  });

  const cli = (...args: string[]) =>
    run(join(project, 'node_modules', '.bin', 'domo-admin'), args, {
      cwd: project,
      env: { ...process.env, DOMO_INSTANCE: '', DOMO_ACCESS_TOKEN: '' },
    });

  it('ships a LICENSE, the built code and no source maps pointing at unshipped sources', () => {
    expect(files).toContain('LICENSE');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('bin/domo-admin.js');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
  });

  it('every relative link and image in the packed README is a file in the package; no link to an unpublished URL', async () => {
    const readme = await readFile(join(project, 'node_modules', 'domo-admin', 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target!);
    const relative = targets.filter((t) => !/^(https?:|mailto:|#)/.test(t)).map((t) => t.replace(/#.*$/, ''));
    expect(relative.length).toBeGreaterThan(0);
    for (const target of relative) expect(files, `README links to ${target}`).toContain(target.replace(/^\.\//, ''));
    expect(readme).not.toMatch(/unpkg\.com|npmjs\.com\/package\/domo-admin/);
  });

  it('runs `domo-admin --help`', async () => {
    const { stdout } = await cli('--help');
    expect(stdout).toContain('Usage: domo-admin');
  });

  it('runs `domo-admin roles list --sandbox --json`', async () => {
    const { stdout } = await cli('roles', 'list', '--sandbox', '--json');
    const parsed = JSON.parse(stdout) as { items: { name: string }[] };
    expect(parsed.items.map((r) => r.name)).toContain('Admin');
  });

  it('plans a governance spec with `domo-admin --sandbox plan` (exit 2: changes)', async () => {
    await writeFile(join(project, 'spec.yaml'), 'roles:\n  Auditors: { grants: [admin.audit.view, user.view] }\n');
    const error = await cli('--sandbox', 'plan', 'spec.yaml').then(
      () => undefined,
      (e: unknown) => e as { code: number; stdout: string },
    );
    expect(error?.code).toBe(2);
    expect(error!.stdout).toContain('+ role "Auditors" with 2 grant(s)');
  });

  it('imports the library as ESM, and the sandbox subpath', async () => {
    const script = [
      "import { DomoRoles, DomoTokenAuth } from 'domo-admin';",
      "import { startSandbox } from 'domo-admin/sandbox';",
      "import { loadSpec } from 'domo-admin/governance';",
      "if (!loadSpec('roles: {}').roles) throw new Error('governance subpath');",
      'const sb = await startSandbox();',
      'const auth = new DomoTokenAuth({ instance: sb.instance, token: sb.token, baseUrl: sb.url });',
      'const roles = await new DomoRoles(auth).list();',
      'console.log(roles.length > 0 ? "ok" : "no roles");',
      'await sb.close();',
    ].join('\n');
    await writeFile(join(project, 'esm.mjs'), script);
    const { stdout } = await run(process.execPath, ['esm.mjs'], { cwd: project });
    expect(stdout.trim()).toBe('ok');
  });

  it('requires the library from CommonJS', async () => {
    await writeFile(
      join(project, 'cjs.cjs'),
      "const { DomoTokenAuth, routes } = require('domo-admin'); const { planSpec } = require('domo-admin/governance'); console.log(typeof DomoTokenAuth, typeof routes.getRoles, typeof planSpec);",
    );
    const { stdout } = await run(process.execPath, ['cjs.cjs'], { cwd: project });
    expect(stdout.trim()).toBe('function function function');
  });

  it('`npx domo-admin` with no command prints help and exits 2, without a stack trace', async () => {
    const error = await run('npx', ['--offline', 'domo-admin'], { cwd: project }).then(
      () => undefined,
      (e: unknown) => e as { code: number; stdout: string; stderr: string },
    );
    expect(error?.code).toBe(2);
    expect(error!.stderr).toContain('Usage: domo-admin');
    expect(error!.stderr).not.toMatch(/^\s+at /m);
  });

  it('the CLI and the library load msw (the sandbox) only when the sandbox is used, and ky only to send', async () => {
    await writeFile(
      join(project, 'hooks.mjs'),
      [
        "import { appendFileSync } from 'node:fs';",
        'export async function resolve(specifier, context, next) {',
        '  const resolved = await next(specifier, context);',
        "  appendFileSync(process.env.LOADED_LOG, resolved.url + '\\n');",
        '  return resolved;',
        '}',
      ].join('\n'),
    );
    await writeFile(
      join(project, 'register.mjs'),
      "import { register } from 'node:module'; register('./hooks.mjs', import.meta.url);",
    );
    await writeFile(join(project, 'library.mjs'), "await import('domo-admin');");
    const loaded = async (name: string, args: string[]) => {
      const log = join(project, `${name}.log`);
      await writeFile(log, '');
      await run(process.execPath, ['--import', './register.mjs', ...args], {
        cwd: project,
        env: { ...process.env, LOADED_LOG: log, DOMO_INSTANCE: '', DOMO_ACCESS_TOKEN: '' },
      }).catch(() => undefined);
      return readFile(log, 'utf8');
    };
    const bin = join('node_modules', 'domo-admin', 'bin', 'domo-admin.js');
    expect(await loaded('help', [bin, '--help'])).not.toMatch(/node_modules\/msw\//);
    expect(await loaded('whoami', [bin, 'whoami'])).not.toMatch(/node_modules\/msw\//);
    expect(await loaded('library', ['library.mjs'])).not.toMatch(
      /node_modules\/(msw|commander|yaml|cli-progress|playwright-core|ky)\/|dist\/(sandbox|governance|audit|cli)\//,
    ); // ky comes with the first request
    const sandbox = await loaded('sandbox', [bin, 'roles', 'list', '--sandbox']);
    expect(sandbox).toMatch(/node_modules\/msw\//); // the check can fail
    expect(sandbox).toMatch(/node_modules\/ky\//);
  });

  it('the installed package does not depend on anything outside its dependencies', async () => {
    expect((await readdir(join(project, 'node_modules'))).includes('domo-admin')).toBe(true);
    expect((await readdir(join(project, 'node_modules'))).includes('vitest')).toBe(false);
  });

  it('in this repository, the bin that `npm ci` built (prepare) runs, also through npx', async () => {
    const { stdout } = await run(process.execPath, ['bin/domo-admin.js', '--version'], { cwd: ROOT });
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const viaNpx = await run('npx', ['--offline', 'domo-admin', '--version'], { cwd: ROOT });
    expect(viaNpx.stdout.trim()).toBe(stdout.trim());
  }, 60_000); // two spawned CLIs, one through npx: slow on a loaded machine, not a timing assertion
});
