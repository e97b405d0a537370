import { describe, expect, it } from 'vitest';
import { raw, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const t = () => sb.state.adminToken;
const participant = () => [...sb.state.users.values()].find((u) => u.roleId === 4 && !u.deleted && !u.locked)!;
const groupOfType = (type: string) => [...sb.state.groups.values()].find((g) => g.type === type)!;

describe('sandbox seed: people', () => {
  it('seeds users, deleted users with _deleted_ emails, and a dozen groups of every type', () => {
    const deleted = [...sb.state.users.values()].filter((u) => u.deleted);
    expect(deleted.length).toBeGreaterThanOrEqual(3);
    expect(deleted.every((u) => /_deleted_\d+$/.test(u.emailAddress))).toBe(true);
    expect(sb.state.groups.size).toBeGreaterThanOrEqual(12);
    expect(new Set([...sb.state.groups.values()].map((g) => g.type))).toEqual(
      new Set(['open', 'closed', 'system', 'directory', 'dynamic', 'adHoc']),
    );
  });
});

describe('sandbox users', () => {
  it('search: ids, emails (any word), paging, deleted users only when asked', async () => {
    const users = [...sb.state.users.values()].filter((u) => !u.deleted).slice(0, 5);
    const byIds = await raw('POST', '/api/identity/v1/users/search', {
      token: t(),
      json: {
        filters: [{ field: 'id', filterType: 'value', values: users.map((u) => String(u.id)), operator: 'EQ' }],
        limit: 2,
        offset: 0,
        showCount: true,
      },
    });
    expect(byIds.body).toMatchObject({ count: 5 });
    const uncounted = await raw('POST', '/api/identity/v1/users/search', {
      token: t(),
      json: { filters: [{ field: 'id', filterType: 'value', values: users.map((u) => u.id) }], limit: 2 },
    });
    expect(uncounted.body).not.toHaveProperty('count'); // only when asked (PM sends showCount: true)
    expect((uncounted.body as { users: unknown[] }).users).toHaveLength(2);
    expect((byIds.body as { users: unknown[] }).users).toHaveLength(2);
    const byEmail = await raw('POST', '/api/identity/v1/users/search', {
      token: t(),
      json: {
        filters: [
          { field: 'emailAddress', filterType: 'text', text: `${users[0]!.emailAddress} ${users[1]!.emailAddress}` },
        ],
      },
    });
    expect((byEmail.body as { users: { id: number }[] }).users.map((u) => u.id).sort()).toEqual(
      [users[0]!.id, users[1]!.id].sort(),
    );
    const gone = [...sb.state.users.values()].find((u) => u.deleted)!;
    const hidden = await raw('POST', '/api/identity/v1/users/search', {
      token: t(),
      json: { showCount: true, filters: [{ field: 'id', filterType: 'value', values: [gone.id] }] },
    });
    expect(hidden.body).toMatchObject({ count: 0 });
    const shown = await raw('POST', '/api/identity/v1/users/search', {
      token: t(),
      json: {
        showCount: true,
        includeDeleted: true,
        filters: [{ field: 'id', filterType: 'value', values: [gone.id] }],
      },
    });
    expect(shown.body).toMatchObject({ count: 1 });
    const tooMany = await raw('POST', '/api/identity/v1/users/search', {
      token: t(),
      json: { filters: [{ field: 'id', filterType: 'value', values: Array.from({ length: 1001 }, (_, i) => i + 1) }] },
    });
    expect(tooMany.status).toBe(400);
  });

  it('v2 answers 200 with an empty body for an unknown user; v3 answers 404 and has a detail', async () => {
    const unknown = await raw('GET', '/api/content/v2/users/123', { token: t() });
    expect(unknown).toMatchObject({ status: 200, text: '' });
    expect((await raw('GET', '/api/content/v3/users/123?includeDetails=true', { token: t() })).status).toBe(404);
    const user = participant();
    const v3 = await raw('GET', `/api/content/v3/users/${user.id}?includeDetails=true`, { token: t() });
    expect(v3.body).toMatchObject({ id: user.id, detail: { email: user.emailAddress, active: true } });
  });

  it('create, update attributes, delete; a taken email is 400 "Bad Request"', async () => {
    const created = await raw('POST', '/api/content/v3/users', {
      token: t(),
      json: { displayName: 'New Person', detail: { email: 'new.person@sandbox.example' }, roleId: 4 },
    });
    expect(created.status).toBe(200);
    const id = (created.body as { id: number }).id;
    expect(sb.state.users.get(id)).toMatchObject({ displayName: 'New Person', roleId: 4 });
    const again = await raw('POST', '/api/content/v3/users', {
      token: t(),
      json: { displayName: 'Twin', detail: { email: 'NEW.person@sandbox.example' }, roleId: 4 },
    });
    expect(again).toMatchObject({ status: 400, statusText: 'Bad Request' });
    const patched = await raw('PATCH', `/api/identity/v1/users/${id}`, {
      token: t(),
      json: {
        attributes: [
          { key: 'title', values: ['Analyst'] },
          { key: 'roleId', values: [3] },
          { key: 'department', values: ['Finance'] },
        ],
      },
    });
    expect(patched.status).toBe(200);
    expect(sb.state.users.get(id)).toMatchObject({ jobTitle: 'Analyst', roleId: 3, department: 'Finance' });
    expect(
      (
        await raw('PATCH', `/api/identity/v1/users/${id}`, {
          token: t(),
          json: { attributes: [{ key: 'shoeSize', values: [9] }] },
        })
      ).status,
    ).toBe(400);
    expect((await raw('DELETE', `/api/identity/v1/users/${id}`, { token: t() })).status).toBe(204);
    expect(sb.state.users.get(id)!.deleted).toBe(true);
    expect(sb.state.users.get(id)!.emailAddress).toMatch(/^new\.person@sandbox\.example_deleted_\d+$/);
    expect((await raw('DELETE', `/api/identity/v1/users/${id}`, { token: t() })).status).toBe(404);
    expect((await raw('DELETE', `/api/identity/v1/users/${sb.state.adminUserId}`, { token: t() })).status).toBe(403);
  });

  it('needs the grants: a participant may not create or edit users', async () => {
    const token = sb.state.issueToken(participant().id);
    expect(
      (
        await raw('POST', '/api/content/v3/users', {
          token,
          json: { displayName: 'X', detail: { email: 'x@sandbox.example' } },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await raw('PATCH', `/api/identity/v1/users/${sb.state.adminUserId}`, {
          token,
          json: { attributes: [{ key: 'title', values: ['x'] }] },
        })
      ).status,
    ).toBe(403);
  });
});

describe('sandbox groups', () => {
  it('grouplist pages and filters; get, members and owners read the same group', async () => {
    const all = await raw('GET', '/api/content/v2/groups/grouplist?limit=5&offset=0', { token: t() });
    expect((all.body as unknown[]).length).toBe(5);
    const search = await raw('GET', '/api/content/v2/groups/grouplist?search=finance', { token: t() });
    expect((search.body as { name: string }[]).map((g) => g.name)).toEqual(['Finance', 'Finance Analysts']);
    const system = groupOfType('system');
    const one = await raw('GET', `/api/content/v2/groups/${system.id}`, { token: t() });
    expect(one.body).toMatchObject({ id: system.id, groupId: system.id, type: 'system', groupType: 'system' });
    const members = await raw('GET', `/api/content/v2/groups/users?group=${system.id}&limit=10&offset=0`, {
      token: t(),
    });
    expect((members.body as { groupUserList: unknown[]; totalCount: number }).groupUserList).toHaveLength(10);
    const finance = [...sb.state.groups.values()].find((g) => g.name === 'Finance')!;
    const owners = await raw('POST', '/api/content/v2/groups/permissions?checkOwnership=true&includeUsers=false', {
      token: t(),
      json: [String(finance.id)],
    });
    expect(owners.body).toEqual([
      {
        groupId: finance.id,
        permissions: { owners: [{ type: 'USER', id: sb.state.adminUserId, displayName: 'Sandbox Admin' }] },
      },
    ]);
    expect((await raw('GET', '/api/content/v2/groups/999', { token: t() })).status).toBe(404);
  });

  it('create, change members and owners (string or number ids), nest groups, update, delete', async () => {
    const created = await raw('POST', '/api/content/v2/groups', {
      token: t(),
      json: { name: 'Reviewers', type: 'closed', description: 'reviews' },
    });
    const id = (created.body as { id: number }).id;
    expect(sb.state.groups.get(id)).toMatchObject({ name: 'Reviewers', type: 'closed', userIds: [] });
    expect(
      (await raw('POST', '/api/content/v2/groups', { token: t(), json: { name: 'reviewers', type: 'open' } })).status,
    ).toBe(400);
    const user = participant();
    const finance = [...sb.state.groups.values()].find((g) => g.name === 'Finance')!;
    const access = await raw('PUT', '/api/content/v2/groups/access', {
      token: t(),
      json: [
        {
          groupId: id,
          addMembers: [
            { type: 'USER', id: String(user.id) },
            { type: 'GROUP', id: finance.id },
          ],
          addOwners: [{ type: 'USER', id: user.id }],
        },
      ],
    });
    expect(access.status).toBe(204);
    expect(sb.state.groups.get(id)).toMatchObject({ userIds: [user.id], groupIds: [finance.id] });
    const members = await raw('GET', `/api/content/v2/groups/users?group=${id}`, { token: t() });
    expect((members.body as { totalCount: number }).totalCount).toBe(new Set([user.id, ...finance.userIds]).size);
    expect(sb.state.groupIdsOf(finance.userIds[0]!)).toContain(id); // membership through a nested group counts
    await raw('PUT', '/api/content/v2/groups/access', {
      token: t(),
      json: [
        {
          groupId: id,
          removeMembers: [{ type: 'USER', id: user.id }],
          removeOwners: [{ type: 'USER', id: String(user.id) }],
        },
      ],
    });
    expect(sb.state.groups.get(id)!.userIds).toEqual([]);
    expect(
      (
        await raw('PUT', '/api/content/v2/groups/access', {
          token: t(),
          json: [{ groupId: id, addMembers: [{ type: 'USER', id: 42 }] }],
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await raw('PUT', '/api/content/v2/groups', {
          token: t(),
          json: [{ groupId: id, name: 'Reviewers 2', description: 'x' }],
        })
      ).status,
    ).toBe(204);
    expect(sb.state.groups.get(id)).toMatchObject({ name: 'Reviewers 2', description: 'x' });
    expect((await raw('DELETE', '/api/content/v2/groups', { token: t(), json: [id] })).status).toBe(204);
    expect(sb.state.groups.has(id)).toBe(false);
  });

  it('refuses membership edits of system and directory groups, and deleting a system group', async () => {
    const user = participant();
    for (const type of ['system', 'directory']) {
      const group = groupOfType(type);
      const answer = await raw('PUT', '/api/content/v2/groups/access', {
        token: t(),
        json: [{ groupId: group.id, addMembers: [{ type: 'USER', id: user.id }] }],
      });
      expect(answer.status, type).toBe(403);
    }
    expect(
      (await raw('DELETE', '/api/content/v2/groups', { token: t(), json: [groupOfType('system').id] })).status,
    ).toBe(403);
  });

  it('a member who does not own a group and lacks group.manage may not change it', async () => {
    const user = participant();
    const group = [...sb.state.groups.values()].find((g) => g.name === 'Sales Ops')!;
    const token = sb.state.issueToken(user.id);
    expect(
      (await raw('PUT', '/api/content/v2/groups', { token, json: [{ groupId: group.id, name: 'Mine' }] })).status,
    ).toBe(403);
  });
});
