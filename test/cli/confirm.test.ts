// Every write that removes, replaces, deletes, revokes or transfers shows what will change and asks: in a terminal
// "Type yes to apply", elsewhere it refuses unless --yes; nothing is sent without consent. In-process against a
// loopback sandbox (a terminal played by bufferIo's answers), and once through a real pseudo-terminal.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { bufferIo } from '../../src/cli/io.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { ROOT } from '../helpers/cli.js';

let sb: RunningSandbox;
beforeEach(async () => {
  sb = await startSandbox();
});
afterEach(async () => {
  await sb.close();
});

/** Runs the CLI; with `answers`, as if in a terminal that types them. */
async function cli(args: string[], answers?: string[]) {
  const io = bufferIo({ DOMO_INSTANCE: sb.instance, DOMO_ACCESS_TOKEN: sb.token, DOMO_BASE_URL: sb.url }, answers);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}
const mutations = () => sb.state.requests.filter((r) => r.mutated).length;
const role = (name: string) => [...sb.state.roles.values()].find((r) => r.name === name)!;
const participant = () =>
  [...sb.state.users.values()].find((u) => u.roleId === 4 && !u.emailAddress.includes('_deleted_'))!;

/** Every write that needs consent, with what its preview must say. */
const WRITES: { name: string; args: () => string[]; preview: RegExp }[] = [
  {
    name: 'roles grants set (shows the grants it removes)',
    args: () => ['roles', 'grants', 'set', 'Editor', 'dataset.view'],
    preview: /role "Editor" \(\d+ member\(s\)\): \d+ grant\(s\) removed[\s\S]*− /,
  },
  {
    name: 'roles grants remove',
    args: () => ['roles', 'grants', 'remove', 'Editor', 'dataset.export'],
    preview: /− dataset\.export/,
  },
  {
    name: 'roles delete',
    args: () => ['roles', 'delete', 'Finance Editors', '--reassign-to', 'Participant'],
    preview: /− role "Finance Editors"/,
  },
  {
    name: 'roles members add (moves users out of their role)',
    args: () => ['roles', 'members', 'add', 'Editor', participant().emailAddress],
    preview: /~ .*: Participant → Editor/,
  },
  {
    name: 'users set-role',
    args: () => ['users', 'set-role', participant().emailAddress, 'Editor'],
    preview: /~ role: Participant → Editor/,
  },
  { name: 'groups delete', args: () => ['groups', 'delete', 'Finance'], preview: /− group "Finance"/ },
  {
    name: 'accounts unshare',
    args: () => ['accounts', 'unshare', '1', '--user', 'admin@sandbox.example'],
    preview: /− user admin@sandbox\.example: OWNER/,
  },
  {
    name: 'accounts delete',
    args: () => ['accounts', 'delete', 'domo_creds'],
    preview: /− DomoAccount #1 "domo_creds"/,
  },
  {
    name: 'accounts transfer-owner',
    args: () => ['accounts', 'transfer-owner', '1', '--to', participant().emailAddress],
    preview: /\+ .*: OWNER\n\s+− admin@sandbox\.example: OWNER/,
  },
  {
    name: 'oauth unshare',
    args: () => ['oauth', 'unshare', String([...sb.state.templates.keys()][0]), '--user', 'admin@sandbox.example'],
    preview: /− user admin@sandbox\.example: OWNER/,
  },
];

describe('a write that removes or replaces', () => {
  for (const write of WRITES) {
    it(`${write.name}: previews, and refuses without a terminal unless --yes; nothing is sent`, async () => {
      const before = mutations();
      const refused = await cli(write.args());
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(write.preview);
      expect(refused.stderr).toContain('run again with --yes (needed when not in a terminal)');
      expect(mutations()).toBe(before);
    });
  }

  it('in a terminal asks "Type yes to apply"; anything but yes changes nothing, yes applies', async () => {
    const editor = role('Editor').authorities.length;
    const args = ['roles', 'grants', 'set', 'Editor', 'dataset.view'];
    const declined = await cli(args, ['y']);
    expect(declined.stderr).toContain('Type yes to apply: ');
    expect(declined.stderr).toContain('nothing was changed: not confirmed');
    expect(declined.code).toBe(1);
    expect(role('Editor').authorities).toHaveLength(editor);
    const applied = await cli(args, ['yes']);
    expect(applied.code).toBe(0);
    expect(role('Editor').authorities).toEqual(['dataset.view']);
  });

  it('--yes applies without asking; --dry-run shows the preview and sends nothing', async () => {
    const before = mutations();
    const dry = await cli(['--dry-run', 'roles', 'grants', 'remove', 'Editor', 'dataset.export']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('− dataset.export');
    expect(mutations()).toBe(before);
    expect((await cli(['--yes', 'roles', 'grants', 'remove', 'Editor', 'dataset.export'])).code).toBe(0);
    expect(role('Editor').authorities).not.toContain('dataset.export');
  });

  it('a removal that breaks a dependency is refused before the preview, nothing asked', async () => {
    const run = await cli(['roles', 'grants', 'remove', 'Editor', 'dataset.view'], []);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('missing grant dependencies');
    expect(run.stderr).not.toContain('Type yes');
  });

  it('adding only (grants add, a new share) does not ask', async () => {
    expect((await cli(['roles', 'grants', 'add', 'Editor', 'dataset.export'])).code).toBe(0);
    const user = participant();
    expect((await cli(['accounts', 'share', '1', '--user', user.emailAddress])).code).toBe(0);
  });

  it('apply asks in a terminal instead of only failing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'confirm-'));
    await writeFile(join(dir, 'spec.yaml'), 'roles:\n  Confirmed Role:\n    description: asked first\n');
    const applied = await cli(['apply', join(dir, 'spec.yaml'), '--snapshot-dir', dir], ['yes']);
    expect(applied.stderr).toContain('Type yes to apply: ');
    expect(applied.code).toBe(0);
    expect(role('Confirmed Role')).toBeDefined();
  });
});

