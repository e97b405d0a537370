import { Option, type Command } from 'commander';
import type { DomoAuth } from '../../auth/base.js';
import type { CredentialEntity } from '../../classes/account/credential.js';
import { DomoGroups } from '../../classes/group/groups.js';
import { DomoUsers } from '../../classes/user/users.js';
import type { AccessEntry } from '../../routes/account/schemas.js';
import { AccessLevel } from '../../routes/account/sharing.js';
import type { CliContext } from '../context.js';
import { confirmWrite, showWrite } from '../confirm.js';
import { userArgument } from '../options.js';
import { accessLevelArgument } from '../resolve.js';
import type { DomoAccount } from '../../classes/account/account.js';
import type { DomoOAuthAccount } from '../../classes/account/oauth-account.js';
import type { ShareEntry } from '../../classes/change.js';
import { accessItem, accountJson, changeJson, templateJson, type ChangeTarget, type PrincipalJson } from '../kinds.js';

/** How a command finds the credential (account or OAuth template) it works on, by id or exact name. */
type Resolve = (auth: DomoAuth, ref: string) => Promise<CredentialEntity>;

interface PrincipalOptions {
  user?: string;
  group?: string;
}

/**
 * The writes accounts and OAuth templates share — `share`, `unshare`, `rename`, `transfer-owner`, `delete` — one
 * implementation registered under both `accounts` and `oauth`.
 */
export function registerCredentialWrites(parent: Command, what: string, resolve: Resolve, ctx: () => CliContext): void {
  registerShare(parent, what, resolve, ctx);
  registerUnshare(parent, what, resolve, ctx);
  registerRename(parent, what, resolve, ctx);
  registerTransfer(parent, what, resolve, ctx);
  registerDelete(parent, what, resolve, ctx);
}

/** The principal of `--user` (id or email) or `--group` (id or exact name), resolved to an id and a label. */
async function principal(
  auth: DomoAuth,
  options: PrincipalOptions,
): Promise<{ ids: { userId: number } | { groupId: number }; who: string; id: number; json: PrincipalJson }> {
  if (options.user !== undefined) {
    const [user] = await new DomoUsers(auth).resolve([options.user]);
    const json = { type: 'user' as const, id: user!.id, name: user!.displayName || user!.email || null };
    return { ids: { userId: user!.id }, who: `user ${user!.email || user!.id}`, id: user!.id, json };
  }
  const [group] = await new DomoGroups(auth).resolve([options.group as string]);
  const json = { type: 'group' as const, id: group!.id, name: group!.name };
  return { ids: { groupId: group!.id }, who: `group ${JSON.stringify(group!.name)}`, id: group!.id, json };
}

/** The credential's JSON kind: `account` or `oauthTemplate`. */
function entityJson(what: string, entity: CredentialEntity) {
  return what === 'account' ? accountJson(entity as DomoAccount) : templateJson(entity as DomoOAuthAccount);
}

function targetOf(what: string, entity: CredentialEntity): ChangeTarget {
  return { type: what === 'account' ? 'account' : 'oauthTemplate', id: entity.id, name: entity.displayName };
}

/** A share change as a change report: each level given or taken away, for the one principal it was about. */
function shareJson(
  what: string,
  entity: CredentialEntity,
  principal: PrincipalJson,
  change: { added: ShareEntry[]; removed: ShareEntry[] },
) {
  const items = (entries: ShareEntry[]) => entries.map((e) => accessItem(principal, e.accessLevel));
  return changeJson(targetOf(what, entity), items(change.added), items(change.removed));
}

function principalOptions(command: Command): Command {
  return command
    .addOption(new Option('--user <user>', 'a user id or email').argParser(userArgument('--user')).conflicts('group'))
    .addOption(new Option('--group <group>', 'a group id or exact name').conflicts('user'));
}

function requirePrincipal(options: PrincipalOptions, command: Command): void {
  if (options.user === undefined && options.group === undefined)
    command.error('error: give --user <id|email> or --group <id|name>', { exitCode: 2, code: 'domo.usage' });
}

/** The level the access list shows for a principal; `NONE` when it is not listed. */
function accessLevelOf(access: readonly AccessEntry[], target: { ids: object; id: number }): string {
  const type = 'userId' in target.ids ? 'USER' : 'GROUP';
  return access.find((row) => row.type === type && row.id === target.id)?.accessLevel ?? 'NONE';
}

/** The credential, the principal of `--user`/`--group`, and the level the access list shows for it now. */
async function accessOf(c: CliContext, resolve: Resolve, ref: string, options: PrincipalOptions) {
  const auth = await c.auth();
  const entity = await resolve(auth, ref);
  const target = await principal(auth, options);
  return { entity, target, current: accessLevelOf(await entity.getAccess(), target) };
}

/** What the argument naming the credential is called: `<account>` or `<template>`. */
function noun(what: string): 'account' | 'template' {
  return what === 'account' ? 'account' : 'template';
}

