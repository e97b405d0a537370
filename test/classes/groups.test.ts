import { describe, expect, it } from 'vitest';
import { DomoGroup, DomoGroups, DomoInputError, DomoNotFoundError } from '../../src/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);
const named = (name: string) => [...sb.state.groups.values()].find((g) => g.name === name)!;
const writes = () =>
  sb.sent.filter(
    (r) => r.method !== 'GET' && !r.url.pathname.endsWith('/search') && !r.url.pathname.endsWith('/permissions'),
  );

describe('DomoGroups', () => {
  it('getByName is exact and case-insensitive (never a substring); list reads every page', async () => {
    const groups = new DomoGroups(sb.auth);
    const finance = await groups.getByName('finance');
    expect(finance).toBeInstanceOf(DomoGroup);
    expect(finance).toMatchObject({ id: named('Finance').id, name: 'Finance' });
    await expect(groups.getByName('Financ')).rejects.toBeInstanceOf(DomoNotFoundError);
    expect(await groups.list()).toHaveLength(sb.state.groups.size);
    expect((await groups.list({ groupType: 'system' })).map((g) => g.isManaged)).toEqual([true]);
  });

  it('resolve: ids, names and DomoGroups; every unknown one listed', async () => {
    const groups = new DomoGroups(sb.auth);
    const finance = named('Finance');
    expect((await groups.resolve(['Sales Ops', finance.id])).map((g) => g.name)).toEqual(['Sales Ops', 'Finance']);
    await expect(groups.resolve(['Nope', 999])).rejects.toThrow(/no such groups: "Nope", "999"/);
  });

  it('create and upsert', async () => {
    const groups = new DomoGroups(sb.auth);
    const created = await groups.upsert({ name: 'Reviewers', type: 'closed', description: 'reviews' });
    expect(created.action).toBe('created');
    expect((await groups.upsert({ name: 'reviewers', type: 'closed' })).action).toBe('unchanged');
    expect((await groups.upsert({ name: 'Reviewers', description: 'peer review' })).action).toBe('updated');
    expect(sb.state.groups.get(created.entity.id)!.description).toBe('peer review');
  });
});

describe('DomoGroup membership', () => {
  it('adds, removes and sets members by email or id, in one request each, nothing sent when nothing changes', async () => {
    const group = await new DomoGroups(sb.auth).create({ name: 'Reviewers', type: 'closed' });
    const [a, b, c] = live();
    expect(await group.addMembers([a!.emailAddress, b!.id])).toEqual({ added: [a!.id, b!.id], removed: [] });
    expect(sb.state.groups.get(group.id)!.userIds.sort()).toEqual([a!.id, b!.id].sort());
    const before = writes().length;
    expect(await group.addMembers([a!.id])).toEqual({ added: [], removed: [] });
    expect(writes().length).toBe(before);
    expect(await group.setMembers([b!.emailAddress, c!.emailAddress])).toEqual({ added: [c!.id], removed: [a!.id] });
    expect(sb.state.groups.get(group.id)!.userIds.sort()).toEqual([b!.id, c!.id].sort());
    expect(writes().length).toBe(before + 1);
    await group.removeMembers([b!.id]);
    expect((await group.getMembers()).map((u) => u.id)).toEqual([c!.id]);
    expect(await group.setMembers([])).toEqual({ added: [], removed: [c!.id] });
    expect(sb.state.groups.get(group.id)!.userIds).toEqual([]);
    await expect(group.addMembers([])).rejects.toThrow(/users must be a non-empty array/);
  });

  it('an unknown email stops the change before anything is sent', async () => {
    const finance = await DomoGroup.get(sb.auth, named('Finance').id);
    const before = { members: [...named('Finance').userIds], writes: writes().length };
    await expect(finance.setMembers([live()[0]!.emailAddress, 'ghost@sandbox.example'])).rejects.toThrow(
      /no such user: ghost@sandbox.example/,
    );
    expect(named('Finance').userIds).toEqual(before.members);
    expect(writes().length).toBe(before.writes);
  });

  it('system and directory groups refuse membership edits with a clear error, sending nothing', async () => {
    for (const type of ['system', 'directory']) {
      const row = [...sb.state.groups.values()].find((g) => g.type === type)!;
      const group = await DomoGroup.get(sb.auth, row.id);
      const error = (await group.addMembers([live()[0]!.id]).catch((e: unknown) => e)) as DomoInputError;
      expect(error, type).toBeInstanceOf(DomoInputError);
      expect(error.message).toMatch(type === 'system' ? /managed by Domo/ : /managed by the identity provider/);
    }
    expect(writes()).toHaveLength(0);
  });

  it('owners: add, refuse to remove the last one', async () => {
    const group = await new DomoGroups(sb.auth).create({ name: 'Owned', type: 'open' });
    const [a] = live();
    await group.addOwners([a!.emailAddress]);
    expect((await group.getOwners()).map((o) => o.id).sort()).toEqual([sb.state.adminUserId, a!.id].sort());
    await group.removeOwners([a!.id]);
    await expect(group.removeOwners([sb.state.adminUserId])).rejects.toThrow(/would have no owner left/);
    await expect(group.setOwners([])).rejects.toThrow(/at least one owner/);
  });

  it('concurrent changes to one group keep every change', async () => {
    const group = await new DomoGroups(sb.auth).create({ name: 'Busy', type: 'open' });
    const users = live().slice(0, 20);
    await Promise.all(users.map((u) => group.addMembers([u.id])));
    expect(sb.state.groups.get(group.id)!.userIds.sort()).toEqual(users.map((u) => u.id).sort());
  });
});
