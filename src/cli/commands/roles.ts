import type { Command } from 'commander';
import { DomoInputError } from '../../client/errors.js';
import { DomoRoles } from '../../classes/role/roles.js';
import { DomoRole } from '../../classes/role/role.js';
import { DomoGrants } from '../../classes/role/grants.js';
import { DomoUsers } from '../../classes/user/users.js';
import { changeLines, confirmWrite, showWrite } from '../confirm.js';
import type { CliContext } from '../context.js';
import { membersTable, rolesTable } from '../render.js';
import { resolveRole } from '../resolve.js';
import { inline } from '../text.js';
import { wrapList } from '../table.js';
import { changeJson, grantItems, roleJson, userItems } from '../kinds.js';
import type { DomoUser } from '../../classes/user/user.js';

/** `domo-admin roles …` */
export function registerRoles(program: Command, ctx: () => CliContext): void {
  const roles = program.command('roles').description('roles: list, show, grants, members, create, delete, default');
  registerRolesList(roles, ctx);
  registerRolesShow(roles, ctx);
  registerRolesGrants(roles, ctx);
  registerRolesMembers(roles, ctx);
  registerRolesCreate(roles, ctx);
  registerRolesDelete(roles, ctx);
  registerRolesDefault(roles, ctx);
  registerRolesUpdate(roles, ctx);
}

function registerRolesUpdate(roles: Command, ctx: () => CliContext): void {
  roles
    .command('update <role>')
    .description("rename a role or change its description (only what is given; --description '' clears it)")
    .option('--name <name>', 'the new name')
    .option('--description <text>', 'the new description')
    .action(async (ref: string, options: { name?: string; description?: string }) => {
      const c = ctx();
      const role = await resolveRole(await c.auth(), ref);
      const before = { name: role.name, description: role.description };
      showWrite(c, {
        title: role.summary(),
        changes: [
          ...(options.name === undefined
            ? []
            : [`~ name: ${JSON.stringify(before.name)} → ${JSON.stringify(options.name)}`]),
          ...(options.description === undefined ? [] : [`~ description → ${JSON.stringify(options.description)}`]),
        ],
      });
      await role.update({ name: options.name, description: options.description });
      c.result(
        roleJson(role),
        () => `✓ ${role.summary()}${before.name === role.name ? '' : ` (was ${JSON.stringify(before.name)})`}\n`,
      );
    });
}

function registerRolesList(roles: Command, ctx: () => CliContext): void {
  roles
    .command('list')
    .description('list roles with grant and user counts')
    .action(async () => {
      const c = ctx();
      const list = await new DomoRoles(await c.auth()).list();
      c.list(
        list.map((r) => roleJson(r)),
        () => rolesTable(list),
      );
    });
}

function registerRolesShow(roles: Command, ctx: () => CliContext): void {
  roles
    .command('show <role>')
    .description('one role (id or exact name) with its grants and members')
    .action(async (ref: string) => {
      const c = ctx();
      const role = await resolveRole(await c.auth(), ref);
      const [grants, members] = await Promise.all([role.getGrants(), role.getMembers()]);
      c.result(roleJson(role, { grants: grants.map((g) => g.id), members }), () =>
        [
          role.summary(),
          `  description: ${inline(role.description) || '(none)'}`,
          `  grants (${grants.length}): ${
            wrapList(
              grants.map((g) => g.id),
              4,
              `  grants (${grants.length}): `.length,
            ) || '(none)'
          }`,
          '',
          membersTable(members),
        ].join('\n'),
      );
    });
}

