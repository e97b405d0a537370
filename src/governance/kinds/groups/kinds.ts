// The group change kinds: create, update, members and owners, delete.
import { DomoGroup } from '../../../classes/group/group.js';
import { DomoGroups } from '../../../classes/group/groups.js';
import type { GroupChange } from './plan.js';
import type { SpecGroup } from '../../spec.js';
import type { ChangeKind } from '../kind.js';

type Of<K extends GroupChange['kind']> = Extract<GroupChange, { kind: K }>;
type CreatableType = 'open' | 'adHoc' | 'closed' | 'dynamic';
const ids = (users: readonly { id: number }[]) => users.map((u) => u.id);

export const createGroup: ChangeKind<Of<'create-group'>> = {
  order: 1,
  counts: () => ['create'],
  render: (c) =>
    `+ group "${c.group}" (${c.type})${c.members.length ? ` with ${c.members.length} member(s)` : ''}${c.owners.length ? `, owners ${c.owners.map((u) => u.email).join(', ')}` : ''}`,
  describe: (c) => `created group "${c.group}"`,
  apply: async (c, { roles, call, step }) => {
    const group = await new DomoGroups(roles.auth).create(
      { name: c.group, type: c.type as CreatableType, description: c.description },
      call,
    );
    step(`created group "${c.group}" (#${group.id})`);
    // Domo makes the creator an owner: an exact (authoritative) list replaces what create left.
    if (c.owners.length > 0) {
      await (c.exact ? group.setOwners(ids(c.owners), call) : group.addOwners(ids(c.owners), call));
      step(`set the owners of group "${c.group}"`);
    }
    if (c.exact) await group.setMembers(ids(c.members), call);
    else if (c.members.length > 0) await group.addMembers(ids(c.members), call);
  },
  before: (c, ctx) => ctx.absentGroup(c.group),
};

export const renameGroup: ChangeKind<Of<'rename-group'>> = {
  order: -1,
  counts: () => ['update'],
  render: (c) => `~ group "${c.from}" renamed to "${c.group}" (same group: id, owners and members kept)`,
  describe: (c) => `renamed group "${c.from}" to "${c.group}"`,
  apply: async (c, { roles, call }) => {
    await (await DomoGroup.get(roles.auth, c.groupId, call)).update({ name: c.group }, call);
  },
  before: (c, ctx) => ctx.renamed('groups', c.from, c.group),
};

export const updateGroup: ChangeKind<Of<'update-group'>> = {
  order: 3,
  counts: () => ['update'],
  render: (c) => `~ group "${c.group}": ${c.field} ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`,
  describe: (c) => `set the ${c.field} of group "${c.group}"`,
  apply: async (c, { roles, call }) => {
    await (await DomoGroup.get(roles.auth, c.groupId, call)).update({ [c.field]: c.after }, call);
  },
  before: (c, ctx) => {
    Object.assign(ctx.group(c.group), { [c.field]: c.before });
  },
};

/** Members and owners: one module for both lists, told apart by `kind`. */
export const groupList = (order: number): ChangeKind<Of<'group-members' | 'group-owners'>> => ({
  order,
  counts: (c) => (c.remove.length > 0 ? ['update', 'remove'] : ['update']),
  render: (c) => {
    const what = c.kind === 'group-members' ? 'members' : 'owners';
    const parts = [...c.add.map((u) => `+ ${u.email}`), ...c.remove.map((u) => `− ${u.email}`)];
    return `~ group "${c.group}" ${what}: ${parts.join(', ')}${c.destructive ? '  (destructive)' : ''}`;
  },
  describe: (c) =>
    `changed the ${c.kind === 'group-members' ? 'members' : 'owners'} of group "${c.group}" (+${c.add.length} −${c.remove.length})`,
  apply: async (c, { roles, call, step }) => {
    const group = await DomoGroup.get(roles.auth, c.groupId, call);
    const members = c.kind === 'group-members';
    if (c.add.length > 0) {
      await (members ? group.addMembers(ids(c.add), call) : group.addOwners(ids(c.add), call));
      step(`added ${c.add.length} ${members ? 'member' : 'owner'}(s) to group "${c.group}"`);
    }
    if (c.remove.length > 0)
      await (members ? group.removeMembers(ids(c.remove), call) : group.removeOwners(ids(c.remove), call));
  },
  before: (c, ctx) => {
    const state = ctx.read.groups.get(c.groupId);
    if (!state) return;
    const entry = ctx.group(c.group);
    if (c.kind === 'group-members') entry.members = state.members.map(ctx.ref);
    else entry.owners = state.owners.map(ctx.ref);
    entry.membership = 'authoritative';
  },
});

export const deleteGroup: ChangeKind<Of<'delete-group'>> = {
  order: 12,
  counts: () => ['remove'],
  render: (c) => `− group "${c.group}"${c.members ? ` (${c.members} member(s))` : ''}  (destructive)`,
  describe: (c) => `deleted group "${c.group}"`,
  apply: async (c, { roles, call }) => {
    await (await DomoGroup.get(roles.auth, c.groupId, call)).delete(call);
  },
  before: (c, ctx) => {
    const state = ctx.read.groups.get(c.groupId);
    if (!state) return;
    ctx.setGroup(state.group.name, {
      type: state.group.type as NonNullable<SpecGroup['type']>,
      description: state.group.description ?? '',
      owners: state.owners.map(ctx.ref),
      members: state.members.map(ctx.ref),
      membership: 'authoritative',
    });
  },
};
