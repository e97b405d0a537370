import type { Command } from 'commander';
import type { DomoGroup } from '../../classes/group/group.js';
import { DomoGroups } from '../../classes/group/groups.js';
import { checkGroupType } from '../../routes/group/core.js';
import type { Principal } from '../../routes/group/schemas.js';
import type { CliContext } from '../context.js';
import { confirmWrite, showWrite } from '../confirm.js';
import { DomoUsers } from '../../classes/user/users.js';
import { groupsTable, usersTable } from '../render.js';
import { resolveGroup as findGroup, roleNames } from '../resolve.js';
import { formatTable } from '../table.js';
import type { DomoUser } from '../../classes/user/user.js';
import { changeJson, groupJson, userItems } from '../kinds.js';

/** A group's owners as a table. */
function ownersTable(owners: readonly Principal[]): string {
  return formatTable(
    owners,
    [
      { header: 'OWNER', value: (o) => o.type },
      { header: 'ID', value: (o) => o.id, right: true },
      { header: 'NAME', value: (o) => o.displayName },
    ],
    '(no owners)',
  );
}

async function resolveGroup(c: CliContext, ref: string): Promise<DomoGroup> {
  return findGroup(await c.auth(), ref);
}

/** What changed, users by email (as the command was given them). */
function changeLine(
  group: DomoGroup,
  change: { added: number[]; removed: number[] },
  users: readonly DomoUser[],
  what: string,
): string {
  if (change.added.length + change.removed.length === 0) return `= ${group.summary()}: no change\n`;
  const email = (id: number) => users.find((u) => u.id === id)?.email || `user ${id}`;
  const part = (mark: string, ids: number[]) => (ids.length ? ` ${mark} ${ids.map(email).join(', ')}` : '');
  return `✓ ${group.summary()}: ${what}${part('+', change.added)}${part('−', change.removed)}\n`;
}

/** The group's change report: users named from those the command resolved. */
function groupChange(group: DomoGroup, change: { added: number[]; removed: number[] }, users: DomoUser[], as: string) {
  return changeJson(
    { type: 'group', id: group.id, name: group.name },
    userItems(change.added, users, as),
    userItems(change.removed, users, as),
  );
}

function registerReads(groups: Command, ctx: () => CliContext): void {
  groups
    .command('list')
    .description('every group')
    .option('--type <type>', 'only groups of this type (open, adHoc, closed, directory, dynamic, system)')
    .action(async (options: { type?: string }) => {
      const c = ctx();
      const list = await new DomoGroups(await c.auth()).list(
        options.type === undefined ? {} : { groupType: checkGroupType(options.type, 'groups list') },
      );
      c.list(
        list.map((g) => groupJson(g)),
        () => groupsTable(list),
      );
    });
  groups
    .command('show <group>')
    .description('one group (id or exact name) with its owners and members')
    .action(async (ref: string) => {
      const c = ctx();
      const group = await resolveGroup(c, ref);
      const [owners, members, roles] = await Promise.all([
        group.getOwners(),
        group.getMembers(),
        roleNames(await c.auth()),
      ]);
      c.result(groupJson(group, { owners, members, roles }), () =>
        [
          group.summary(),
          `  description: ${group.description || '(none)'}`,
          '',
          ownersTable(owners),
          usersTable(members, roles),
        ].join('\n'),
      );
    });
}

function registerChanges(groups: Command, ctx: () => CliContext): void {
  groups
    .command('create <name>')
    .description('create a group')
    .option('--type <type>', 'open, adHoc, closed or dynamic', 'open')
    .option('--description <text>', 'description', '')
    .action(async (name: string, options: { type: string; description: string }) => {
      const c = ctx();
      showWrite(c, {
        title: `create group ${JSON.stringify(name)}`,
        changes: [`+ group ${JSON.stringify(name)} (${options.type})`],
      });
      const group = await new DomoGroups(await c.auth()).create({
        name,
        type: checkGroupType(options.type, 'groups create'),
        description: options.description,
      });
      c.result(groupJson(group), () => `✓ created ${group.summary()}\n`);
    });
  for (const [verb, description] of [
    ['add', 'add members (ids or emails)'],
    ['remove', 'remove members (ids or emails)'],
  ] as const) {
    groups
      .command(`${verb} <group> <users...>`)
      .description(description)
      .action(async (ref: string, users: string[]) => {
        const c = ctx();
        const group = await resolveGroup(c, ref);
        const resolved = await new DomoUsers(await c.auth()).resolve(users); // every unknown one named at once
        if (verb === 'remove') await confirmRemoval(c, group, resolved, 'member');
        const change = verb === 'add' ? await group.addMembers(resolved) : await group.removeMembers(resolved);
        c.result(groupChange(group, change, resolved, 'member'), () => changeLine(group, change, resolved, 'members'));
      });
  }
  registerGroupsOwners(groups, ctx);
  registerGroupsUpdate(groups, ctx);
  registerGroupsDelete(groups, ctx);
}