function registerRolesCreate(roles: Command, ctx: () => CliContext): void {
  roles
    .command('create <name>')
    .description('create a role')
    .option('--from <role>', 'copy the grants of this role (id or name)')
    .option('--description <text>', 'description', '')
    .action(async (name: string, options: { from?: string; description: string }) => {
      const c = ctx();
      const auth = await c.auth();
      const from = options.from === undefined ? undefined : await resolveRole(auth, options.from);
      showWrite(c, {
        title: `create role ${JSON.stringify(name)}`,
        changes: [`+ role ${JSON.stringify(name)}${from ? ` with the grants of ${JSON.stringify(from.name)}` : ''}`],
      });
      const role = await (
        await DomoRole.create(auth, {
          name,
          description: options.description,
          ...(from ? { fromRoleId: from.id } : {}),
        })
      ).refresh();
      c.result(
        roleJson(role),
        () => `✓ created ${role.summary()}${from ? ` from ${JSON.stringify(from.name)}` : ''}\n`,
      );
    });
}

function registerRolesDelete(roles: Command, ctx: () => CliContext): void {
  roles
    .command('delete <role>')
    .description('delete a role (refuses system and default roles)')
    .option('--reassign-to <role>', 'move its members to this role first (id or name)')
    .action(async (ref: string, options: { reassignTo?: string }) => {
      const c = ctx();
      const auth = await c.auth();
      const role = await resolveRole(auth, ref);
      const target = options.reassignTo === undefined ? undefined : await resolveRole(auth, options.reassignTo);
      const members = role.userCount ?? 0;
      // A role with members and nowhere to move them is refused by delete() itself, before anything is sent.
      if (members === 0 || target)
        await confirmWrite(c, {
          title: `delete role ${JSON.stringify(role.name)}`,
          changes: [
            ...(target && members > 0 ? [`~ ${members} member(s) move to ${JSON.stringify(target.name)}`] : []),
            `− role ${JSON.stringify(role.name)} (#${role.id})`,
          ],
        });
      await role.delete(target ? { reassignTo: target.id } : {});
      c.result(
        changeJson({ type: 'role', id: role.id, name: role.name }, [], [], true),
        () =>
          `✓ deleted role #${role.id} ${JSON.stringify(role.name)}${target ? ` (members moved to ${JSON.stringify(target.name)})` : ''}\n`,
      );
    });
}

function registerRolesDefault(roles: Command, ctx: () => CliContext): void {
  roles
    .command('default [role]')
    .description('show the default role, or set it')
    .action(async (ref?: string) => {
      const c = ctx();
      const auth = await c.auth();
      let role: DomoRole;
      if (ref === undefined) role = await new DomoRoles(auth).getDefault();
      else role = await (await resolveRole(auth, ref)).setAsDefault();
      c.result(roleJson(role), () => `${ref === undefined ? '' : '✓ '}default role: ${role.summary()}\n`);
    });
}

function registerRolesGrants(roles: Command, ctx: () => CliContext): void {
  const grants = roles.command('grants').description("change a role's grants (checked against the catalogue first)");
  for (const [verb, description] of [
    ['set', 'replace the grants with exactly these'],
    ['add', 'add grants'],
    ['remove', 'remove grants'],
  ] as const) {
    grants
      .command(`${verb} <role> <grants...>`)
      .description(description)
      .action((ref: string, names: string[]) => changeGrants(ctx(), verb, ref, names));
  }
}

/**
 * `roles grants set|add|remove`: checks the names against the catalogue, shows what will be added and removed, asks
 * before a change that removes any (set, remove), then reports what the server holds.
 */
