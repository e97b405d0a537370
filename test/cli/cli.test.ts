// The CLI in-process against a loopback sandbox (no msw in this file).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { bufferIo } from '../../src/cli/io.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';

let sb: RunningSandbox;
beforeEach(async () => {
  sb = await startSandbox();
});
afterEach(async () => {
  await sb.close();
});

async function cli(...args: string[]) {
  const io = bufferIo({ DOMO_INSTANCE: sb.instance, DOMO_ACCESS_TOKEN: sb.token, DOMO_BASE_URL: sb.url });
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}
const mutations = () => sb.state.requests.filter((r) => r.mutated);
const roleNamed = (name: string) => [...sb.state.roles.values()].find((r) => r.name === name)!;

describe('domo-admin read commands', () => {
  it('whoami', async () => {
    const { code, stdout } = await cli('whoami');
    expect(code).toBe(0);
    expect(stdout).toContain('Sandbox Admin <admin@sandbox.example> — user 1893952720, role Admin, instance sandbox');
  });

  it('every list command answers --json with one shape: { items, failed }', async () => {
    for (const args of [
      ['roles', 'list'],
      ['accounts', 'list'],
      ['accounts', 'access', '1'],
      ['oauth', 'list'],
    ]) {
      const parsed = JSON.parse((await cli('--json', ...args)).stdout) as Record<string, unknown>;
      expect(Object.keys(parsed).sort(), args.join(' ')).toEqual(['failed', 'items']);
      expect(Array.isArray(parsed.items) && Array.isArray(parsed.failed), args.join(' ')).toBe(true);
    }
  });

  it('roles list as a table and as JSON (nothing else on stdout)', async () => {
    const table = await cli('roles', 'list');
    expect(table.stdout).toMatch(/^\s+ID\s+NAME\s+GRANTS\s+USERS/);
    expect(table.stdout).toMatch(/2\s+Privileged\s+\d+\s+\d+\s+system, default/);
    const json = await cli('--json', 'roles', 'list');
    const { items: roles, failed } = JSON.parse(json.stdout) as {
      items: { id: number; name: string; isDefault: boolean }[];
      failed: unknown[];
    };
    expect(failed).toEqual([]);
    expect(roles.map((r) => r.name)).toContain('Privileged Admin');
    expect(roles.find((r) => r.id === 2)!.isDefault).toBe(true);
  });

  it('accounts list --with-config redacts secrets in text and JSON', async () => {
    const secret = sb.state.accounts.get(3)!.config.password as string;
    const text = await cli('accounts', 'list', '--with-config');
    expect(text.stdout).toContain('password=[REDACTED]');
    const json = await cli('--json', 'accounts', 'list', '--with-config', '--provider', 'snowflake');
    const parsed = JSON.parse(json.stdout) as {
      items: { id: number; config: Record<string, unknown> }[];
      failed: unknown[];
    };
    expect(parsed.items.every((a) => a.config.password === '[REDACTED]')).toBe(true);
    expect(text.stdout + json.stdout + text.stderr + json.stderr).not.toContain(secret);
  });

  it('accounts show and access take an id or an exact name', async () => {
    const byName = await cli('accounts', 'show', 'snowflake - FINANCE');
    expect(byName.code).toBe(0);
    expect(byName.stdout).toContain('DomoAccount #3 "Snowflake - finance" snowflake');
    expect(byName.stdout).toContain('password=[REDACTED]');
    const access = await cli('--json', 'accounts', 'access', '1');
    expect(JSON.parse(access.stdout).items[0]).toMatchObject({ type: 'user', accessLevel: 'OWNER' });
  });

  it('roles show lists grants and members; oauth list and show', async () => {
    const show = await cli('roles', 'show', 'finance editors');
    expect(show.stdout).toContain('grants (5): dataset.view');
    const oauth = await cli('oauth', 'list');
    expect(oauth.stdout).toContain('OZ test');
    const one = await cli('oauth', 'show', '2');
    expect(one.stdout).toContain('client_secret=[REDACTED]');
  });

  it('roles default shows the default role', async () => {
    expect((await cli('roles', 'default')).stdout).toContain('default role: DomoRole #2 "Privileged"');
  });
});

