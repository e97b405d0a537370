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

function changeLine(group: DomoGroup, change: { added: number[]; removed: number[] }, what: string): string {
  if (change.added.length + change.removed.length === 0) return `= ${group.summary()}: no change\n`;
  return `✓ ${group.summary()}: ${what}${change.added.length ? ` + ${change.added.join(', ')}` : ''}${change.removed.length ? ` - ${change.removed.join(', ')}` : ''}\n`;
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
      c.list(list, () => groupsTable(list));
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
      c.result({ ...group, owners, members }, () =>
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
      const group = await new DomoGroups(await c.auth()).create({
        name,
        type: checkGroupType(options.type, 'groups create'),
        description: options.description,
      });
      c.result(group, () => `✓ created ${group.summary()}\n`);
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
        if (verb === 'remove') await confirmRemoval(c, group, users, 'member');
        const change = verb === 'add' ? await group.addMembers(users) : await group.removeMembers(users);
        await group.refresh(); // the count as the server now has it
        c.result({ group: group.id, ...change, memberCount: group.memberCount }, () =>
          changeLine(group, change, 'members'),
        );
      });
  }
  groups
    .command('owners <group>')
    .description('show owners, or change them with --add / --remove (ids or emails)')
    .option('--add <users...>', 'users to make owners')
    .option('--remove <users...>', 'owners to remove')
    .action(async (ref: string, options: { add?: string[]; remove?: string[] }) => {
      const c = ctx();
      const group = await resolveGroup(c, ref);
      if (options.remove) await confirmRemoval(c, group, options.remove, 'owner');
      const added = options.add ? (await group.addOwners(options.add)).added : [];
      const removed = options.remove ? (await group.removeOwners(options.remove)).removed : [];
      const owners = await group.getOwners();
      c.result(
        { group: group.id, added, removed, owners },
        () =>
          (options.add || options.remove ? changeLine(group, { added, removed }, 'owners') : '') + ownersTable(owners),
      );
    });
  registerGroupsUpdate(groups, ctx);
  registerGroupsDelete(groups, ctx);
}

function registerGroupsUpdate(groups: Command, ctx: () => CliContext): void {
  groups
    .command('update <group>')
    .description('rename a group, or change its type or description (only what is given)')
    .option('--name <name>', 'the new name')
    .option('--type <type>', 'open, adHoc, closed or dynamic')
    .option('--description <text>', 'the new description')
    .addHelpText(
      'after',
      '\nExamples:\n  domo-admin groups update Finance --name "Finance (EMEA)"\n  domo-admin groups update 42 --type closed',
    )
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
      c.result(group, () => `✓ ${group.summary()}${before === group.name ? '' : ` (was ${JSON.stringify(before)})`}\n`);
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
      c.result({ ok: true, deleted: group.id }, () => `✓ deleted ${group.summary()}\n`);
    });
}

/** `domo-admin groups …` */
export function registerGroups(program: Command, ctx: () => CliContext): void {
  const groups = program.command('groups').description('groups: list, show, create, add, remove, owners, delete');
  registerReads(groups, ctx);
  registerChanges(groups, ctx);
}

/** Shows who loses membership or ownership of `group` (by email) and asks. */
async function confirmRemoval(c: CliContext, group: DomoGroup, refs: readonly string[], what: string): Promise<void> {
  const users = await new DomoUsers(await c.auth()).resolve(refs);
  await confirmWrite(c, {
    title: `group ${JSON.stringify(group.name)}: remove ${users.length} ${what}(s)`,
    changes: users.map((user) => `− ${what} ${user.email || user.id}`),
  });
}