async function changeGrants(
  c: CliContext,
  verb: 'set' | 'add' | 'remove',
  ref: string,
  names: string[],
): Promise<void> {
  const auth = await c.auth();
  const role = await resolveRole(auth, ref);
  const before = (await role.getGrants()).map((g) => g.id);
  const named = verb === 'set' ? await new DomoGrants(auth).check(names) : [...new Set(names)];
  const wanted =
    verb === 'set' ? named : verb === 'add' ? [...before, ...named] : before.filter((g) => !named.includes(g));
  const missing = await new DomoGrants(auth).missingDependencies(wanted);
  if (verb !== 'add' && missing.length > 0)
    throw new DomoInputError(`nothing was changed: missing grant dependencies: ${missing.join('; ')}`, {
      field: 'grants',
    });
  const adding = wanted.filter((g) => !before.includes(g));
  const removing = before.filter((g) => !wanted.includes(g));
  showWrite(c, {
    title: `role ${JSON.stringify(role.name)}: ${adding.length} grant(s) added`,
    changes: changeLines(adding, []),
  });
  if (removing.length > 0) {
    const members = role.userCount === undefined ? '' : ` (${role.userCount} member(s))`;
    await confirmWrite(c, {
      title: `role ${JSON.stringify(role.name)}${members}: ${removing.length} grant(s) removed, ${adding.length} added`,
      changes: changeLines(adding, removing),
    });
  }
  if (verb === 'set') await role.setGrants(names);
  else if (verb === 'add') await role.addGrants(names);
  else await role.removeGrants(names);
  const after = (await role.getGrants()).map((g) => g.id);
  await role.refresh(); // counts as the server now has them
  const added = after.filter((g) => !before.includes(g));
  const removed = before.filter((g) => !after.includes(g));
  const target = { type: 'role' as const, id: role.id, name: role.name };
  c.result(changeJson(target, grantItems(added), grantItems(removed)), () =>
    added.length + removed.length === 0
      ? `= ${role.summary()}: no change\n`
      : `✓ ${role.summary()}${added.length ? `\n  + ${added.join(', ')}` : ''}${removed.length ? `\n  − ${removed.join(', ')}` : ''}\n`,
  );
}

function registerRolesMembers(roles: Command, ctx: () => CliContext): void {
  const members = roles
    .command('members')
    .description('move users into or out of a role (a user holds exactly one role)');
  members
    .command('add')
    .argument('<role>', 'role id or name')
    .argument('<users...>', 'user ids or emails')
    .description('move users into the role')
    .action(async (ref: string, users: string[]) => {
      const c = ctx();
      const auth = await c.auth();
      const role = await resolveRole(auth, ref);
      const moving = await confirmMoves(c, users, role);
      const change = await role.addMembers(moving); // resolved once, above, before anything moves
      await role.refresh();
      c.result(
        changeJson({ type: 'role', id: role.id, name: role.name }, userItems(change.added, moving, 'member'), []),
        () => `✓ moved ${change.added.length} user(s) into ${role.summary()}\n`,
      );
    });
  members
    .command('remove')
    .argument('<role>', 'role id or name')
    .argument('<users...>', 'user ids or emails')
    .description('move users out of the role (to --to-role, default: the default role)')
    .option('--to-role <role>', 'where the users go (id or name)')
    .action(async (ref: string, users: string[], options: { toRole?: string }) => {
      const c = ctx();
      const auth = await c.auth();
      const role = await resolveRole(auth, ref);
      const target = options.toRole ?? (await new DomoRoles(auth).getDefault()).id;
      const to = await resolveRole(auth, target);
      const moving = await confirmMoves(c, users, to);
      const change = await role.removeMembers(moving, { toRoleId: to.id });
      await Promise.all([role.refresh(), to.refresh()]);
      c.result(
        changeJson({ type: 'role', id: role.id, name: role.name }, [], userItems(change.removed, moving, 'member')),
        () => `✓ moved ${change.removed.length} user(s) out of ${role.summary()} into ${to.summary()}\n`,
      );
    });
}

/**
 * Resolves the users (every unknown one named at once), shows each one's move (a user holds one role: moving them
 * takes them out of theirs) and asks. Returns the users, resolved.
 */
async function confirmMoves(c: CliContext, refs: readonly string[], to: DomoRole): Promise<DomoUser[]> {
  const auth = await c.auth();
  const [users, roles] = await Promise.all([new DomoUsers(auth).resolve(refs), new DomoRoles(auth).list()]);
  const nameOf = (id: number | undefined) => roles.find((r) => r.id === id)?.name ?? `role ${id ?? '?'}`;
  const moving = users.filter((user) => user.roleId !== to.id);
  await confirmWrite(c, {
    title: `move ${moving.length} user(s) into role ${JSON.stringify(to.name)}`,
    changes: moving.map((user) => `~ ${user.email || user.id}: ${nameOf(user.roleId)} → ${to.name}`),
  });
  return users;
}
