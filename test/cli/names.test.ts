// Names, not ids: tables show role names; users list filters by role and group (by name, case-insensitive, checked
// here on every row) and stops at --limit.
import { describe, expect, it } from 'vitest';
import { useLoopbackCli } from '../helpers/loopback.js';

const loopback = useLoopbackCli();

const cli = (...args: string[]) => loopback.cli(args);
const live = () => [...loopback.sandbox().state.users.values()].filter((u) => !u.emailAddress.includes('_deleted_'));

describe('names, not ids', () => {
  it('whoami --json is the user kind users show prints: email, not emailAddress; the role by name', async () => {
    const me = JSON.parse((await cli('--json', 'whoami')).stdout) as Record<string, unknown>;
    const shown = JSON.parse((await cli('--json', 'users', 'show', 'admin@sandbox.example')).stdout) as Record<
      string,
      unknown
    >;
    expect(me).toMatchObject({ email: 'admin@sandbox.example', role: 'Admin', instance: 'sandbox' });
    expect(me).not.toHaveProperty('emailAddress');
    for (const key of ['id', 'displayName', 'email', 'role']) expect(me[key], key).toEqual(shown[key]);
  });

  it('users list shows the role by name', async () => {
    const run = await cli('users', 'list');
    const admin = run.stdout.split('\n').find((line) => line.includes('admin@sandbox.example'))!;
    expect(admin).toMatch(/\bAdmin\b/);
    expect(run.stdout).not.toMatch(/admin@sandbox\.example\s+1\s/);
  });

  it('users list --role editor: exactly the Editors (name case-insensitive)', async () => {
    const editors = live().filter((u) => u.roleId === 3);
    const run = await cli('--json', 'users', 'list', '--role', 'editor');
    const items = (JSON.parse(run.stdout) as { items: { id: number }[] }).items;
    expect(items.map((u) => u.id).sort()).toEqual(editors.map((u) => u.id).sort());
  });

  it('users list --group Finance --limit 2', async () => {
    const finance = [...loopback.sandbox().state.groups.values()].find((g) => g.name === 'Finance')!;
    const run = await cli('--json', 'users', 'list', '--group', 'finance', '--limit', '2');
    const items = (JSON.parse(run.stdout) as { items: { id: number }[] }).items;
    expect(items).toHaveLength(Math.min(2, finance.userIds.length));
    for (const user of items) expect(finance.userIds).toContain(user.id);
  });

  it('an unknown role or a bad limit says so', async () => {
    const role = await cli('users', 'list', '--role', 'Editr');
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('did you mean "Editor"');
    expect((await cli('users', 'list', '--limit', '0')).code).toBe(2);
  });
});
