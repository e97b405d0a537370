// Issue 24 §3: the red team's findings on the CLI's files, profiles and refusals (each failed before its fix).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTs, spawnTs } from '../helpers/cli.js';
import { useLoopbackCli } from '../helpers/loopback.js';
import { specFolder } from '../helpers/specs.js';

const loopback = useLoopbackCli();
const cli = (...args: string[]) => loopback.cli(args);
const state = () => loopback.sandbox().state;
const mutations = () => state().requests.filter((r) => r.mutated);
const SPEC = 'roles:\n  Auditors: { description: Logs, grants: [admin.audit.view, user.view] }\n';

const folder = () => specFolder(SPEC);

describe('#13, #16: files that cannot be written lose nothing and say why', () => {
  it('plan spec.yaml --out spec.yaml keeps the spec, and the plan is still printed', async () => {
    const dir = await folder();
    const spec = join(dir, 'spec.yaml');
    const run = await cli('plan', spec, '--out', spec);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('+ role "Auditors"');
    expect(run.stderr).toContain('DomoFileError: cannot write the plan');
    expect(run.stderr).toContain('is the spec being planned');
    expect(await readFile(spec, 'utf8')).toBe(SPEC);
  });

  it('plan --out at a folder, a missing folder or another file: typed errors, the plan printed', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'notes.txt'), 'my notes');
    for (const [out, words] of [
      [dir, 'is a folder'],
      [join(dir, 'missing', 'plan.json'), 'the folder it is in does not exist'],
      [join(dir, 'notes.txt'), 'exists and is not a saved plan'],
    ] as const) {
      const run = await cli('plan', join(dir, 'spec.yaml'), '--out', out);
      expect(run.code, out).toBe(1);
      expect(run.stdout, out).toContain('+ role "Auditors"');
      expect(run.stderr, out).toContain('DomoFileError');
      expect(run.stderr, out).toContain(words);
    }
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('my notes');
  });

  it('apply --snapshot-dir at a file: a typed error and nothing applied', async () => {
    const dir = await folder();
    await writeFile(join(dir, 'taken'), 'a file');
    const run = await cli('apply', join(dir, 'spec.yaml'), '--yes', '--snapshot-dir', join(dir, 'taken'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DomoFileError: cannot write the snapshot');
    expect(run.stderr).toContain('nothing was applied');
    expect(mutations()).toHaveLength(0);
  });

  it('audit --html at a folder and --csv at a file: the read is printed, each failure named, exit 1', async () => {
    const dir = await folder();
    await mkdir(join(dir, 'report.html'));
    await writeFile(join(dir, 'csv'), 'a file');
    const run = await cli('audit', '--html', join(dir, 'report.html'), '--csv', join(dir, 'csv'));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\d+ users, \d+ roles/);
    expect(run.stderr).toContain('cannot write the HTML report');
    expect(run.stderr).toContain('is a folder');
    expect(run.stderr).toContain('cannot write the CSV reports');
    expect(run.stderr).not.toMatch(/EISDIR|EEXIST|ENOTDIR/);
  });
});

describe('#22, #3: refusals that point the right way', () => {
  it('apply <snapshot> points to restore', async () => {
    const dir = await folder();
    const file = join(dir, 'snapshot.json');
    await writeFile(file, JSON.stringify({ format: 'domo-admin-snapshot', version: 1 }));
    const run = await cli('apply', file, '--yes');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `is a snapshot, not a spec or a saved plan: to go back to it, run \`domo-admin restore ${file}\``,
    );
  });

  it('offboarding the signed-in admin with --delete-user is refused before anything changes, dry run too', async () => {
    const admin = state().users.get(state().adminUserId)!;
    state().accounts.get(1)!.shares = [{ type: 'USER', id: admin.id, accessLevel: 'OWNER' }];
    const other = [...state().users.values()].find((u) => !u.deleted && !u.locked && u.id !== admin.id)!;
    for (const dry of [['--dry-run'], []]) {
      const run = await cli(...dry, 'offboard', admin.emailAddress, '--to', other.emailAddress, '--delete-user');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('is the signed-in user');
    }
    expect(mutations()).toHaveLength(0);
  });
});

describe('#9, #18: profiles', () => {
  it('a token pasted as token_env is never echoed', async () => {
    const token = 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2c3d4';
    await writeFile(
      join(loopback.dir(), 'profiles.yaml'),
      `profiles:\n  dev: { instance: acme, token_env: ${token} }\n`,
    );
    const run = await loopback.cli(['--profile', 'dev', 'whoami']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('looks like a token or password');
    expect(run.stderr).not.toContain(token);
  });

  it('--profile toString, __proto__, constructor and hasOwnProperty are "no profile"', async () => {
    await writeFile(
      join(loopback.dir(), 'profiles.yaml'),
      'profiles:\n  dev: { instance: acme, token_env: DEV_TOKEN }\n',
    );
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      const run = await loopback.cli(['--profile', name, 'whoami']);
      expect(run.stderr, name).toContain(`no profile "${name}"`);
    }
  });
});

describe('#10: --sandbox diff with a missing profile or spec exits', () => {
  it('prints the error and exits 1 (it used to hang with the sandbox still listening)', async () => {
    const dir = await folder();
    const env = { DOMO_ADMIN_DIR: dir, DOMO_ADMIN_PROFILES: join(dir, 'none.yaml') };
    for (const from of ['nosuchprofile', join(dir, 'missing.yaml')]) {
      const run = await runTs('src/cli/main.ts', ['--sandbox', 'diff', '--from', from, '--to', 'instance'], env);
      expect(run.code, from).toBe(1);
      expect(run.stderr, from).toMatch(/DomoInputError/);
    }
  }, 60_000);
});

describe('#23: bad user references are usage errors', () => {
  it('--user -1, 1e3, 0x10 and abc exit 2 before anything is sent', async () => {
    for (const bad of ['-1', '1e3', '0x10', 'abc']) {
      for (const args of [
        ['accounts', 'share', '1', '--user', bad],
        ['users', 'show', bad],
        ['access', bad],
        ['offboard', bad, '--to', 'someone@sandbox.example'],
      ]) {
        const run = await cli(...args);
        expect(run.code, args.join(' ')).toBe(2);
        expect(run.stderr, args.join(' ')).toContain('must be a user id');
      }
    }
    expect(state().requests).toHaveLength(0);
  });
});

describe('#11: Ctrl-C during apply', () => {
  it('says how far it got and where the snapshot is, and exits 130', async () => {
    const dir = await folder();
    const spec = ['roles:', ...Array.from({ length: 6 }, (_, i) => `  Batch ${i}: { description: d${i} }`), ''].join(
      '\n',
    );
    await writeFile(join(dir, 'many.yaml'), spec);
    const sb = loopback.sandbox();
    sb.state.faults = { latencyMs: 150 };
    const child = spawnTs('src/cli/main.ts', ['apply', join(dir, 'many.yaml'), '--yes'], {
      DOMO_INSTANCE: sb.instance,
      DOMO_ACCESS_TOKEN: sb.token,
      DOMO_BASE_URL: sb.url,
      DOMO_ADMIN_DIR: dir,
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve) =>
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/\[1\/6\]/.test(stderr)) resolve();
      }),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/interrupted: [1-6] of 6 change\(s\) were applied/);
    expect(stderr).toMatch(/undo: domo-admin restore .+snapshots/);
  }, 60_000);
});
