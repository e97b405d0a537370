import type { Command } from 'commander';
import { DomoUser, roleNameOf } from '../../classes/user/user.js';
import { DomoUsers } from '../../classes/user/users.js';
import type { UserChanges } from '../../routes/user/core.js';
import type { CliContext } from '../context.js';
import { progressBar } from '../progress.js';
import { usersTable } from '../render.js';
import { integerOption, userArgument } from '../options.js';
import { resolveGroup, resolveRole, roleNames } from '../resolve.js';
import { confirmWrite, showWrite } from '../confirm.js';
import { inline } from '../text.js';
import { changeJson, userJson } from '../kinds.js';

/** A user by id or email. */
async function resolveUser(c: CliContext, ref: string): Promise<DomoUser> {
  const auth = await c.auth();
  const [user] = await new DomoUsers(auth).resolve([ref]);
  return DomoUser.get(auth, user!.id);
}

/** The user's role by name, whatever the read gave (never a bare id). */
async function roleOf(c: CliContext, user: DomoUser): Promise<string> {
  return (await roleNameOf(await c.auth(), { id: user.id, role: user.roleName, roleId: user.roleId })) ?? 'unknown';
}

function details(user: DomoUser, role: string): string {
  return [
    user.summary(),
    `  role: ${inline(role)}   title: ${inline(user.title ?? '') || '-'}   department: ${inline(user.department ?? '') || '-'}   phone: ${inline(user.phoneNumber ?? '') || '-'}`,
    `  last active: ${user.lastActivity?.toISOString() ?? '-'}   created: ${user.createdAt?.toISOString() ?? '-'}`,
    '',
  ].join('\n');
}

function registerList(users: Command, ctx: () => CliContext): void {
  users
    .command('list')
    .description('every user (deleted ones with --include-deleted), or those of a role or a group; progress on stderr')
    .option('--include-deleted', 'deleted users too')
    .option('--role <role>', 'only users holding this role (id or name, case-insensitive)')
    .option('--group <group>', 'only members of this group (id or name, case-insensitive)')
    .option('--limit <n>', 'at most this many users', integerOption('--limit', 1))
    .action((options: ListOptions) => listUsers(ctx(), options));
}

interface ListOptions {
  includeDeleted?: boolean;
  role?: string;
  group?: string;
  limit?: number;
}

/** `users list`: pages until the end (or `--limit`), filtered here by role and group (never trusting a server filter). */
async function listUsers(c: CliContext, options: ListOptions): Promise<void> {
  const auth = await c.auth();
  const [roles, role, members] = await Promise.all([
    roleNames(auth),
    options.role === undefined ? undefined : resolveRole(auth, options.role),
    options.group === undefined ? undefined : resolveGroup(auth, options.group).then(async (g) => g.getMembers()),
  ]);
  const inGroup = members && new Set(members.map((m) => m.id));
  const keep = (u: DomoUser) => (!role || u.roleId === role.id) && (!inGroup || inGroup.has(u.id));
  const bar = await progressBar(c, 'users {value}');
  const list: DomoUser[] = [];
  bar?.start(0, 0);
  try {
    for await (const user of new DomoUsers(auth).list({ includeDeleted: Boolean(options.includeDeleted) })) {
      if (keep(user)) list.push(user);
      bar?.setTotal(list.length);
      bar?.update(list.length);
      if (options.limit !== undefined && list.length >= options.limit) break;
    }
  } finally {
    bar?.stop();
  }
  c.list(
    list.map((u) => userJson(u, roles)),
    () => usersTable(list, roles),
  );
}

function registerShowFind(users: Command, ctx: () => CliContext): void {
  users
    .command('show')
    .description('one user (id or email) with details and groups')
    .argument('<user>', 'a user id or email', userArgument('<user>'))
    .action(async (ref: string) => {
      const c = ctx();
      const user = await resolveUser(c, ref);
      const [groups, role] = await Promise.all([user.groups(), roleOf(c, user)]);
      c.result(
        { ...userJson(user), role, groups: groups.map((g) => ({ id: g.id, name: g.name })) },
        () => `${details(user, role)}  groups: ${groups.map((g) => inline(g.name)).join(', ') || '(none)'}\n`,
      );
    });
  users
    .command('find <text>')
    .description('users whose name or email holds any of the words')
    .action(async (text: string) => {
      const c = ctx();
      const auth = await c.auth();
      const [found, roles] = await Promise.all([new DomoUsers(auth).search(text), roleNames(auth)]);
      c.list(
        found.map((u) => userJson(u, roles)),
        () => usersTable(found, roles),
      );
    });
}

function registerChanges(users: Command, ctx: () => CliContext): void {
  registerUsersCreate(users, ctx);
  registerUsersSetRole(users, ctx);
  registerUsersUpdate(users, ctx);
  registerUsersDelete(users, ctx);
}

