import type { Command } from 'commander';
import { DomoAccounts } from '../../classes/account/accounts.js';
import type { Progress } from '../../client/concurrency.js';
import type { CliContext } from '../context.js';
import { progressBar } from '../progress.js';
import { accessTable, ownersText, accountsTable, configText } from '../render.js';
import { integerOption } from '../options.js';
import { resolveAccount, resolveOAuth } from '../resolve.js';
import { registerCredentialWrites } from './credentials.js';
import { registerAccountCreate, registerAccountUpdateConfig } from './account-config.js';
import { formatTable } from '../table.js';
import { inline } from '../text.js';
import type { DomoAuth } from '../../auth/base.js';
import type { DomoOAuthAccount } from '../../classes/account/oauth-account.js';
import { lookupUsers } from '../../classes/people.js';
import { accountJson, principalJson, templateJson } from '../kinds.js';

/** `domo-admin accounts …` */
export function registerAccounts(program: Command, ctx: () => CliContext): void {
  const accounts = program
    .command('accounts')
    .description(
      'credential accounts: list, show, access, create, update-config, share, unshare, rename, transfer-owner, delete',
    );
  registerAccountsList(accounts, ctx);
  registerAccountsShow(accounts, ctx);
  registerAccountsAccess(accounts, ctx);
  registerCredentialWrites(accounts, 'account', resolveAccount, ctx);
  registerAccountCreate(accounts, ctx);
  registerAccountUpdateConfig(accounts, ctx);
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
      const bar = await progressBar(c, 'accounts {bar} {value}/{total} ({failed} failed)');
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
        list.map(accountJson),
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
      c.result(accountJson(account), () =>
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
      c.list(
        access.map((a) => ({ ...principalJson(a), accessLevel: a.accessLevel })),
        () => accessTable(access),
      );
    });
}

function errorLine(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function registerOAuth(program: Command, ctx: () => CliContext): void {
  const oauth = program
    .command('oauth')
    .description('OAuth account templates: list, show, share, unshare, rename, transfer-owner, delete');
  registerCredentialWrites(oauth, 'OAuth template', resolveOAuth, ctx);
  oauth
    .command('list')
    .description('list OAuth account templates')
    .action(async () => {
      const c = ctx();
      const auth = await c.auth();
      const templates = await new DomoAccounts(auth).listOAuth();
      const names = await ownerNames(auth, templates);
      c.list(
        templates.map((t) => templateJson(t, names)),
        () =>
          formatTable(
            templates,
            [
              { header: 'ID', value: (t) => t.id, right: true },
              { header: 'NAME', value: (t) => t.displayName },
              { header: 'PROVIDER', value: (t) => t.dataProviderType },
              { header: 'ENABLED', value: (t) => t.enabled },
              {
                header: 'OWNERS',
                value: (t) => (t.ownerIds ?? []).map((id) => names.get(id) ?? `user ${id}`).join(', '),
              },
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
        templateJson(template),
        () =>
          `${template.summary()}\n  config: ${configText(template.config)}\n\n${accessTable(template.access ?? [])}`,
      );
    });
}

/** The templates' owners' names by id (display name, else email): one batched user search. */
async function ownerNames(auth: DomoAuth, templates: readonly DomoOAuthAccount[]): Promise<Map<number, string>> {
  const ids = [...new Set(templates.flatMap((t) => t.ownerIds ?? []))];
  if (ids.length === 0) return new Map();
  const { users } = await lookupUsers(auth, ids);
  return new Map(users.flatMap((u) => (u ? [[u.id, u.displayName || u.emailAddress || String(u.id)] as const] : [])));
}
