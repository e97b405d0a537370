import { describe, expect, it } from 'vitest';
import { DomoConflictError, DomoInputError, DomoNotFoundError, routes } from '../../src/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked);
const participant = () => live().find((u) => u.roleId === 4)!;

describe('user reads', () => {
  it("getUserById: a user in PM's v2 shape (role by name, no roleId); an unknown id (Domo: 200, empty body) is DomoNotFoundError", async () => {
    const user = participant();
    const { data } = await routes.getUserById(sb.auth, user.id);
    expect(data).toMatchObject({
      id: user.id,
      displayName: user.displayName,
      emailAddress: user.emailAddress,
      role: 'Participant',
      rights: expect.any(Number),
    });
    expect(data.roleId).toBeUndefined();
    const error = (await routes.getUserById(sb.auth, 123).catch((e: unknown) => e)) as DomoNotFoundError;
    expect(error).toBeInstanceOf(DomoNotFoundError);
    expect(error.message).toContain('user 123 not found (Domo answered 200 with an empty body)');
  });

  it('getUserDetails merges detail into the user', async () => {
    const user = participant();
    const { data } = await routes.getUserDetails(sb.auth, user.id);
    expect(data).toMatchObject({ id: user.id, emailAddress: user.emailAddress, active: true });
    expect(data).not.toHaveProperty('detail');
    await expect(routes.getUserDetails(sb.auth, 123)).rejects.toBeInstanceOf(DomoNotFoundError);
  });

  it('searchUsers flattens attributes, pages, and filters by ids and email words', async () => {
    const users = live().slice(0, 4);
    const page = await routes.searchUsers(sb.auth, {
      filters: [routes.userIdFilter(users.map((u) => u.id))],
      limit: 3,
    });
    expect(page.data.count).toBe(4);
    expect(page.data.users).toHaveLength(3);
    expect(page.data.users[0]).toMatchObject({ roleId: expect.any(Number), emailAddress: expect.any(String) });
    expect(page.data.users[0]).not.toHaveProperty('attributes');
    const next = await routes.searchUsers(sb.auth, {
      filters: [routes.userIdFilter(users.map((u) => u.id))],
      limit: 3,
      offset: 3,
    });
    expect(next.data.users).toHaveLength(1);
    const byEmail = await routes.searchUsers(sb.auth, {
      filters: [routes.userEmailFilter([users[0]!.emailAddress, users[1]!.emailAddress])],
    });
    expect(byEmail.data.users.map((u) => u.id).sort()).toEqual([users[0]!.id, users[1]!.id].sort());
  });

  it('refuses bad searches before sending', async () => {
    expect(() => routes.userIdFilter(Array.from({ length: 1001 }, (_, i) => i + 1))).toThrow(
      /at most 1000 ids per search/,
    );
    await expect(routes.searchUsers(sb.auth, { limit: 0 })).rejects.toThrow(
      /limit must be a whole number from 1 to 500/,
    );
    await expect(routes.searchUsers(sb.auth, { offset: -1 })).rejects.toBeInstanceOf(DomoInputError);
    expect(sb.sent).toHaveLength(0);
  });
});

describe('user changes', () => {
  it('createUser sends { displayName, detail: { email }, roleId }; a taken email is a DomoConflictError verified by search', async () => {
    const { data } = await routes.createUser(sb.auth, {
      displayName: 'Ada Lovelace',
      email: 'ada@sandbox.example',
      roleId: 4,
    });
    expect(sb.state.users.get(data.id)).toMatchObject({
      displayName: 'Ada Lovelace',
      emailAddress: 'ada@sandbox.example',
      roleId: 4,
    });
    await sb.settled();
    expect(JSON.parse(sb.sent.at(-1)!.body)).toEqual({
      displayName: 'Ada Lovelace',
      detail: { email: 'ada@sandbox.example' },
      roleId: 4,
    });
    const taken = participant();
    const error = (await routes
      .createUser(sb.auth, { displayName: 'Twin', email: taken.emailAddress.toUpperCase() })
      .catch((e: unknown) => e)) as DomoConflictError;
    expect(error).toBeInstanceOf(DomoConflictError);
    expect(error.message).toContain(`already exists (#${taken.id})`);
    await expect(routes.createUser(sb.auth, { displayName: 'X', email: 'not-an-email' })).rejects.toThrow(
      /email must be an email address/,
    );
  });

  it('updateUser sends attributes with patch semantics and refuses unknown or unclearable fields', async () => {
    const user = participant();
    await routes.updateUser(sb.auth, user.id, { title: 'Staff Analyst', department: null, roleId: 3 });
    expect(sb.state.users.get(user.id)).toMatchObject({ jobTitle: 'Staff Analyst', department: undefined, roleId: 3 });
    await sb.settled();
    expect(JSON.parse(sb.sent.at(-1)!.body)).toEqual({
      attributes: [
        { key: 'title', values: ['Staff Analyst'] },
        { key: 'department', values: [null] },
        { key: 'roleId', values: [3] },
      ],
    });
    const before = sb.sent.length;
    await expect(routes.updateUser(sb.auth, user.id, { shoeSize: 9 } as never)).rejects.toThrow(
      /unknown user fields: shoeSize/,
    );
    await expect(routes.updateUser(sb.auth, user.id, { displayName: null } as never)).rejects.toThrow(
      /displayName cannot be cleared/,
    );
    await expect(routes.updateUser(sb.auth, user.id, {})).rejects.toThrow(/nothing to change/);
    expect(sb.sent.length).toBe(before);
    await expect(routes.updateUser(sb.auth, 123, { title: 'x' })).rejects.toBeInstanceOf(DomoNotFoundError);
  });

  it('deleteUser', async () => {
    const user = participant();
    await routes.deleteUser(sb.auth, user.id);
    expect(sb.state.users.get(user.id)!.deleted).toBe(true);
    await expect(routes.deleteUser(sb.auth, user.id)).rejects.toBeInstanceOf(DomoNotFoundError);
  });
});