function registerUsersCreate(users: Command, ctx: () => CliContext): void {
  users
    .command('create <email>')
    .description('create (invite) a user')
    .requiredOption('--name <displayName>', 'the display name')
    .option('--role <role>', 'role id or name (default: the instance default role)')
    .option('--invite', "email the user Domo's invitation (without it, nobody is emailed)")
    .action(async (email: string, options: { name: string; role?: string; invite?: boolean }) => {
      const c = ctx();
      const auth = await c.auth();
      const role = options.role === undefined ? undefined : await resolveRole(auth, options.role);
      showWrite(c, {
        title: `create user ${email}`,
        changes: [
          `+ user ${email} (${JSON.stringify(options.name)}, role ${role?.name ?? 'the default role'}${options.invite ? ', invitation emailed' : ''})`,
        ],
      });
      const user = await new DomoUsers(auth).create({
        displayName: options.name,
        email,
        sendInvite: Boolean(options.invite),
        ...(role ? { role: role.id } : {}),
      });
      c.result(
        userJson(user, role && new Map([[role.id, role.name]])),
        () => `✓ created ${user.summary()}${options.invite ? ' (invitation emailed)' : ' (no invitation emailed)'}\n`,
      );
    });
}

function registerUsersSetRole(users: Command, ctx: () => CliContext): void {
  users
    .command('set-role')
    .description('move a user (id or email) to a role (id or name)')
    .argument('<user>', 'a user id or email', userArgument('<user>'))
    .argument('<role>', 'a role id or name')
    .action(async (ref: string, roleRef: string) => {
      const c = ctx();
      const user = await resolveUser(c, ref);
      const role = await resolveRole(await c.auth(), roleRef);
      await confirmWrite(c, {
        title: `move ${user.email || user.id} to role ${JSON.stringify(role.name)}`,
        changes: user.roleId === role.id ? [] : [`~ role: ${await roleOf(c, user)} → ${role.name}`],
      });
      await user.setRole(role);
      const after = await role.refresh(); // the member count printed is the one after the move
      c.result(
        userJson(user, new Map([[after.id, after.name]])),
        () => `✓ ${user.summary()} now holds ${after.summary()}\n`,
      );
    });
}

function registerUsersUpdate(users: Command, ctx: () => CliContext): void {
  users
    .command('update')
    .description('change a user\'s fields (only those given); "" clears title, department or phone')
    .argument('<user>', 'a user id or email', userArgument('<user>'))
    .option('--name <displayName>')
    .option('--email <email>')
    .option('--title <title>')
    .option('--department <department>')
    .option('--phone <phone>')
    .action(
      async (
        ref: string,
        options: { name?: string; email?: string; title?: string; department?: string; phone?: string },
      ) => {
        const c = ctx();
        const user = await resolveUser(c, ref);
        const clearable = (value: string | undefined) =>
          value === undefined ? undefined : value === '' ? null : value;
        const changes: UserChanges = {
          ...(options.name === undefined ? {} : { displayName: options.name }),
          ...(options.email === undefined ? {} : { emailAddress: options.email }),
          ...(options.title === undefined ? {} : { title: clearable(options.title) }),
          ...(options.department === undefined ? {} : { department: clearable(options.department) }),
          ...(options.phone === undefined ? {} : { phoneNumber: clearable(options.phone) }),
        };
        await user.update(changes);
        const role = await roleOf(c, user);
        c.result({ ...userJson(user), role }, () => `✓ updated\n${details(user, role)}`);
      },
    );
}

function registerUsersDelete(users: Command, ctx: () => CliContext): void {
  users
    .command('delete')
    .description('delete a user (refuses while they own anything unless --transfer-to says who takes over)')
    .argument('<user>', 'a user id or email', userArgument('<user>'))
    .option(
      '--transfer-to <user>',
      'the user (id or email) who takes over what they own',
      userArgument('--transfer-to'),
    )
    .action(async (ref: string, options: { transferTo?: string }) => {
      const c = ctx();
      const user = await resolveUser(c, ref);
      const owned = await user.owned();
      // Loaded here: the content families it names are not needed by the other users commands.
      const { OWNED_LABEL, ownedThings } = await import('../../classes/ownership.js');
      const things = ownedThings(owned).map((o) => `${OWNED_LABEL[o.kind]} ${JSON.stringify(o.name)}`);
      // Owning something with no one named to take over is refused by delete() itself, before anything is sent.
      if (things.length === 0 || options.transferTo)
        await confirmWrite(c, {
          title: `delete user ${user.email || user.id}`,
          changes: [
            ...(options.transferTo && things.length > 0
              ? [`~ ${things.join(', ')}: owner → ${options.transferTo}`]
              : []),
            `− user ${user.email || user.id} (#${user.id})`,
          ],
        });
      await user.delete({ owned, ...(options.transferTo === undefined ? {} : { transferTo: options.transferTo }) });
      c.result(
        changeJson({ type: 'user', id: user.id, name: user.email || null }, [], [], true),
        () =>
          `✓ deleted ${user.summary()}${options.transferTo ? ` (what they owned went to ${options.transferTo})` : ''}\n`,
      );
    });
}

/** `domo-admin users …` */
export function registerUsers(program: Command, ctx: () => CliContext): void {
  const users = program.command('users').description('users: list, show, find, create, set-role, update, delete');
  registerList(users, ctx);
  registerShowFind(users, ctx);
  registerChanges(users, ctx);
}
