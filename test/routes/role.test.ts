import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  DomoApiError,
  DomoConflictError,
  DomoInputError,
  DomoNotFoundError,
  DomoValidationError,
  routes,
} from '../../src/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const roleNamed = (name: string) => [...sb.state.roles.values()].find((r) => r.name === name)!;
const sentLine = (i: number) => `${sb.sent[i]!.method} ${sb.sent[i]!.url.pathname}${sb.sent[i]!.url.search}`;

describe('getRoles / getRoleById', () => {
  it('lists roles and gets one', async () => {
    const { data } = await routes.getRoles(sb.auth);
    expect(data.slice(0, 5).map((r) => r.name)).toEqual(['Admin', 'Privileged', 'Editor', 'Participant', 'Social']);
    expect(data[0]).toMatchObject({
      id: 1,
      authorityCount: sb.state.authorities.size,
      userCount: sb.state.userCount(1),
    });
    const one = await routes.getRoleById(sb.auth, 2);
    expect(one.data).toMatchObject({ id: 2, name: 'Privileged' });
    expect(sentLine(1)).toBe('GET /api/authorization/v1/roles/2');
  });

  it('reports a missing role as DomoNotFoundError', async () => {
    await expect(routes.getRoleById(sb.auth, 424242)).rejects.toThrow(/role 424242 not found/);
  });
});

describe('createRole', () => {
  it('POSTs { name, description } and adds fromRoleId only when given', async () => {
    const plain = await routes.createRole(sb.auth, { name: ' test_delete ', description: 'test_delete' });
    const copy = await routes.createRole(sb.auth, { name: 'Editors copy', description: '', fromRoleId: 3 });
    await sb.settled();
    expect(plain.data).toMatchObject({ name: 'test_delete', description: 'test_delete' });
    expect(JSON.parse(sb.sent[0]!.body)).toEqual({ name: 'test_delete', description: 'test_delete' });
    expect(JSON.parse(sb.sent[1]!.body)).toEqual({ name: 'Editors copy', description: '', fromRoleId: 3 });
    expect(sb.state.roles.get(copy.data.id)!.authorities).toEqual(sb.state.roles.get(3)!.authorities);
  });

  it('reports a taken name as a conflict and is never retried', async () => {
    await expect(routes.createRole(sb.auth, { name: 'admin' })).rejects.toThrow(DomoConflictError);
    sb.state.faults = { errorRate: 1 };
    await expect(routes.createRole(sb.auth, { name: 'new one' })).rejects.toThrow(/503/);
    expect(sb.sent).toHaveLength(2);
  });

  it.each([
    { name: '' },
    { name: '   ' },
    { name: 'x'.repeat(256) },
    { name: 'ok', fromRoleId: -1 },
    { name: 'ok', description: 5 },
  ])('rejects %j before sending', async (input) => {
    await expect(routes.createRole(sb.auth, input as never)).rejects.toThrow(DomoInputError);
    expect(sb.sent).toHaveLength(0);
  });
});