function registerGroupsOwners(groups: Command, ctx: () => CliContext): void {
  groups
    .command('owners <group>')
    .description('show owners, or change them with --add / --remove (ids or emails)')
    .option('--add <users...>', 'users to make owners')
    .option('--remove <users...>', 'owners to remove')
    .action(async (ref: string, options: { add?: string[]; remove?: string[] }) => {
      const c = ctx();
      const group = await resolveGroup(c, ref);
      const users = new DomoUsers(await c.auth());
      const [adding, removing] = await Promise.all([
        options.add ? users.resolve(options.add) : [],
        options.remove ? users.resolve(options.remove) : [],
      ]);
      if (!options.add && !options.remove) {
        const owners = await group.getOwners();
        return c.result(groupJson(group, { owners }), () => ownersTable(owners));
      }
      if (options.remove) await confirmRemoval(c, group, removing, 'owner');
      const added = options.add ? (await group.addOwners(adding)).added : [];
      const removed = options.remove ? (await group.removeOwners(removing)).removed : [];
      const change = { added, removed };
      const owners = await group.getOwners();
      c.result(
        groupChange(group, change, [...adding, ...removing], 'owner'),
        () => changeLine(group, change, [...adding, ...removing], 'owners') + ownersTable(owners),
      );
    });
}

function registerGroupsUpdate(groups: Command, ctx: () => CliContext): void {
  groups
    .command('update <group>')
    .description('rename a group, or change its type or description (only what is given)')
    .option('--name <name>', 'the new name')
    .option('--type <type>', 'open, adHoc, closed or dynamic')
    .option('--description <text>', 'the new description')
    .action(async (ref: string, options: { name?: string; type?: string; description?: string }) => {
      const c = ctx();
      const group = await resolveGroup(c, ref);
      const before = group.name;
      const changes = {
        ...(options.name === undefined ? {} : { name: options.name }),
        ...(options.type === undefined ? {} : { type: checkGroupType(options.type, 'groups update') }),
        ...(options.description === undefined ? {} : { description: options.description }),
      };
      showWrite(c, {
        title: group.summary(),
        changes: Object.entries(changes).map(([k, v]) => `~ ${k} → ${JSON.stringify(v)}`),
      });
      await group.update(changes);
      c.result(
        groupJson(group),
        () => `✓ ${group.summary()}${before === group.name ? '' : ` (was ${JSON.stringify(before)})`}\n`,
      );
    });
}

function registerGroupsDelete(groups: Command, ctx: () => CliContext): void {
  groups
    .command('delete <group>')
    .description('delete a group (refuses system groups)')
    .action(async (ref: string) => {
      const c = ctx();
      const group = await resolveGroup(c, ref);
      await confirmWrite(c, {
        title: `delete group ${JSON.stringify(group.name)}`,
        changes: [`− group ${JSON.stringify(group.name)} (#${group.id}, ${group.memberCount ?? '?'} member(s))`],
      });
      await group.delete();
      c.result(
        changeJson({ type: 'group', id: group.id, name: group.name }, [], [], true),
        () => `✓ deleted ${group.summary()}\n`,
      );
    });
}

/** `domo-admin groups …` */
export function registerGroups(program: Command, ctx: () => CliContext): void {
  const groups = program.command('groups').description('groups: list, show, create, add, remove, owners, delete');
  registerReads(groups, ctx);
  registerChanges(groups, ctx);
}

/** Shows who loses membership or ownership of `group` (by email) and asks. */
async function confirmRemoval(
  c: CliContext,
  group: DomoGroup,
  users: readonly DomoUser[],
  what: string,
): Promise<void> {
  await confirmWrite(c, {
    title: `group ${JSON.stringify(group.name)}: remove ${users.length} ${what}(s)`,
    changes: users.map((user) => `− ${what} ${user.email || user.id}`),
  });
}
