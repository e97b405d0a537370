// The real command in a child process, against a loopback sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { spawn } from 'node:child_process';
import { ROOT, runTs, spawnTs } from '../helpers/cli.js';

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(async () => {
  await sb.close();
});
const env = () => ({ DOMO_INSTANCE: sb.instance, DOMO_ACCESS_TOKEN: sb.token, DOMO_BASE_URL: sb.url });

describe('domo-admin as a process', () => {
  it('--json output parses and stderr stays empty', async () => {
    const result = await runTs('src/cli/main.ts', ['--json', 'roles', 'list'], env());
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).items).toHaveLength(sb.state.roles.size);
    expect(result.stderr.replace(/npm warn.*\n/g, '')).toBe('');
  });

  it('users and groups by email and name, spawned', async () => {
    const user = [...sb.state.users.values()].find((u) => !u.deleted && u.roleId === 4)!;
    const shown = await runTs('src/cli/main.ts', ['--json', 'users', 'show', user.emailAddress], env());
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: user.id, email: user.emailAddress });
    const added = await runTs('src/cli/main.ts', ['--json', 'groups', 'add', 'Marketing', user.emailAddress], env());
    expect(added.code).toBe(0);
    expect([...sb.state.groups.values()].find((g) => g.name === 'Marketing')!.userIds).toContain(user.id);
    const unknown = await runTs('src/cli/main.ts', ['--json', 'users', 'show', 'ghost@sandbox.example'], env());
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stderr.replace(/npm warn.*\n/g, ''))).toMatchObject({
      name: 'DomoNotFoundError',
      status: 404,
    });
  });

  it('a reader that closes early (| head -c 100) ends the command quietly with 0, for every kind of output', async () => {
    // A real pipe (a child's own stdout is a socket with a larger buffer): the 100 KB of users overflow it.
    for (const args of ['--json users list --include-deleted', 'users list --include-deleted']) {
      const script = `"${process.execPath}" --import tsx src/cli/main.ts ${args} | head -c 100 >/dev/null; exit \${PIPESTATUS[0]}`;
      const child = spawn('bash', ['-c', script], { cwd: ROOT, env: { ...process.env, ...env(), NO_COLOR: '1' } });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code, args).toBe(0);
      expect(stderr.replace(/npm warn.*\n/g, ''), args).not.toMatch(/EPIPE|Error|at /);
    }
  });

  it('exit 1 with one error line; exit 2 for usage', async () => {
    const failed = await runTs('src/cli/main.ts', ['roles', 'show', '424242'], env());
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^DomoNotFoundError: .*role 424242 not found/m);
    const usage = await runTs('src/cli/main.ts', ['roles', 'show'], env());
    expect(usage.code).toBe(2);
  });

  it('--dry-run sends no change (sandbox log) and --log writes masked lines to stderr', async () => {
    const before = sb.state.requests.filter((r) => r.mutated).length;
    const result = await runTs(
      'src/cli/main.ts',
      ['--dry-run', '--verbose', '--log', 'debug', 'accounts', 'rename', '1', 'nope'],
      env(),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('PUT ');
    expect(sb.state.requests.filter((r) => r.mutated).length).toBe(before);
    expect(result.stderr).toContain('x-domo-developer-token: ***');
    expect(result.stderr + result.stdout).not.toContain(sb.token);
  });
});

describe('domo-admin repl', () => {
  it('exits when its input ends, even before it is ready (regression: it used to hang)', async () => {
    const result = await runTs(
      'src/cli/main.ts',
      ['repl'],
      { DOMO_ADMIN_REPL_HISTORY: '', DOMO_INSTANCE: '', DOMO_ACCESS_TOKEN: '' },
      'await roles.list().then((list) => list.length)\n',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/domo> 8\n/);
  });

  it('starts on an embedded sandbox, evaluates await roles.list(), and exits', async () => {
    const child = spawnTs('src/cli/main.ts', ['repl'], {
      DOMO_ADMIN_REPL_HISTORY: '',
      DOMO_INSTANCE: '',
      DOMO_ACCESS_TOKEN: '',
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const waitFor = (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${pattern} in: ${output}`)), 10_000);
        const check = () => {
          if (pattern.test(output)) {
            clearTimeout(timer);
            resolve();
          } else setTimeout(check, 20);
        };
        check();
      });
    await waitFor(/domo> $/);
    expect(output).toContain('an embedded sandbox');
    child.stdin!.write('.help\n');
    await waitFor(/roles, accounts/);
    child.stdin!.write('const list = await roles.list()\n');
    await waitFor(/undefined\ndomo> $/);
    child.stdin!.write('list.map(String).slice(0, 2)\n');
    await waitFor(/DomoRole #1 "Admin"/);
    child.stdin!.write('auth\n');
    await waitFor(/DomoTokenAuth \{ instance: 'sandbox' \}/);
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin!.write('.exit\n');
    expect(await exited).toBe(0);
  });
});
