import { describe, expect, it } from 'vitest';
import { raw, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const t = () => sb.state.adminToken;
const roleNamed = (name: string) => [...sb.state.roles.values()].find((r) => r.name === name)!;

describe('sandbox roles', () => {
  it('lists and gets roles in the §5.8 shape; 404 for a missing role', async () => {
    const roles = (await raw('GET', '/api/authorization/v1/roles', { token: t() })).body as Record<string, unknown>[];
    expect(Object.keys(roles[0]!).sort()).toEqual([
      'authorityCount',
      'created',
      'description',
      'id',
      'modified',
      'name',
      'userCount',
    ]);
    expect((await raw('GET', '/api/authorization/v1/roles/1', { token: t() })).body).toMatchObject({
      id: 1,
      name: 'Admin',
      authorityCount: sb.state.authorities.size,
    });
    expect((await raw('GET', '/api/authorization/v1/roles/77', { token: t() })).status).toBe(404);
  });

  it('creates a role, copying grants from fromRoleId; duplicate names conflict', async () => {
    const plain = await raw('POST', '/api/authorization/v1/roles', {
      token: t(),
      json: { name: 'test_delete', description: 'test_delete' },
    });
    expect(Object.keys(plain.body as object).sort()).toEqual(['description', 'id', 'name']);
    const copy = await raw('POST', '/api/authorization/v1/roles', {
      token: t(),
      json: { name: 'Editors 2', description: 'x', fromRoleId: 3 },
    });
    const { id } = copy.body as { id: number };
    expect(sb.state.roles.get(id)!.authorities).toEqual(sb.state.roles.get(3)!.authorities);
    expect(
      (await raw('POST', '/api/authorization/v1/roles', { token: t(), json: { name: 'EDITORS 2', description: 'x' } }))
        .status,
    ).toBe(409);
    expect(
      (await raw('POST', '/api/authorization/v1/roles', { token: t(), json: { name: '', description: 'x' } })).status,
    ).toBe(400);
    expect(
      (await raw('POST', '/api/authorization/v1/roles', { token: t(), json: { name: 'y', fromRoleId: 424242 } }))
        .status,
    ).toBe(400);
  });

  it('sets grants with PATCH (200 SUCCESS) and with PUT (applied, then 400 Bad Request)', async () => {
    const role = roleNamed('Finance Editors');
    const patch = await raw('PATCH', `/api/authorization/v1/roles/${role.id}/authorities`, {
      token: t(),
      json: ['user.edit', 'user.invite'],
    });
    expect([patch.status, patch.body]).toEqual([200, { status: 'SUCCESS', message: '' }]);
    expect(sb.state.roles.get(role.id)!.authorities).toEqual(['user.edit', 'user.invite']);
    const put = await raw('PUT', `/api/authorization/v1/roles/${role.id}/authorities`, {
      token: t(),
      json: ['user.edit', 'user.invite', 'user.session.edit', 'versions.repository.admin'],
    });
    expect([put.status, put.statusText]).toEqual([400, 'Bad Request']);
    expect((await raw('GET', `/api/authorization/v1/roles/${role.id}`, { token: t() })).body).toMatchObject({
      authorityCount: 4,
    });
    const unknown = await raw('PATCH', `/api/authorization/v1/roles/${role.id}/authorities`, {
      token: t(),
      json: ['user.edit', 'no.such.grant'],
    });
    expect(unknown.status).toBe(400);
    expect(sb.state.roles.get(role.id)!.authorities).toHaveLength(4);
    expect(
      (await raw('PATCH', `/api/authorization/v1/roles/${role.id}/authorities`, { token: t(), json: { grants: [] } }))
        .status,
    ).toBe(400);
  });

  it('answers [] for the grants and members of a role that does not exist', async () => {
    expect((await raw('GET', '/api/authorization/v1/roles/424242/authorities', { token: t() })).body).toEqual([]);
    expect((await raw('GET', '/api/authorization/v1/roles/424242/users', { token: t() })).body).toEqual({ users: [] });
  });

  it('adds members by moving them out of their old role', async () => {
    const role = roleNamed('Data Stewards');
    const movers = [...sb.state.users.values()].filter((u) => u.roleId === 4).slice(0, 2);
    const before = sb.state.userCount(4);
    expect(
      (
        await raw('PUT', `/api/authorization/v1/roles/${role.id}/users`, {
          token: t(),
          json: [movers[0]!.id, String(movers[1]!.id)],
        })
      ).status,
    ).toBe(204);
    expect(sb.state.userCount(4)).toBe(before - 2);
    const { users } = (await raw('GET', `/api/authorization/v1/roles/${role.id}/users`, { token: t() })).body as {
      users: { userId: number; roleId: number }[];
    };
    expect(users.map((u) => u.userId)).toEqual(expect.arrayContaining(movers.map((u) => u.id)));
    expect(users.every((u) => u.roleId === role.id)).toBe(true);
    expect((await raw('PUT', `/api/authorization/v1/roles/${role.id}/users`, { token: t(), json: [1] })).status).toBe(
      400,
    );
    expect((await raw('PUT', `/api/authorization/v1/roles/${role.id}/users`, { token: t(), json: [] })).status).toBe(
      400,
    );
  });

  it('gets the default role as a string value and sets it through both documented writes', async () => {
    const read = async () =>
      (
        await raw('GET', '/api/content/v1/customer-states/user.roleid.default?defaultValue=2&ignoreCache=true', {
          token: t(),
        })
      ).body;
    expect(await read()).toEqual({ name: 'user.roleid.default', value: '2' });
    await raw('PUT', '/api/authorization/v1/roles/settings', {
      token: t(),
      json: { defaultRoleId: 3, allowlistRoleIds: null },
    });
    expect(await read()).toEqual({ name: 'user.roleid.default', value: '3' });
    await raw('PUT', '/api/content/v1/customer-states/user.roleid.default', {
      token: t(),
      json: { name: 'user.roleid.default', value: 4 },
    });
    expect(await read()).toEqual({ name: 'user.roleid.default', value: '4' });
    expect(
      (await raw('PUT', '/api/authorization/v1/roles/settings', { token: t(), json: { defaultRoleId: 424242 } }))
        .status,
    ).toBe(400);
  });

  it('updates metadata and deletes with 200/204 when quirks are off', async () => {
    const created = (
      await raw('POST', '/api/authorization/v1/roles', { token: t(), json: { name: 'temp', description: 'a' } })
    ).body as { id: number };
    const update = await raw('PUT', `/api/authorization/v1/roles/${created.id}`, {
      token: t(),
      json: { id: created.id, name: 'temp', description: 'last updated' },
    });
    expect(update.status).toBe(200);
    expect(update.body).toMatchObject({ description: 'last updated' });
    expect((await raw('DELETE', `/api/authorization/v1/roles/${created.id}`, { token: t() })).status).toBe(204);
    expect(sb.state.roles.has(created.id)).toBe(false);
  });

  it('answers 400 Bad Request after applying in quirk mode', async () => {
    sb.state.quirks = true;
    const created = (
      await raw('POST', '/api/authorization/v1/roles', {
        token: t(),
        json: { name: 'test_update_metadata', description: 'a' },
      })
    ).body as { id: number };
    const update = await raw('PUT', `/api/authorization/v1/roles/${created.id}`, {
      token: t(),
      json: { id: created.id, name: 'test_update_metadata', description: 'b' },
    });
    expect([update.status, update.statusText]).toEqual([400, 'Bad Request']);
    expect(sb.state.roles.get(created.id)!.description).toBe('b');
    const del = await raw('DELETE', `/api/authorization/v1/roles/${created.id}`, { token: t() });
    expect([del.status, del.statusText]).toEqual([400, 'Bad Request']);
    expect(sb.state.roles.has(created.id)).toBe(false);
  });

  it('refuses to delete system roles, the default role and roles with members', async () => {
    expect((await raw('DELETE', '/api/authorization/v1/roles/3', { token: t() })).status).toBe(403);
    const withMembers = roleNamed('Privileged Admin');
    expect((await raw('DELETE', `/api/authorization/v1/roles/${withMembers.id}`, { token: t() })).status).toBe(400);
    const created = (
      await raw('POST', '/api/authorization/v1/roles', { token: t(), json: { name: 'soon default', description: '' } })
    ).body as { id: number };
    await raw('PUT', '/api/authorization/v1/roles/settings', { token: t(), json: { defaultRoleId: created.id } });
    expect((await raw('DELETE', `/api/authorization/v1/roles/${created.id}`, { token: t() })).status).toBe(400);
  });

  it('refuses role changes to a caller without role.manage', async () => {
    const user = [...sb.state.users.values()].find((u) => u.roleId === 4 && !u.locked)!;
    const token = sb.state.issueToken(user.id);
    expect(
      (await raw('POST', '/api/authorization/v1/roles', { token, json: { name: 'x', description: '' } })).status,
    ).toBe(403);
    expect((await raw('GET', '/api/authorization/v1/roles', { token })).status).toBe(200);
  });

  it('serves the authorities catalogue', async () => {
    const catalogue = (await raw('GET', '/api/authorization/v1/authorities', { token: t() })).body as {
      authority: string;
      roleIds: number[];
      dependsOnAuthorities: string[];
    }[];
    expect(catalogue.length).toBeGreaterThanOrEqual(60);
    const edit = catalogue.find((a) => a.authority === 'user.edit')!;
    expect(edit).toMatchObject({
      title: expect.any(String),
      description: expect.any(String),
      authorityUIGroup: 'People',
      dependsOnAuthorities: ['user.invite'],
    });
    expect(edit.roleIds).toContain(1);
  });
});
