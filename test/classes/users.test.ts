import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DomoConflictError, DomoInputError, DomoNotFoundError, DomoUser, DomoUsers } from '../../src/index.js';
import { EMAILS_PER_SEARCH } from '../../src/classes/people.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 300 });
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked);
const searches = () => sb.sent.filter((r) => r.url.pathname === '/api/identity/v1/users/search').length;

describe('DomoUser', () => {
  it('hydrates a user with dates and a one-line summary; update uses patch semantics; setRole moves them', async () => {
    const row = live().find((u) => u.roleId === 4)!;
    const user = await DomoUser.get(sb.auth, row.id);
    expect(user).toMatchObject({
      id: row.id,
      displayName: row.displayName,
      email: row.emailAddress,
      roleId: 4,
      active: true,
      isDeleted: false,
    });
    expect(user.createdAt).toBeInstanceOf(Date);
    expect(inspect(user)).toBe(`DomoUser #${row.id} ${JSON.stringify(row.displayName)} <${row.emailAddress}>`);
    await user.update({ title: 'Staff Analyst', department: undefined });
    expect(sb.state.users.get(row.id)).toMatchObject({ jobTitle: 'Staff Analyst', department: row.department });
    const sent = sb.sent.length;
    await user.update({ title: 'Staff Analyst' });
    expect(sb.sent.length).toBe(sent); // nothing differed: nothing sent
    await user.setRole(3);
    expect(sb.state.users.get(row.id)!.roleId).toBe(3);
    expect((await user.role()).name).toBe('Editor');
  });
});

describe('DomoUsers', () => {
  it('getByEmail is exact and case-insensitive; deleted users never match', async () => {
    const users = new DomoUsers(sb.auth);
    const row = live()[10]!;
    expect((await users.getByEmail(row.emailAddress.toUpperCase())).id).toBe(row.id);
    const deleted = [...sb.state.users.values()].find((u) => u.deleted)!;
    await expect(users.getByEmail(deleted.emailAddress.replace(/_deleted_\d+$/, ''))).rejects.toBeInstanceOf(
      DomoNotFoundError,
    );
    expect(await users.findByEmail('nobody@sandbox.example')).toBeUndefined();
    await expect(users.getByEmail('not an email')).rejects.toBeInstanceOf(DomoInputError);
  });

  it('resolve: ids, emails and DomoUsers in order, batched; every unknown one listed before anything is changed', async () => {
    const users = new DomoUsers(sb.auth);
    const rows = live();
    const asUser = DomoUser.hydrate(sb.auth, { id: rows[2]!.id, emailAddress: rows[2]!.emailAddress });
    const resolved = await users.resolve([rows[0]!.emailAddress, rows[1]!.id, asUser, String(rows[3]!.id)]);
    expect(resolved.map((u) => u.id)).toEqual([rows[0]!.id, rows[1]!.id, rows[2]!.id, rows[3]!.id]);
    const error = (await users
      .resolve([rows[0]!.emailAddress, 'ghost@sandbox.example', 123, 'ghost2@sandbox.example'])
      .catch((e: unknown) => e)) as DomoNotFoundError;
    expect(error).toBeInstanceOf(DomoNotFoundError);
    expect(error.message).toContain('no such users: 123, ghost@sandbox.example, ghost2@sandbox.example');
    await expect(users.resolve([{} as never])).rejects.toThrow(/users\[0\] must be a user id, an email or a DomoUser/);
  });

  it('resolving many emails costs a handful of searches', async () => {
    const emails = live()
      .slice(0, 250)
      .map((u) => u.emailAddress);
    const before = searches();
    const resolved = await new DomoUsers(sb.auth).resolve(emails);
    expect(resolved).toHaveLength(250);
    expect(searches() - before).toBeLessThanOrEqual(Math.ceil(250 / EMAILS_PER_SEARCH) + 1);
  });

  it('list streams pages; toArray needs a bound', async () => {
    const users = new DomoUsers(sb.auth);
    let count = 0;
    for await (const user of users.list({ pageSize: 100 })) {
      expect(user).toBeInstanceOf(DomoUser);
      count += 1;
    }
    expect(count).toBe([...sb.state.users.values()].filter((u) => !u.deleted).length);
    await expect(users.list().toArray({ max: 10 })).rejects.toThrow(/more than 10 users/);
    expect(await users.list({ includeDeleted: true }).toArray({ max: 1000 })).toHaveLength(sb.state.users.size);
  });

  it('create, and a taken email is a DomoConflictError; upsert reports created, unchanged, updated', async () => {
    const users = new DomoUsers(sb.auth);
    const ada = await users.create({ displayName: 'Ada Lovelace', email: 'ada@sandbox.example', role: 4 });
    expect(sb.state.users.get(ada.id)).toMatchObject({ roleId: 4 });
    await expect(users.create({ displayName: 'Again', email: 'ADA@sandbox.example' })).rejects.toBeInstanceOf(
      DomoConflictError,
    );
    expect((await users.upsert({ email: 'ada@sandbox.example', title: 'Countess' })).action).toBe('updated');
    expect((await users.upsert({ email: 'ada@sandbox.example', title: 'Countess' })).action).toBe('unchanged');
    const created = await users.upsert({
      email: 'bo@sandbox.example',
      displayName: 'Bo',
      roleId: 3,
      department: 'Finance',
    });
    expect(created.action).toBe('created');
    expect(sb.state.users.get(created.entity.id)).toMatchObject({ roleId: 3, department: 'Finance' });
    await expect(users.upsert({ email: 'cy@sandbox.example' })).rejects.toThrow(/give displayName to create one/);
  });
});

