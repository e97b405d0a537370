import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  DomoGrant,
  DomoInputError,
  DomoNotFoundError,
  DomoPartialFailureError,
  DomoRole,
  DomoUser,
} from '../../src/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const roleNamed = (name: string) => [...sb.state.roles.values()].find((r) => r.name === name)!;
const usersIn = (roleId: number) => [...sb.state.users.values()].filter((u) => u.roleId === roleId).map((u) => u.id);

describe('DomoRole.get', () => {
  it('hydrates fields and prints a summary', async () => {
    const role = await DomoRole.get(sb.auth, 1);
    expect(role).toMatchObject({
      id: 1,
      name: 'Admin',
      description: 'Full access to everything',
      authorityCount: sb.state.authorities.size,
      userCount: usersIn(1).length,
      isSystemRole: true,
    });
    expect(role.createdAt).toBeInstanceOf(Date);
    expect(inspect(role)).toBe(
      `DomoRole #1 "Admin" ${sb.state.authorities.size} grants, ${usersIn(1).length} users (system)`,
    );
    expect((await DomoRole.get(sb.auth, roleNamed('Finance Editors').id)).isSystemRole).toBe(false);
    await expect(DomoRole.get(sb.auth, 424242)).rejects.toThrow(DomoNotFoundError);
  });
});

