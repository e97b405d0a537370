// The role change kinds: create, describe, grants, the default role, members in and out, delete.
import { DomoRole, LAST_SYSTEM_ROLE_ID } from '../../../classes/role/role.js';
import type { RoleChange } from './plan.js';
import type { ApplyContext, ChangeKind } from '../kind.js';

type Of<K extends RoleChange['kind']> = Extract<RoleChange, { kind: K }>;
const byName = (ctx: ApplyContext, name: string) => ctx.roles.getByName(name, ctx.call);

export const createRole: ChangeKind<Of<'create-role'>> = {
  order: 0,
  counts: () => ['create'],
  render: (c) =>
    `+ role "${c.role}"${c.grants.length ? ` with ${c.grants.length} grant(s): ${c.grants.join(', ')}` : ''}`,
  describe: (c) => `created role "${c.role}"`,
  apply: async (c, ctx) => {
    await DomoRole.create(ctx.roles.auth, { name: c.role, description: c.description, grants: c.grants }, ctx.call);
  },
  before: (c, ctx) => ctx.absentRole(c.role),
};

export const renameRole: ChangeKind<Of<'rename-role'>> = {
  order: -2, // first: every later change names the role by its new name

  counts: () => ['update'],
  render: (c) => `~ role "${c.from}" renamed to "${c.role}" (same role: id, grants and members kept)`,
  describe: (c) => `renamed role "${c.from}" to "${c.role}"`,
  apply: async (c, ctx) => {
    await (await DomoRole.get(ctx.roles.auth, c.roleId, ctx.call)).update({ name: c.role }, ctx.call);
  },
  before: (c, ctx) => ctx.renamed('roles', c.from, c.role),
};

export const updateRole: ChangeKind<Of<'update-role'>> = {
  order: 2,
  counts: () => ['update'],
  render: (c) => `~ role "${c.role}": ${c.field} ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`,
  describe: (c) => `set the description of role "${c.role}"`,
  apply: async (c, ctx) => {
    await (await byName(ctx, c.role)).update({ description: c.after }, ctx.call);
  },
  before: (c, ctx) => {
    ctx.role(c.role).description = c.before;
  },
};

export const setGrants: ChangeKind<Of<'set-grants'>> = {
  order: 4,
  counts: () => ['update'],
  render: (c) =>
    `~ role "${c.role}" grants:${c.added.length ? ` + ${c.added.join(', ')}` : ''}${c.removed.length ? ` − ${c.removed.join(', ')}` : ''}${c.destructive ? '  (destructive: the role has members)' : ''}`,
  describe: (c) => `set the grants of role "${c.role}" (+${c.added.length} −${c.removed.length})`,
  apply: async (c, ctx) => {
    await (await byName(ctx, c.role)).setGrants(c.after, ctx.call);
  },
  before: (c, ctx) => {
    // A system role takes grant deltas only: undo is the reverse delta.
    ctx.role(c.role).grants =
      c.roleId !== undefined && c.roleId <= LAST_SYSTEM_ROLE_ID ? { add: c.before, remove: c.added } : c.before;
  },
};

export const setDefaultRole: ChangeKind<Of<'set-default-role'>> = {
  order: 5,
  counts: () => ['update'],
  render: (c) => `~ default role: "${c.before}" → "${c.after}"`,
  describe: (c) => `made "${c.after}" the default role`,
  apply: async (c, ctx) => {
    await (await byName(ctx, c.after)).setAsDefault(ctx.call);
  },
  before: (c, ctx) => ctx.setDefaultRole(c.before),
};

export const moveUsers: ChangeKind<Of<'move-users'>> = {
  order: 6,
  counts: () => ['move'],
  render: (c) => c.users.map((u) => `⇄ ${u.email}: "${u.fromRole}" → "${c.role}"`).join('\n'),
  describe: (c) => `moved ${c.users.length} user(s) into role "${c.role}"`,
  apply: async (c, ctx) => {
    await (
      await byName(ctx, c.role)
    ).addMembers(
      c.users.map((u) => u.id),
      ctx.call,
    );
  },
  before: (c, ctx) => {
    for (const user of c.users) if (user.fromRole !== '?') ctx.addMembers(user.fromRole, [user]);
  },
};

export const removeUsers: ChangeKind<Of<'remove-users'>> = {
  order: 7,
  counts: () => ['remove'],
  render: (c) =>
    c.users.map((u) => `− user ${u.email} out of "${c.role}" (into "${c.toRole}")  (destructive)`).join('\n'),
  describe: (c) => `moved ${c.users.length} user(s) out of role "${c.role}" into "${c.toRole}"`,
  apply: async (c, ctx) => {
    const target = await byName(ctx, c.toRole);
    await (
      await byName(ctx, c.role)
    ).removeMembers(
      c.users.map((u) => u.id),
      { ...ctx.call, toRoleId: target.id },
    );
  },
  before: (c, ctx) => ctx.addMembers(c.role, c.users),
};

export const deleteRole: ChangeKind<Of<'delete-role'>> = {
  order: 8,
  counts: () => ['remove'],
  render: (c) =>
    `− role "${c.role}"${c.members ? ` (its ${c.members} member(s) move to "${c.toRole}")` : ''}  (destructive)`,
  describe: (c) => `deleted role "${c.role}"`,
  apply: async (c, ctx) => {
    const role = await byName(ctx, c.role);
    await role.delete({ ...ctx.call, reassignTo: (await byName(ctx, c.toRole)).id });
  },
  before: (c, ctx) => {
    const state = ctx.read.roles.get(c.role.toLowerCase());
    if (!state) return;
    Object.assign(ctx.role(state.role.name), {
      description: state.role.description ?? '',
      grants: [...state.grants].sort(),
    });
    ctx.addMembers(
      state.role.name,
      [...state.members.keys()].map((id) => ({ id })),
    );
  },
};