describe('DomoUser: groups, owned, delete', () => {
  it('groups() lists the groups a user belongs to', async () => {
    const finance = [...sb.state.groups.values()].find((g) => g.name === 'Finance')!;
    const user = await DomoUser.get(sb.auth, finance.userIds[0]!);
    const names = (await user.groups()).map((g) => g.name);
    expect(names).toContain('Finance');
    expect(names).toContain('All Users');
  });

  it('delete refuses while the user owns accounts or groups, and hands them over with transferTo', async () => {
    const owner = [...sb.state.accounts.values()]
      .map((a) => a.shares.find((s) => s.type === 'USER' && s.accessLevel === 'OWNER')!.id)
      .find((id) => id !== sb.state.adminUserId)!;
    const user = await DomoUser.get(sb.auth, owner);
    const owned = await user.owned();
    expect(owned.accounts.length).toBeGreaterThan(0);
    const refusal = (await user.delete().catch((e: unknown) => e)) as DomoInputError;
    expect(refusal).toBeInstanceOf(DomoInputError);
    expect(refusal.message).toMatch(/owns \d+ account/);
    expect(sb.state.users.get(owner)!.deleted).toBeFalsy();
    const heir = live().find((u) => u.id !== owner && u.id !== sb.state.adminUserId)!;
    await user.delete({ transferTo: heir.emailAddress });
    expect(sb.state.users.get(owner)!.deleted).toBe(true);
    for (const { id } of owned.accounts) {
      const owners = sb.state.accounts
        .get(id)!
        .shares.filter((s) => s.accessLevel === 'OWNER')
        .map((s) => s.id);
      expect(owners).toContain(heir.id);
      expect(owners).not.toContain(owner);
    }
  });

  it('a user who owns nothing is deleted without transferTo', async () => {
    const plain = live().find(
      (u) =>
        u.id !== sb.state.adminUserId &&
        ![...sb.state.accounts.values(), ...sb.state.templates.values()].some((a) =>
          a.shares.some((s) => s.id === u.id && s.accessLevel === 'OWNER'),
        ) &&
        ![...sb.state.groups.values()].some((g) => g.owners.some((o) => o.id === u.id)),
    )!;
    await (await DomoUser.get(sb.auth, plain.id)).delete();
    expect(sb.state.users.get(plain.id)!.deleted).toBe(true);
  });
});