describe('updateRoleMetadata', () => {
  it('PUTs { name, description, id } and returns the role', async () => {
    const role = roleNamed('Finance Editors');
    const { data, quirk } = await routes.updateRoleMetadata(sb.auth, role.id, {
      name: 'Finance',
      description: 'last updated - 2026-11-22',
    });
    await sb.settled();
    expect(JSON.parse(sb.sent[0]!.body)).toEqual({
      name: 'Finance',
      description: 'last updated - 2026-11-22',
      id: role.id,
    });
    expect(data).toMatchObject({ id: role.id, name: 'Finance', description: 'last updated - 2026-11-22' });
    expect(quirk).toBeUndefined();
  });

  it('quirk mode: a 400 after applying is verified by re-reading and succeeds', async () => {
    sb.state.quirks = true;
    const role = roleNamed('Finance Editors');
    const response = await routes.updateRoleMetadata(sb.auth, role.id, { name: role.name, description: 'b' });
    expect(response.quirk).toBe('bad-request-but-applied');
    expect(response.data).toMatchObject({ description: 'b' });
    expect(sb.sent.map((r) => r.method)).toEqual(['PUT', 'GET']);
  });

  it('a 400 that did not apply stays an error', async () => {
    const role = roleNamed('Finance Editors');
    sb.server.use(
      http.put('*/api/authorization/v1/roles/:id', () =>
        HttpResponse.json({ status: 400, message: 'Bad Request' }, { status: 400, statusText: 'Bad Request' }),
      ),
    );
    const error = (await routes
      .updateRoleMetadata(sb.auth, role.id, { name: role.name, description: 'never applied' })
      .catch((e: unknown) => e)) as DomoApiError;
    expect(error).toBeInstanceOf(DomoApiError);
    expect(error.status).toBe(400);
    expect(sb.state.roles.get(role.id)!.description).not.toBe('never applied');
  });

  it('a real refusal (taken name) is not mistaken for the quirk', async () => {
    sb.state.quirks = true;
    await expect(
      routes.updateRoleMetadata(sb.auth, roleNamed('Finance Editors').id, { name: 'Admin', description: '' }),
    ).rejects.toThrow(DomoConflictError);
  });
});

describe('deleteRole', () => {
  it('DELETEs (204)', async () => {
    const { data } = await routes.createRole(sb.auth, { name: 'temp' });
    expect((await routes.deleteRole(sb.auth, data.id)).status).toBe(204);
    expect(sb.state.roles.has(data.id)).toBe(false);
  });

  it('quirk mode: 400 after deleting is verified as gone', async () => {
    sb.state.quirks = true;
    const { data } = await routes.createRole(sb.auth, { name: 'temp' });
    const response = await routes.deleteRole(sb.auth, data.id);
    expect(response.quirk).toBe('bad-request-but-applied');
    expect(sb.state.roles.has(data.id)).toBe(false);
  });

  it('a 400 for a role that still exists (it has members) stays an error', async () => {
    sb.state.quirks = true;
    const role = roleNamed('Privileged Admin');
    const error = (await routes.deleteRole(sb.auth, role.id).catch((e: unknown) => e)) as DomoApiError;
    expect(error.status).toBe(400);
    expect(error.message).toContain('still has');
    expect(sb.state.roles.has(role.id)).toBe(true);
  });
});

describe('grants', () => {
  it('gets grants; an empty list for a missing role becomes DomoNotFoundError', async () => {
    expect((await routes.getRoleGrants(sb.auth, 4)).data).toEqual(sb.state.roles.get(4)!.authorities);
    await expect(routes.getRoleGrants(sb.auth, 424242)).rejects.toThrow(DomoNotFoundError);
    const empty = await routes.createRole(sb.auth, { name: 'no grants' });
    expect((await routes.getRoleGrants(sb.auth, empty.data.id)).data).toEqual([]);
  });

  it('sets grants with PATCH and the complete de-duplicated list', async () => {
    const role = roleNamed('Finance Editors');
    const response = await routes.setRoleGrants(sb.auth, role.id, ['user.edit', 'user.invite', 'user.edit']);
    await sb.settled();
    expect(sb.sent[0]!.method).toBe('PATCH');
    expect(JSON.parse(sb.sent[0]!.body)).toEqual(['user.edit', 'user.invite']);
    expect(response.data).toEqual({ status: 'SUCCESS', message: '' });
    expect(sb.state.roles.get(role.id)!.authorities).toEqual(['user.edit', 'user.invite']);
  });

  it('PUT variant: the 400 is verified by reading the grants back', async () => {
    const role = roleNamed('Finance Editors');
    const grants = ['user.edit', 'user.invite', 'user.session.edit', 'versions.repository.admin'];
    const response = await routes.setRoleGrants(sb.auth, role.id, grants, { method: 'PUT' });
    expect(response.quirk).toBe('bad-request-but-applied');
    expect(response.data).toEqual(grants);
    expect(sb.sent.map((r) => r.method)).toEqual(['PUT', 'GET']);
  });

  it('an unknown grant is a 400 that stays an error, and nothing changes', async () => {
    const role = roleNamed('Finance Editors');
    const before = [...role.authorities];
    const error = (await routes
      .setRoleGrants(sb.auth, role.id, ['user.edit', 'no.such.grant'])
      .catch((e: unknown) => e)) as DomoApiError;
    expect(error.status).toBe(400);
    expect(error.message).toContain('no.such.grant');
    expect(sb.state.roles.get(role.id)!.authorities).toEqual(before);
  });

  it('retries the replacing PATCH after a 503', async () => {
    sb.server.use(
      http.patch('*/api/authorization/v1/roles/:id/authorities', () => new HttpResponse(null, { status: 503 }), {
        once: true,
      }),
    );
    await routes.setRoleGrants(sb.auth, 4, ['user.view']);
    expect(sb.sent).toHaveLength(2);
  });

  it.each([
    ['not an array', 'dataset.view'],
    ['a number inside', ['a', 1]],
    ['an empty name', ['']],
    ['null', null],
  ])('rejects %s before sending', async (_label, grants) => {
    await expect(routes.setRoleGrants(sb.auth, 4, grants as never)).rejects.toThrow(DomoInputError);
    expect(sb.sent).toHaveLength(0);
  });

  it('reads the authorities catalogue; an empty one is an error', async () => {
    const { data } = await routes.getAuthorities(sb.auth);
    expect(data.length).toBe(sb.state.authorities.size);
    expect(data.find((a) => a.authority === 'user.edit')).toMatchObject({ dependsOnAuthorities: ['user.invite'] });
    sb.server.use(http.get('*/api/authorization/v1/authorities', () => HttpResponse.json([])));
    await expect(routes.getAuthorities(sb.auth)).rejects.toThrow(DomoValidationError);
  });
});