function registerShare(parent: Command, what: string, resolve: Resolve, ctx: () => CliContext): void {
  principalOptions(parent.command(`share <${noun(what)}>`))
    .description(`share an ${what} with a user or a group (or change their level: asks first)`)
    .option('--level <level>', `${Object.keys(AccessLevel).join(' | ')}`, accessLevelArgument, AccessLevel.CAN_VIEW)
    .action(async (ref: string, options: PrincipalOptions & { level: AccessLevel }, command: Command) => {
      requirePrincipal(options, command);
      const c = ctx();
      const { entity, target, current } = await accessOf(c, resolve, ref, options);
      if (current === 'NONE')
        showWrite(c, { title: `${entity.summary()}: share`, changes: [`+ ${target.who}: ${options.level}`] });
      if (current !== 'NONE' && current !== options.level)
        await confirmWrite(c, {
          title: `${entity.summary()}: change ${target.who}'s access`,
          changes: [`~ ${target.who}: ${current} → ${options.level}`],
        });
      const change = await entity.share({ ...target.ids, accessLevel: options.level });
      const level = accessLevelOf(await entity.getAccess(), target); // as the server now shows it
      c.result(
        shareJson(what, entity, target.json, change),
        () => `✓ ${entity.summary()}: ${target.who} now has ${level}\n`,
      );
    });
}

function registerUnshare(parent: Command, what: string, resolve: Resolve, ctx: () => CliContext): void {
  principalOptions(parent.command(`unshare <${noun(what)}>`))
    .description("remove a user's or a group's access (asks first)")
    .action(async (ref: string, options: PrincipalOptions, command: Command) => {
      requirePrincipal(options, command);
      const c = ctx();
      const { entity, target, current } = await accessOf(c, resolve, ref, options);
      await confirmWrite(c, {
        title: `${entity.summary()}: revoke ${target.who}'s access`,
        changes: current === 'NONE' ? [] : [`− ${target.who}: ${current}`],
      });
      const change = await entity.unshare(target.ids);
      const level = accessLevelOf(await entity.getAccess(), target);
      c.result(shareJson(what, entity, target.json, change), () =>
        level === 'NONE'
          ? `✓ ${entity.summary()}: ${target.who} no longer has access\n`
          : `! ${entity.summary()}: ${target.who} still has ${level}\n`,
      );
    });
}

function registerRename(parent: Command, what: string, resolve: Resolve, ctx: () => CliContext): void {
  parent
    .command('rename')
    .argument(`<${noun(what)}>`, `the ${what}: id or exact name`)
    .argument('<name>', 'the new display name')
    .description(`change an ${what}'s display name`)
    .action(async (ref: string, name: string) => {
      const c = ctx();
      const entity = await resolve(await c.auth(), ref);
      const before = entity.displayName;
      showWrite(c, {
        title: entity.summary(),
        changes: [`~ name: ${JSON.stringify(before)} → ${JSON.stringify(name)}`],
      });
      await entity.rename(name);
      c.result(
        entityJson(what, entity),
        () => `✓ ${what} #${entity.id}: ${JSON.stringify(before)} → ${JSON.stringify(entity.displayName)}\n`,
      );
    });
}

function registerTransfer(parent: Command, what: string, resolve: Resolve, ctx: () => CliContext): void {
  parent
    .command('transfer-owner')
    .argument(`<${noun(what)}>`, `the ${what}: id or exact name`)
    .requiredOption('--to <user>', 'the new owner (id or email)', userArgument('--to'))
    .option('--from <user>', 'the owner who gives it up (default: you)', userArgument('--from'))
    .description(`make another user the owner (new owner first, then the old one removed; asks first)`)
    .action(async (ref: string, options: { to: string; from?: string }) => {
      const c = ctx();
      const auth = await c.auth();
      const entity = await resolve(auth, ref);
      const from = options.from ?? (await auth.whoAmI()).emailAddress ?? 'you';
      await confirmWrite(c, {
        title: `${entity.summary()}: transfer ownership`,
        changes: [`+ ${options.to}: OWNER`, `− ${from}: OWNER`],
      });
      await entity.transferOwnership({ to: options.to, ...(options.from ? { from: options.from } : {}) });
      const owners = (entity.access ?? []).filter((e) => e.accessLevel === 'OWNER').map((e) => e.name ?? String(e.id));
      c.result(entityJson(what, entity), () => `✓ ${entity.summary()}: owners now ${owners.join(', ') || '(none)'}\n`);
    });
}

function registerDelete(parent: Command, what: string, resolve: Resolve, ctx: () => CliContext): void {
  parent
    .command(`delete <${noun(what)}>`)
    .description(`delete an ${what} (asks first; what uses it stops working)`)
    .action(async (ref: string) => {
      const c = ctx();
      const entity = await resolve(await c.auth(), ref);
      await confirmWrite(c, {
        title: `delete ${what} ${JSON.stringify(entity.displayName)}`,
        changes: [`− ${entity.summary()}`],
      });
      await entity.delete();
      c.result(changeJson(targetOf(what, entity), [], [], true), () => `✓ deleted ${entity.summary()}\n`);
    });
}