describe('in a real pseudo-terminal', () => {
  /** The CLI's environment in a terminal: pointed at the loopback sandbox. */
  const terminalEnv = (): NodeJS.ProcessEnv => ({
    ...process.env,
    DOMO_INSTANCE: sb.instance,
    DOMO_ACCESS_TOKEN: sb.token,
    DOMO_BASE_URL: sb.url,
  });
  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.runIf(hasScript || process.env.REQUIRE_PTY === '1')(
    'asks on the terminal, in colour, and applies after "yes"',
    async () => {
      const env = terminalEnv();
      delete env.NO_COLOR;
      delete env.FORCE_COLOR;
      const command = 'node --import tsx src/cli/main.ts roles grants remove Editor dataset.export';
      // script(1) gives the CLI a terminal; the answer is typed once the question is on it.
      const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd: ROOT, env });
      let seen = '';
      child.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('Type yes to apply:') && !seen.includes('yes\r\n')) child.stdin.write('yes\r');
      });
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(seen).toContain('\x1b[31m− \x1b[39mdataset.export'); // a terminal gets colour
      expect(seen).toContain('Type yes to apply:');
      expect(status).toBe(0);
      expect(role('Editor').authorities).not.toContain('dataset.export');
    },
    60_000,
  );

  it.runIf(hasScript || process.env.REQUIRE_PTY === '1')(
    'the progress line clears itself before the result',
    async () => {
      const env = terminalEnv();
      const child = spawn('script', ['-qefc', 'node --import tsx src/cli/main.ts users list --limit 3', '/dev/null'], {
        cwd: ROOT,
        env,
      });
      let seen = '';
      child.stdout.on('data', (chunk: Buffer) => (seen += chunk.toString()));
      expect(await new Promise<number | null>((resolve) => child.on('close', resolve))).toBe(0);
      const progress = seen.lastIndexOf('users 3');
      const cleared = seen.indexOf('\x1b[2K', progress);
      expect(progress).toBeGreaterThanOrEqual(0);
      expect(cleared).toBeGreaterThan(progress); // the line is erased…
      expect(seen.indexOf('EMAIL', cleared)).toBeGreaterThan(cleared); // …before the table is printed
    },
    60_000,
  );
});

describe('the credential commands, on accounts and OAuth templates alike', () => {
  it('oauth share and unshare, accounts transfer-owner, rename by name and delete, with --yes', async () => {
    const template = [...sb.state.templates.values()][0]!;
    const user = participant();
    expect((await cli(['oauth', 'share', String(template.id), '--user', user.emailAddress])).code).toBe(0);
    const access = () => sb.state.templates.get(template.id)!;
    expect(JSON.stringify(access())).toContain(String(user.id));
    expect((await cli(['--yes', 'oauth', 'unshare', template.displayName, '--user', user.emailAddress])).code).toBe(0);
    const moved = await cli(['--yes', 'accounts', 'transfer-owner', 'domo_creds', '--to', user.emailAddress]);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain('owners now');
    expect((await cli(['accounts', 'rename', 'domo_creds', 'domo creds (old)'])).code).toBe(0);
    expect(sb.state.accounts.get(1)!.displayName).toBe('domo creds (old)');
    expect((await cli(['--yes', 'accounts', 'delete', 'domo creds (old)'])).code).toBe(0);
    expect(sb.state.accounts.has(1)).toBe(false);
  });
});

describe('role and group updates', () => {
  it('roles update and groups update change only what is given; a dry run says it in words', async () => {
    const dry = await cli(['--dry-run', 'roles', 'update', 'Finance Editors', '--name', 'Finance Authors']);
    expect(dry.stderr).toContain('~ name: "Finance Editors" → "Finance Authors"');
    expect(role('Finance Editors')).toBeDefined();
    expect((await cli(['roles', 'update', 'finance editors', '--name', 'Finance Authors'])).code).toBe(0);
    expect(role('Finance Authors').description).toBe(role('Finance Authors').description); // kept
    const group = [...sb.state.groups.values()].find((g) => g.name === 'Finance')!;
    const run = await cli(['groups', 'update', 'finance', '--type', 'closed', '--description', 'the money people']);
    expect(run.code).toBe(0);
    expect(sb.state.groups.get(group.id)).toMatchObject({
      name: 'Finance',
      type: 'closed',
      description: 'the money people',
    });
    expect((await cli(['groups', 'update', 'Finance', '--type', 'secret'])).code).not.toBe(0);
  });
  it('a dry run of a create says in words what it would create, without an error line for the missing answer', async () => {
    for (const [args, line] of [
      [['roles', 'create', 'Auditors', '--from', 'Editor'], '+ role "Auditors" with the grants of "Editor"'],
      [['groups', 'create', 'Reviewers', '--type', 'closed'], '+ group "Reviewers" (closed)'],
      [['users', 'create', 'new@sandbox.example', '--name', 'New'], '+ user new@sandbox.example ("New", role'],
    ] as const) {
      const run = await cli(['--dry-run', ...args]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain(line);
      expect(run.stdout).toContain('nothing after it is listed: the next step needs its answer');
      expect(run.stdout).not.toMatch(/Error/);
    }
    expect(role('Auditors')).toBeUndefined();
  });
});