describe('membership', () => {
  it('gets members (unwrapped); an empty list for a missing role becomes DomoNotFoundError', async () => {
    const { data } = await routes.getRoleMembership(sb.auth, 1);
    expect(data.length).toBe(sb.state.userCount(1));
    expect(data[0]).toMatchObject({ userId: expect.any(Number), roleId: 1 });
    await expect(routes.getRoleMembership(sb.auth, 424242)).rejects.toThrow(DomoNotFoundError);
  });

  it('adds members with a PUT of user ids, moving them out of their old role', async () => {
    const role = roleNamed('Data Stewards');
    const movers = [...sb.state.users.values()]
      .filter((u) => u.roleId === 4)
      .slice(0, 2)
      .map((u) => u.id);
    await routes.addRoleMembers(sb.auth, role.id, movers);
    await sb.settled();
    expect(sb.sent[0]!.method).toBe('PUT');
    expect(JSON.parse(sb.sent[0]!.body)).toEqual(movers);
    expect(movers.every((id) => sb.state.users.get(id)!.roleId === role.id)).toBe(true);
  });

  it.each([[[]], [[0]], [['x']], ['123'], [[1.5]]])('rejects user ids %j before sending', async (ids) => {
    await expect(routes.addRoleMembers(sb.auth, 4, ids as never)).rejects.toThrow(DomoInputError);
    expect(sb.sent).toHaveLength(0);
  });
});

describe('default role', () => {
  it('reads the customer state as a number and sets it through roles/settings', async () => {
    expect((await routes.getDefaultRole(sb.auth)).data).toBe(2);
    expect(sentLine(0)).toBe('GET /api/content/v1/customer-states/user.roleid.default?defaultValue=2&ignoreCache=true');
    await routes.setDefaultRole(sb.auth, 4);
    await sb.settled();
    expect(JSON.parse(sb.sent[1]!.body)).toEqual({ defaultRoleId: 4, allowlistRoleIds: null });
    expect((await routes.getDefaultRole(sb.auth)).data).toBe(4);
  });

  it('rejects a non-numeric customer-state value', async () => {
    sb.server.use(
      http.get('*/api/content/v1/customer-states/:name', () =>
        HttpResponse.json({ name: 'user.roleid.default', value: 'abc' }),
      ),
    );
    await expect(routes.getDefaultRole(sb.auth)).rejects.toThrow(DomoValidationError);
  });
});
