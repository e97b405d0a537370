import { describe, expect, it } from 'vitest';
import { DomoForbiddenError, DomoInputError, DomoNotFoundError, routes } from '../../src/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const named = (name: string) => [...sb.state.groups.values()].find((g) => g.name === name)!;
const participant = () => [...sb.state.users.values()].find((u) => u.roleId === 4 && !u.deleted && !u.locked)!;

describe('group reads', () => {
  it('getGroups pages and filters; ids and types are normalised', async () => {
    const first = await routes.getGroups(sb.auth, { limit: 5 });
    expect(first.data).toHaveLength(5);
    expect(first.data[0]).toMatchObject({ id: expect.any(Number), name: expect.any(String), type: expect.any(String) });
    expect(first.data[0]).not.toHaveProperty('groupId');
    const rest = await routes.getGroups(sb.auth, { limit: 500, offset: 5 });
    expect(first.data.length + rest.data.length).toBe(sb.state.groups.size);
    expect((await routes.getGroups(sb.auth, { search: 'finance' })).data.map((g) => g.name)).toEqual([
      'Finance',
      'Finance Analysts',
    ]);
    expect((await routes.getGroups(sb.auth, { groupType: 'system' })).data.map((g) => g.type)).toEqual(['system']);
  });

  it('getGroupById, getGroupMembers (paged), getGroupOwners', async () => {
    const finance = named('Finance');
    expect((await routes.getGroupById(sb.auth, finance.id)).data).toMatchObject({
      id: finance.id,
      name: 'Finance',
      type: finance.type,
    });
    await expect(routes.getGroupById(sb.auth, 999)).rejects.toBeInstanceOf(DomoNotFoundError);
    const members = await routes.getGroupMembers(sb.auth, finance.id, { limit: 2 });
    expect(members.data.map((u) => u.id)).toEqual(finance.userIds.slice(0, 2));
    expect((await routes.getGroupOwners(sb.auth, finance.id)).data).toEqual([
      { type: 'USER', id: sb.state.adminUserId, displayName: 'Sandbox Admin' },
    ]);
  });
});

describe('group changes', () => {
  it('createGroup, updateGroupAccess (every id a string, as PM sends them), updateGroup, deleteGroups', async () => {
    const { data: group } = await routes.createGroup(sb.auth, {
      name: 'Reviewers',
      type: 'closed',
      description: 'reviews',
    });
    expect(sb.state.groups.get(group.id)).toMatchObject({ name: 'Reviewers', type: 'closed' });
    const user = participant();
    const finance = named('Finance');
    await routes.updateGroupAccess(sb.auth, [
      {
        groupId: group.id,
        addMembers: [
          { type: 'USER', id: user.id },
          { type: 'GROUP', id: finance.id },
        ],
        addOwners: [{ type: 'USER', id: user.id }],
      },
    ]);
    await sb.settled();
    expect(JSON.parse(sb.sent.at(-1)!.body)).toEqual([
      {
        groupId: String(group.id),
        addMembers: [
          { type: 'USER', id: String(user.id) },
          { type: 'GROUP', id: String(finance.id) },
        ],
        addOwners: [{ type: 'USER', id: String(user.id) }],
      },
    ]);
    expect(sb.state.groups.get(group.id)).toMatchObject({ userIds: [user.id], groupIds: [finance.id] });
    await routes.updateGroup(sb.auth, group.id, { description: 'peer review' });
    expect(sb.state.groups.get(group.id)!.description).toBe('peer review');
    await routes.deleteGroups(sb.auth, [group.id]);
    expect(sb.state.groups.has(group.id)).toBe(false);
  });

  it('Domo refuses membership edits of system groups', async () => {
    const system = [...sb.state.groups.values()].find((g) => g.type === 'system')!;
    await expect(
      routes.updateGroupAccess(sb.auth, [{ groupId: system.id, addMembers: [{ type: 'USER', id: participant().id }] }]),
    ).rejects.toBeInstanceOf(DomoForbiddenError);
  });

  it('bad input is refused before anything is sent', async () => {
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      [
        'system type',
        () => routes.createGroup(sb.auth, { name: 'X', type: 'system' }),
        /a system group cannot be created/,
      ],
      [
        'unknown type',
        () => routes.createGroup(sb.auth, { name: 'X', type: 'secret' as never }),
        /group type must be one of open, adHoc, closed, directory, dynamic, system/,
      ],
      ['empty name', () => routes.createGroup(sb.auth, { name: ' ' }), /name must not be empty/],
      ['no change', () => routes.updateGroup(sb.auth, 1, {}), /nothing to change/],
      ['no access change', () => routes.updateGroupAccess(sb.auth, [{ groupId: 1 }]), /changes\[0\] changes nothing/],
      [
        'bad principal',
        () => routes.updateGroupAccess(sb.auth, [{ groupId: 1, addMembers: [{ type: 'ROLE' as never, id: 1 }] }]),
        /type must be USER or GROUP/,
      ],
      ['no ids', () => routes.deleteGroups(sb.auth, []), /ids must be a non-empty array/],
      ['big page', () => routes.getGroups(sb.auth, { limit: 501 }), /limit must be a whole number from 1 to 500/],
    ];
    for (const [label, run, message] of cases) {
      const error = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, label).toBeInstanceOf(DomoInputError);
      expect((error as Error).message, label).toMatch(message);
    }
    expect(sb.sent).toHaveLength(0);
  });
});