describe('domo-admin changes', () => {
  it('accounts share, unshare and rename change the sandbox', async () => {
    const user = [...sb.state.users.values()].find((u) => u.roleId === 4)!;
    expect((await cli('accounts', 'share', '3', '--user', String(user.id), '--level', 'CAN_EDIT')).code).toBe(0);
    expect(sb.state.accounts.get(3)!.shares).toContainEqual({ type: 'USER', id: user.id, accessLevel: 'CAN_EDIT' });
    const group = [...sb.state.groups.values()][5]!;
    await cli('accounts', 'share', 'Snowflake - finance', '--group', String(group.id));
    expect(sb.state.accounts.get(3)!.shares).toContainEqual({ type: 'GROUP', id: group.id, accessLevel: 'CAN_VIEW' });
    await cli('--yes', 'accounts', 'unshare', '3', '--user', String(user.id));
    expect(sb.state.accounts.get(3)!.shares.some((s) => s.id === user.id)).toBe(false);
    const renamed = await cli('accounts', 'rename', '1', 'Finance creds');
    expect(renamed.stdout).toContain('"domo_creds" → "Finance creds"');
  });

  it('roles create, grants set/add/remove, members add/remove, default, delete', async () => {
    expect((await cli('roles', 'create', 'Analysts', '--from', 'Editor', '--description', 'analysts')).code).toBe(0);
    const role = roleNamed('Analysts');
    expect(role.authorities).toEqual(roleNamed('Editor').authorities);
    await cli('--yes', 'roles', 'grants', 'set', 'Analysts', 'dataset.view', 'card.view');
    expect(roleNamed('Analysts').authorities).toEqual(['dataset.view', 'card.view']);
    const added = await cli('roles', 'grants', 'add', 'Analysts', 'dataset.export');
    expect(added.stdout).toContain('+ dataset.export');
    await cli('--yes', 'roles', 'grants', 'remove', String(role.id), 'card.view');
    expect(roleNamed('Analysts').authorities).toEqual(['dataset.view', 'dataset.export']);
    const movers = [...sb.state.users.values()]
      .filter((u) => u.roleId === 4)
      .slice(0, 2)
      .map((u) => String(u.id));
    await cli('--yes', 'roles', 'members', 'add', 'Analysts', ...movers);
    expect(movers.every((id) => sb.state.users.get(Number(id))!.roleId === role.id)).toBe(true);
    await cli('--yes', 'roles', 'members', 'remove', 'Analysts', movers[0]!, '--to-role', 'Social');
    expect(sb.state.users.get(Number(movers[0]))!.roleId).toBe(5);
    await cli('roles', 'default', 'Social');
    expect(sb.state.defaultRoleId).toBe(5);
    await cli('roles', 'default', 'Privileged');
    const deleted = await cli('--yes', 'roles', 'delete', 'Analysts', '--reassign-to', 'Participant');
    expect(deleted.code).toBe(0);
    expect(sb.state.roles.has(role.id)).toBe(false);
    expect(sb.state.users.get(Number(movers[1]))!.roleId).toBe(4);
  });

  it('--dry-run says in words what would change (raw requests with --verbose), and changes nothing', async () => {
    const before = mutations().length;
    const words = await cli('--dry-run', 'roles', 'grants', 'add', 'Finance Editors', 'content.share');
    expect(words.code).toBe(0);
    expect(words.stderr).toContain('role "Finance Editors": 1 grant(s) added\n  + content.share');
    expect(words.stdout).toContain(
      'dry run: nothing was changed: the change above was not sent (1 request(s) held back',
    );
    expect(words.stdout).not.toContain('PATCH');
    const run = await cli('--dry-run', '--verbose', 'roles', 'grants', 'add', 'Finance Editors', 'content.share');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('dry run: nothing was changed. Would send 1 request(s):');
    expect(run.stdout).toMatch(/PATCH http:\/\/127\.0\.0\.1:\d+\/api\/authorization\/v1\/roles\/\d+\/authorities/);
    expect(run.stdout).toContain('content.share');
    expect(mutations().length).toBe(before);
    const share = await cli(
      '--dry-run',
      '--json',
      'accounts',
      'share',
      '3',
      '--user',
      String([...sb.state.users.keys()][5]),
    );
    expect(JSON.parse(share.stdout)).toMatchObject({ dryRun: true, wouldSend: [{ method: 'PUT' }] });
    expect(mutations().length).toBe(before);
  });
});

describe('domo-admin errors', () => {
  it('an error is one line on stderr with exit 1', async () => {
    const missing = await cli('accounts', 'show', '999');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(
      /^DomoNotFoundError: GET \/api\/data\/v1\/accounts\/999\?unmask=false → 404 \(account 999 not found or not shared with you/,
    );
  });

  it('bad arguments say what is valid', async () => {
    expect((await cli('roles', 'show', 'Admins')).stderr).toContain('no such role: "Admins" (did you mean "Admin"');
    expect((await cli('roles', 'grants', 'add', 'Admin', 'dataset.mange')).stderr).toContain(
      'did you mean dataset.manage',
    );
    const level = await cli('accounts', 'share', '3', '--user', '5', '--level', 'READ_ONLY');
    expect(level.code).toBe(2);
    expect(level.stderr).toContain('access level must be one of OWNER, CAN_SHARE, CAN_EDIT, CAN_VIEW, NO_ACCESS');
    const id = await cli('accounts', 'rename', 'abc', 'x');
    expect(id.stderr).toContain('no such account: "abc"'); // an id or an exact name, as everywhere
    const members = await cli('--yes', 'roles', 'members', 'add', 'Admin', 'bob');
    expect(members.stderr).toContain('users[0] must be a user id, an email or a DomoUser, got "bob"');
  });

  it('usage errors exit 2 with help; --help exits 0', async () => {
    const unknown = await cli('roles', 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Run 'domo-admin roles --help' for usage.");
    expect(unknown.stderr).not.toContain('Usage:'); // one line and where to look, not the whole help
    const help = await cli('roles', 'grants', 'set', '--help');
    expect(help.stdout).toContain('Global Options:');
    expect(help.stdout).toContain('--yes');
    const noPrincipal = await cli('accounts', 'share', '3');
    expect(noPrincipal.code).toBe(2);
    expect(noPrincipal.stderr).toContain('give --user <id|email> or --group <id|name>');
    const both = await cli('accounts', 'share', '3', '--user', '1', '--group', '2');
    expect(both.code).toBe(2);
    expect((await cli('--help')).code).toBe(0);
  });

  it('no command, or a group with no subcommand, prints help and exits 2', async () => {
    for (const args of [[], ['roles'], ['accounts'], ['roles', 'grants'], ['oauth']]) {
      const io = bufferIo({});
      expect(await runCli(args, io), args.join(' ') || '(none)').toBe(2);
      expect(io.stdout() + io.stderr(), args.join(' ')).toContain('Usage: domo-admin');
    }
  });

  it('without credentials it says how to get some', async () => {
    const io = bufferIo({});
    expect(await runCli(['whoami'], io)).toBe(1);
    expect(io.stderr()).toContain('DOMO_INSTANCE is not set');
    expect(io.stderr()).toContain('--sandbox');
  });
});
