// The users, groups, grants and providers commands, in-process against a loopback sandbox (no msw in this file).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useLoopbackCli } from '../helpers/loopback.js';

const loopback = useLoopbackCli();
const cli = (...args: string[]) => loopback.cli(args);
const live = () =>
  [...loopback.sandbox().state.users.values()].filter(
    (u) => !u.deleted && !u.locked && u.id !== loopback.sandbox().state.adminUserId,
  );
const named = (name: string) => [...loopback.sandbox().state.groups.values()].find((g) => g.name === name)!;

describe('domo-admin users', () => {
  it('list (table and { items, failed }), show by email, find', async () => {
    const table = await cli('users', 'list');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^\s+ID\s+NAME\s+EMAIL\s+ROLE/);
    const json = JSON.parse((await cli('--json', 'users', 'list')).stdout) as {
      items: { id: number }[];
      failed: unknown[];
    };
    expect(json.items).toHaveLength([...loopback.sandbox().state.users.values()].filter((u) => !u.deleted).length);
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
    expect(loopback.sandbox().state.users.get(id)).toMatchObject({ roleId: 4 });
    expect((await cli('--yes', 'users', 'set-role', 'ada@sandbox.example', 'Editor')).code).toBe(0);
    expect(loopback.sandbox().state.users.get(id)!.roleId).toBe(3);
    await cli('users', 'update', 'ada@sandbox.example', '--title', 'Countess', '--department', 'Maths');
    expect(loopback.sandbox().state.users.get(id)).toMatchObject({ jobTitle: 'Countess', department: 'Maths' });
    await cli('users', 'update', String(id), '--department', '');
    expect(loopback.sandbox().state.users.get(id)!.department).toBeUndefined();
    const owner = [...loopback.sandbox().state.accounts.values()]
      .map((a) => a.shares.find((s) => s.accessLevel === 'OWNER')!.id)
      .find((o) => o !== loopback.sandbox().state.adminUserId)!;
    const refused = await cli('--yes', 'users', 'delete', String(owner));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('pass --transfer-to <user> to hand them over first');
    const done = await cli('--yes', 'users', 'delete', String(owner), '--transfer-to', 'ada@sandbox.example');
    expect(done.code).toBe(0);
    expect(loopback.sandbox().state.users.get(owner)!.deleted).toBe(true);
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
    expect(list.items).toHaveLength(loopback.sandbox().state.groups.size);
    const show = await cli('groups', 'show', 'finance');
    expect(show.stdout).toContain('DomoGroup #');
    expect(show.stdout).toContain('OWNER');
    expect((await cli('groups', 'create', 'Reviewers', '--type', 'closed')).code).toBe(0);
    const [a, b] = live();
    const added = await cli('--json', 'groups', 'add', 'Reviewers', a!.emailAddress, String(b!.id));
    expect(JSON.parse(added.stdout)).toMatchObject({
      type: 'group',
      name: 'Reviewers',
      added: [
        { type: 'user', id: a!.id, as: 'member' },
        { type: 'user', id: b!.id, as: 'member' },
      ],
      removed: [],
    });
    await cli('--yes', 'groups', 'remove', 'Reviewers', a!.emailAddress);
    expect(named('Reviewers').userIds).toEqual([b!.id]);
    const owners = await cli('--json', 'groups', 'owners', 'Reviewers', '--add', b!.emailAddress);
    expect(JSON.parse(owners.stdout)).toMatchObject({ added: [{ type: 'user', id: b!.id, as: 'owner' }], removed: [] });
    const shown = JSON.parse((await cli('--json', 'groups', 'owners', 'Reviewers')).stdout) as {
      owners: { id: number }[];
    };
    expect(shown.owners.map((o) => o.id)).toContain(b!.id);
    expect((await cli('--yes', 'groups', 'delete', 'Reviewers')).code).toBe(0);
    expect([...loopback.sandbox().state.groups.values()].some((g) => g.name === 'Reviewers')).toBe(false);
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
    expect((await cli('--yes', 'roles', 'members', 'add', 'Editor', a!.emailAddress)).code).toBe(0);
    expect(loopback.sandbox().state.users.get(a!.id)!.roleId).toBe(3);
    expect((await cli('accounts', 'share', '3', '--user', a!.emailAddress, '--level', 'CAN_EDIT')).code).toBe(0);
    expect(loopback.sandbox().state.accounts.get(3)!.shares).toContainEqual({
      type: 'USER',
      id: a!.id,
      accessLevel: 'CAN_EDIT',
    });
    const shared = await cli('accounts', 'share', '3', '--group', 'Finance');
    expect(shared.stdout).toContain('group "Finance" now has CAN_VIEW');
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

describe('domo-admin export', () => {
  it('prints the instance as a spec that loads back; --only limits it', async () => {
    const { loadSpec } = await import('../../src/governance/load.js');
    const run = await cli('export');
    expect(run.code).toBe(0);
    const spec = loadSpec(run.stdout);
    expect(spec.roles).toHaveProperty('Data Stewards');
    expect(spec.groups).toHaveProperty('Finance');
    const only = loadSpec((await cli('export', '--only', 'roles')).stdout);
    expect(only.groups).toBeUndefined();
    expect((await cli('export', '--only', 'people')).code).toBe(2);
  });
});

describe('domo-admin plan', () => {
  it('exit 0 when the instance matches, 2 with changes (and --out writes the plan), 1 for a bad spec', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'domo-plan-'));
    const exported = (await cli('export', '--only', 'roles')).stdout;
    await writeFile(join(dir, 'same.yaml'), exported);
    const same = await cli('plan', join(dir, 'same.yaml'));
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No changes');
    await writeFile(
      join(dir, 'more.yaml'),
      'roles:\n  Auditors: { grants: [admin.audit.view, user.view] }\ndefault_role: Editor\n',
    );
    const more = await cli('plan', join(dir, 'more.yaml'), '--out', join(dir, 'plan.json'));
    expect(more.code).toBe(2);
    expect(more.stdout).toContain('+ role "Auditors"');
    expect(JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8'))).toMatchObject({ summary: { create: 1 } });
    await writeFile(join(dir, 'bad.yaml'), 'roles:\n  Auditors: { grnts: [] }\n');
    const bad = await cli('plan', join(dir, 'bad.yaml'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.yaml:2:');
    expect((await cli('plan', join(dir, 'missing.yaml'))).stderr).toContain('no such file');
  });
});

describe('domo-admin apply', () => {
  it('shows the plan and applies nothing without --yes; with --yes applies and reports; destructive needs --allow-destructive', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'domo-apply-'));
    await writeFile(
      join(dir, 'spec.yaml'),
      'roles:\n  Auditors: { description: Logs, grants: [admin.audit.view, user.view] }\n',
    );
    const asked = await cli('apply', join(dir, 'spec.yaml'));
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain('+ role "Auditors"');
    expect(asked.stderr).toContain('nothing was applied: review the plan above, then run again with --yes');
    expect([...loopback.sandbox().state.roles.values()].some((r) => r.name === 'Auditors')).toBe(false);
    const applied = await cli('apply', join(dir, 'spec.yaml'), '--yes');
    expect(applied.code).toBe(0);
    expect(applied.stderr).toContain('[1/1] created role "Auditors"');
    expect(applied.stdout).toContain('✓ applied 1 change(s); the instance now matches the spec');
    expect((await cli('plan', join(dir, 'spec.yaml'))).code).toBe(0);
    await writeFile(join(dir, 'empty.yaml'), 'roles:\n  Data Stewards: { members: [], membership: authoritative }\n');
    const refused = await cli('apply', join(dir, 'empty.yaml'), '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'destructive change(s); nothing was applied. Review them, then pass --allow-destructive',
    );
    expect((await cli('apply', join(dir, 'empty.yaml'), '--yes', '--allow-destructive')).code).toBe(0);
  });
});
