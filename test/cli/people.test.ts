// The users, groups, grants and providers commands, in-process against a loopback sandbox (no msw in this file).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
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
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);
const named = (name: string) => [...sb.state.groups.values()].find((g) => g.name === name)!;

describe('domo-admin users', () => {
  it('list (table and { items, failed }), show by email, find', async () => {
    const table = await cli('users', 'list');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^\s+ID\s+NAME\s+EMAIL\s+ROLE/);
    const json = JSON.parse((await cli('--json', 'users', 'list')).stdout) as {
      items: { id: number }[];
      failed: unknown[];
    };
    expect(json.items).toHaveLength([...sb.state.users.values()].filter((u) => !u.deleted).length);
    const user = live()[0]!;
    const show = await cli('users', 'show', user.emailAddress.toUpperCase());
    expect(show.stdout).toContain(`DomoUser #${user.id}`);
    expect(show.stdout).toContain('groups:');
    const find = JSON.parse((await cli('--json', 'users', 'find', user.displayName.split(' ')[1]!)).stdout) as {
      items: { id: number }[];
    };
    expect(find.items.map((u) => u.id)).toContain(user.id);
  });

  it('create, set-role by name, update, delete with --transfer-to', async () => {
    const created = await cli(
      '--json',
      'users',
      'create',
      'ada@sandbox.example',
      '--name',
      'Ada Lovelace',
      '--role',
      'Participant',
    );
    expect(created.code).toBe(0);
    const id = (JSON.parse(created.stdout) as { id: number }).id;
    expect(sb.state.users.get(id)).toMatchObject({ roleId: 4 });
    expect((await cli('users', 'set-role', 'ada@sandbox.example', 'Editor')).code).toBe(0);
    expect(sb.state.users.get(id)!.roleId).toBe(3);
    await cli('users', 'update', 'ada@sandbox.example', '--title', 'Countess', '--department', 'Maths');
    expect(sb.state.users.get(id)).toMatchObject({ jobTitle: 'Countess', department: 'Maths' });
    await cli('users', 'update', String(id), '--department', '');
    expect(sb.state.users.get(id)!.department).toBeUndefined();
    const owner = [...sb.state.accounts.values()]
      .map((a) => a.shares.find((s) => s.accessLevel === 'OWNER')!.id)
      .find((o) => o !== sb.state.adminUserId)!;
    const refused = await cli('users', 'delete', String(owner));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('pass --transfer-to <user> to hand them over first');
    const done = await cli('users', 'delete', String(owner), '--transfer-to', 'ada@sandbox.example');
    expect(done.code).toBe(0);
    expect(sb.state.users.get(owner)!.deleted).toBe(true);
  });

  it('an unknown email says so', async () => {
    const run = await cli('users', 'show', 'ghost@sandbox.example');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no such user: ghost@sandbox.example');
  });
});

describe('domo-admin groups', () => {
  it('list, show by name, create, add and remove by email, owners, delete', async () => {
    const list = JSON.parse((await cli('--json', 'groups', 'list')).stdout) as { items: { name: string }[] };
    expect(list.items).toHaveLength(sb.state.groups.size);
    const show = await cli('groups', 'show', 'finance');
    expect(show.stdout).toContain('DomoGroup #');
    expect(show.stdout).toContain('OWNER');
    expect((await cli('groups', 'create', 'Reviewers', '--type', 'closed')).code).toBe(0);
    const [a, b] = live();
    const added = await cli('--json', 'groups', 'add', 'Reviewers', a!.emailAddress, String(b!.id));
    expect(JSON.parse(added.stdout)).toMatchObject({ added: [a!.id, b!.id], removed: [], memberCount: 2 });
    await cli('groups', 'remove', 'Reviewers', a!.emailAddress);
    expect(named('Reviewers').userIds).toEqual([b!.id]);
    const owners = await cli('--json', 'groups', 'owners', 'Reviewers', '--add', b!.emailAddress);
    expect((JSON.parse(owners.stdout) as { owners: { id: number }[] }).owners.map((o) => o.id)).toContain(b!.id);
    expect((await cli('groups', 'delete', 'Reviewers')).code).toBe(0);
    expect([...sb.state.groups.values()].some((g) => g.name === 'Reviewers')).toBe(false);
  });

  it('refuses membership edits of a system group', async () => {
    const run = await cli('groups', 'add', 'All Users', live()[0]!.emailAddress);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('managed by Domo');
  });
});

describe('members and shares by email', () => {
  it('roles members add takes emails; accounts share takes --user email and --group name', async () => {
    const [a] = live().filter((u) => u.roleId === 4);
    expect((await cli('roles', 'members', 'add', 'Editor', a!.emailAddress)).code).toBe(0);
    expect(sb.state.users.get(a!.id)!.roleId).toBe(3);
    expect((await cli('accounts', 'share', '3', '--user', a!.emailAddress, '--level', 'CAN_EDIT')).code).toBe(0);
    expect(sb.state.accounts.get(3)!.shares).toContainEqual({ type: 'USER', id: a!.id, accessLevel: 'CAN_EDIT' });
    const shared = await cli('accounts', 'share', '3', '--group', 'Finance');
    expect(shared.stdout).toContain(`group ${named('Finance').id} "Finance" now has CAN_VIEW`);
  });
});

describe('catalogues', () => {
  it('grants list and providers list', async () => {
    const grants = JSON.parse((await cli('--json', 'grants', 'list')).stdout) as { items: { id: string }[] };
    expect(grants.items.map((g) => g.id)).toContain('dataset.manage');
    const providers = JSON.parse((await cli('--json', 'providers', 'list')).stdout) as { items: { key: string }[] };
    expect(providers.items.map((p) => p.key)).toContain('snowflake');
    expect((await cli('grants', 'list')).stdout).toMatch(/^GRANT\s+TITLE\s+GROUP\s+NEEDS/);
  });
});
