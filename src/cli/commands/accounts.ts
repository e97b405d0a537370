import { Option, type Command } from 'commander';
import { SingleBar } from 'cli-progress';
import type { DomoAuth } from '../../auth/base.js';
import { DomoAccounts } from '../../classes/account/accounts.js';
import { DomoGroups } from '../../classes/group/groups.js';
import { DomoUsers } from '../../classes/user/users.js';
import type { Progress } from '../../client/concurrency.js';
import { AccessLevel } from '../../routes/account/sharing.js';
import type { CliContext } from '../context.js';
import { confirmWrite, showWrite } from '../confirm.js';
import { accessTable, ownersText, accountsTable, configText } from '../render.js';
import { integerOption, userArgument } from '../options.js';
import { accessLevelArgument, idArgument, resolveAccount, resolveOAuth } from '../resolve.js';
import { formatTable } from '../table.js';
import { inline } from '../text.js';
import type { AccessEntry } from '../../routes/account/schemas.js';

interface PrincipalOptions {
  user?: string;
  group?: string;
}

/** The principal of `--user` (id or email) or `--group` (id or exact name), resolved to an id and a label. */
async function principal(
  auth: DomoAuth,
  options: PrincipalOptions,
): Promise<{ ids: { userId: number } | { groupId: number }; who: string; id: number }> {
  if (options.user !== undefined) {
    const [user] = await new DomoUsers(auth).resolve([options.user]);
    return { ids: { userId: user!.id }, who: `user ${user!.id} <${user!.email}>`, id: user!.id };
  }
  const [group] = await new DomoGroups(auth).resolve([options.group as string]);
  return { ids: { groupId: group!.id }, who: `group ${group!.id} ${JSON.stringify(group!.name)}`, id: group!.id };
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

/** `domo-admin accounts …` */
export function registerAccounts(program: Command, ctx: () => CliContext): void {
  const accounts = program
    .command('accounts')
    .description('credential accounts: list, show, access, share, unshare, rename');
  registerAccountsList(accounts, ctx);
  registerAccountsShow(accounts, ctx);
  registerAccountsAccess(accounts, ctx);
  registerAccountsSharing(accounts, ctx);
  registerAccountsRename(accounts, ctx);
  registerOAuth(program, ctx);
}

function registerAccountsList(accounts: Command, ctx: () => CliContext): void {
  accounts
    .command('list')
    .description('list accounts with their owners (configs with --with-config; secrets are always redacted)')
    .option('--with-config', "read every account's config too (one request each)")
    .option('--provider <type>', 'only accounts of this provider type, e.g. snowflake')
    .option('--concurrency <n>', 'config reads in flight', integerOption('--concurrency', 1), 32)
    .action(async (options: { withConfig?: boolean; provider?: string; concurrency: number }) => {
      const c = ctx();
      const bar =
        c.io.errIsTTY && !c.json
          ? new SingleBar({ stream: process.stderr, format: 'accounts {bar} {value}/{total} ({failed} failed)' })
          : undefined;
      const onProgress = (p: Progress) => {
        if (p.done === 1) bar?.start(p.total, 0, { failed: 0 });
        bar?.update(p.done, { failed: p.failed });
      };
      const { accounts: list, failed } = await new DomoAccounts(await c.auth())
        .list({
          withConfig: Boolean(options.withConfig),
          withAccess: true, // the owner is in the access list: the row's userId is the creator
          concurrency: options.concurrency,
          onProgress,
          ...(options.provider ? { dataProviderType: options.provider } : {}),
        })
        .finally(() => bar?.stop());
      c.list(
        list,
        () => accountsTable(list, Boolean(options.withConfig)),
        failed.map((f) => ({ id: f.account.id, error: errorLine(f.error) })),
      );
      for (const f of failed) c.note(`! account #${f.account.id}: not fully read (${errorLine(f.error)})`);
    });
}

function registerAccountsShow(accounts: Command, ctx: () => CliContext): void {
  accounts
    .command('show <account>')
    .description('one account (id or exact name) with its config (masked) and access list')
    .action(async (ref: string) => {
      const c = ctx();
      const account = await resolveAccount(await c.auth(), ref);
      await Promise.all([account.getConfig(), account.getAccess()]);
      c.result(account, () =>
        [
          `${account.summary()}`,
          `  name: ${inline(account.name)}   owner: ${inline(ownersText(account.owners))}   valid: ${String(account.valid)}   modified: ${account.modifiedAt?.toISOString() ?? '-'}`,
          `  config: ${configText(account.config)}`,
          '',
          accessTable(account.access ?? []),
        ].join('\n'),
      );
    });
}

function registerAccountsAccess(accounts: Command, ctx: () => CliContext): void {
  accounts
    .command('access <account>')
    .description('who can use an account')
    .action(async (ref: string) => {
      const c = ctx();
      const access = await (await resolveAccount(await c.auth(), ref)).getAccess();
      c.list(access, () => accessTable(access));
    });
}

function registerAccountsRename(accounts: Command, ctx: () => CliContext): void {
  accounts
    .command('rename')
    .argument('<id>', 'account id', idArgument('<id>'))
    .argument('<name>', 'the new display name')
    .description("change an account's display name")
    .action(async (id: number, name: string) => {
      const c = ctx();
      const account = await resolveAccount(await c.auth(), id);
      const before = account.displayName;
      await account.rename(name);
      c.result(
        account,
        () => `✓ account #${account.id}: ${JSON.stringify(before)} → ${JSON.stringify(account.displayName)}\n`,
      );
    });
}

/** The level the access list shows for a principal; `NONE` when it is not listed. */
function accessLevelOf(access: readonly AccessEntry[], target: { ids: object; id: number }): string {
  const type = 'userId' in target.ids ? 'USER' : 'GROUP';
  return access.find((row) => row.type === type && row.id === target.id)?.accessLevel ?? 'NONE';
}

function errorLine(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function registerAccountsSharing(accounts: Command, ctx: () => CliContext): void {
  principalOptions(accounts.command('share <account>'))
    .description('share an account with a user or a group (or change their level)')
    .option('--level <level>', `${Object.keys(AccessLevel).join(' | ')}`, accessLevelArgument, AccessLevel.CAN_VIEW)
    .action(async (ref: string, options: PrincipalOptions & { level: AccessLevel }, command: Command) => {
      requirePrincipal(options, command);
      const c = ctx();
      const auth = await c.auth();
      const account = await resolveAccount(auth, ref);
      const target = await principal(auth, options);
      const current = accessLevelOf(await account.getAccess(), target);
      if (current === 'NONE')
        showWrite(c, { title: `${account.summary()}: share`, changes: [`+ ${target.who}: ${options.level}`] });
      if (current !== 'NONE' && current !== options.level)
        await confirmWrite(c, {
          title: `${account.summary()}: change ${target.who}'s access`,
          changes: [`~ ${target.who}: ${current} → ${options.level}`],
        });
      await account.share({ ...target.ids, accessLevel: options.level });
      const level = accessLevelOf(await account.getAccess(), target); // as the server now shows it
      c.result(
        { ok: true, account: account.id, ...target.ids, accessLevel: level },
        () => `✓ ${account.summary()}: ${target.who} now has ${level}\n`,
      );
    });
  principalOptions(accounts.command('unshare <account>'))
    .description("remove a user's or a group's access")
    .action(async (ref: string, options: PrincipalOptions, command: Command) => {
      requirePrincipal(options, command);
      const c = ctx();
      const auth = await c.auth();
      const account = await resolveAccount(auth, ref);
      const target = await principal(auth, options);
      const current = accessLevelOf(await account.getAccess(), target);
      await confirmWrite(c, {
        title: `${account.summary()}: revoke ${target.who}'s access`,
        changes: current === 'NONE' ? [] : [`− ${target.who}: ${current}`],
      });
      await account.unshare(target.ids);
      const level = accessLevelOf(await account.getAccess(), target);
      c.result({ ok: true, account: account.id, ...target.ids, accessLevel: level }, () =>
        level === 'NONE'
          ? `✓ ${account.summary()}: ${target.who} no longer has access\n`
          : `! ${account.summary()}: ${target.who} still has ${level}\n`,
      );
    });
}

function registerOAuth(program: Command, ctx: () => CliContext): void {
  const oauth = program.command('oauth').description('OAuth account templates: list, show');
  oauth
    .command('list')
    .description('list OAuth account templates')
    .action(async () => {
      const c = ctx();
      const templates = await new DomoAccounts(await c.auth()).listOAuth();
      c.list(templates, () =>
        formatTable(
          templates,
          [
            { header: 'ID', value: (t) => t.id, right: true },
            { header: 'NAME', value: (t) => t.displayName },
            { header: 'PROVIDER', value: (t) => t.dataProviderType },
            { header: 'ENABLED', value: (t) => t.enabled },
            { header: 'OWNERS', value: (t) => t.ownerIds },
          ],
          '(no OAuth templates)',
        ),
      );
    });
  oauth
    .command('show <template>')
    .description('one OAuth template (id or exact name) with its config (masked) and access')
    .action(async (ref: string) => {
      const c = ctx();
      const template = await resolveOAuth(await c.auth(), ref);
      await Promise.all([template.getConfig(), template.getAccess()]);
      c.result(
        template,
        () =>
          `${template.summary()}\n  config: ${configText(template.config)}\n\n${accessTable(template.access ?? [])}`,
      );
    });
}