describe('grants', () => {
  it('getGrants describes each grant from the catalogue, read once per auth', async () => {
    const role = await DomoRole.get(sb.auth, 4);
    const grants = await role.getGrants();
    expect(grants[0]).toBeInstanceOf(DomoGrant);
    expect(grants.map((g) => g.id)).toEqual(sb.state.roles.get(4)!.authorities);
    expect(grants.find((g) => g.id === 'dataset.view')).toMatchObject({ title: 'View DataSets', group: 'Data' });
    await role.getGrants();
    expect(sb.state.requests.filter((r) => r.path === '/api/authorization/v1/authorities')).toHaveLength(1);
  });

  it('setGrants replaces after checking the catalogue', async () => {
    const role = await DomoRole.get(sb.auth, roleNamed('Finance Editors').id);
    expect(await role.setGrants(['user.view', 'user.invite', 'user.edit'])).toBe(role);
    expect(sb.state.roles.get(role.id)!.authorities).toEqual(['user.view', 'user.invite', 'user.edit']);
    expect(role.authorityCount).toBe(3);
  });

  it('setGrants refuses unknown grants with close matches, and missing dependencies, sending nothing', async () => {
    const role = await DomoRole.get(sb.auth, roleNamed('Finance Editors').id);
    await role.getGrants();
    const before = sb.state.counters.mutations;
    await expect(role.setGrants(['dataset.mange', 'dataset.view'])).rejects.toThrow(
      /unknown grants: dataset.mange \(did you mean dataset.manage/,
    );
    await expect(role.setGrants(['user.edit'])).rejects.toThrow(
      /missing grant dependencies: user.edit needs user.invite/,
    );
    await expect(role.setGrants('dataset.view' as never)).rejects.toThrow(DomoInputError);
    expect(sb.state.counters.mutations).toBe(before);
  });

  it('addGrants and removeGrants read, modify, write — and send nothing when nothing changes', async () => {
    const role = await DomoRole.get(sb.auth, roleNamed('Finance Editors').id);
    await role.addGrants(['dataset.export', 'content.share']);
    expect(sb.state.roles.get(role.id)!.authorities).toContain('content.share');
    const mutations = sb.state.counters.mutations;
    await role.addGrants(['content.share']);
    await role.removeGrants(['goal.admin']);
    expect(sb.state.counters.mutations).toBe(mutations);
    await role.removeGrants(['content.share']);
    expect(sb.state.roles.get(role.id)!.authorities).not.toContain('content.share');
    await expect(role.removeGrants(['dataset.view'])).rejects.toThrow(/dataset.manage needs dataset.view/);
  });
});

describe('members', () => {
  it('addMembers moves users in; removeMembers moves them to the default role', async () => {
    const role = await DomoRole.get(sb.auth, roleNamed('Data Stewards').id);
    const movers = usersIn(4).slice(0, 2);
    expect(await role.addMembers(movers)).toEqual({ added: movers, removed: [] });
    expect(await role.addMembers(movers)).toEqual({ added: [], removed: [] }); // already there: nothing sent
    const members = await role.getMembers();
    expect(members.every((m) => m instanceof DomoUser)).toBe(true);
    expect(members.map((m) => m.id)).toEqual(expect.arrayContaining(movers));
    expect(members.find((m) => m.id === movers[0])?.email).toBe(sb.state.users.get(movers[0]!)!.emailAddress);
    expect(await role.removeMembers(movers)).toEqual({ added: [], removed: movers });
    expect(movers.every((id) => sb.state.users.get(id)!.roleId === 2)).toBe(true);
  });

  it('removeMembers moves to toRoleId, refuses non-members and a target that is this role', async () => {
    const role = await DomoRole.get(sb.auth, roleNamed('Data Stewards').id);
    const [member] = usersIn(role.id);
    await role.removeMembers([member!], { toRoleId: 5 });
    expect(sb.state.users.get(member!)!.roleId).toBe(5);
    await expect(role.removeMembers([usersIn(4)[0]!])).rejects.toThrow(/do not hold role/);
    await expect(role.removeMembers([member!], { toRoleId: role.id })).rejects.toThrow(/toRoleId/);
    const defaultRole = await DomoRole.get(sb.auth, 2);
    await expect(defaultRole.removeMembers([usersIn(2)[0]!])).rejects.toThrow(/default role/);
  });
});

describe('update, default, create, delete', () => {
  it('update has patch semantics and sends nothing without a change', async () => {
    const role = await DomoRole.get(sb.auth, roleNamed('Finance Editors').id);
    await role.update({ description: 'new words' });
    expect(sb.state.roles.get(role.id)).toMatchObject({ name: 'Finance Editors', description: 'new words' });
    const mutations = sb.state.counters.mutations;
    await role.update({ name: 'Finance Editors' });
    expect(sb.state.counters.mutations).toBe(mutations);
    await role.update({ description: null });
    expect(sb.state.roles.get(role.id)!.description).toBe('');
  });

  it('quirk mode does not change the results', async () => {
    sb.state.quirks = true;
    const role = await DomoRole.create(sb.auth, { name: 'Quirky', description: 'a' });
    await role.update({ name: 'Quirky 2', description: 'b' });
    expect(role).toMatchObject({ name: 'Quirky 2', description: 'b' });
    await role.delete();
    expect(sb.state.roles.has(role.id)).toBe(false);
  });

  it('setAsDefault', async () => {
    const role = await DomoRole.get(sb.auth, 4);
    await role.setAsDefault();
    expect(sb.state.defaultRoleId).toBe(4);
    expect(role.isDefault).toBe(true);
  });

  it('create copies from a role or sets exact grants validated first', async () => {
    const copy = await DomoRole.create(sb.auth, { name: 'Editors 2', fromRoleId: 3 });
    expect(sb.state.roles.get(copy.id)!.authorities).toEqual(sb.state.roles.get(3)!.authorities);
    const exact = await DomoRole.create(sb.auth, {
      name: 'Auditors',
      description: 'read logs',
      grants: ['admin.audit.view'],
    });
    expect(sb.state.roles.get(exact.id)!.authorities).toEqual(['admin.audit.view']);
    const count = sb.state.roles.size;
    await expect(DomoRole.create(sb.auth, { name: 'Nope', grants: ['no.such'] })).rejects.toThrow(/unknown grants/);
    expect(sb.state.roles.size).toBe(count);
  });

  it('create reports a role created without its grants', async () => {
    const { http, HttpResponse } = await import('msw');
    sb.server.use(
      http.patch('*/api/authorization/v1/roles/:id/authorities', () =>
        HttpResponse.json({ message: 'nope' }, { status: 403 }),
      ),
    );
    const error = (await DomoRole.create(sb.auth, { name: 'Half', grants: ['admin.audit.view'] }).catch(
      (e: unknown) => e,
    )) as DomoPartialFailureError;
    expect(error).toBeInstanceOf(DomoPartialFailureError);
    expect(error.message).toMatch(/was created, but setting its grants failed/);
  });

  it('delete refuses system roles, the default role, and roles with members unless reassigned', async () => {
    await expect((await DomoRole.get(sb.auth, 3)).delete()).rejects.toThrow(/system role/);
    const fresh = await DomoRole.create(sb.auth, { name: 'Soon default' });
    await fresh.setAsDefault();
    await expect(fresh.delete()).rejects.toThrow(/default role/);
    await (await DomoRole.get(sb.auth, 2)).setAsDefault();
    const stewards = await DomoRole.get(sb.auth, roleNamed('Data Stewards').id);
    const members = usersIn(stewards.id);
    expect(members.length).toBeGreaterThan(0);
    await expect(stewards.delete()).rejects.toThrow(/member\(s\); pass \{ reassignTo/);
    expect(sb.state.roles.has(stewards.id)).toBe(true);
    await stewards.delete({ reassignTo: 3 });
    expect(sb.state.roles.has(stewards.id)).toBe(false);
    expect(members.every((id) => sb.state.users.get(id)!.roleId === 3)).toBe(true);
  });
});
