import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { DomoAccessToken } from '../../classes/access-token/access-token.js';
import { DomoAccessTokens } from '../../classes/access-token/access-tokens.js';
import { executeBulkRotation, planBulkRotation } from '../../classes/access-token/bulk-rotation.js';
import { DomoInputError } from '../../client/errors.js';
import {
  applyTokenRevocationPlan,
  executeTokenRevocation,
  loadTokenRevocationPlan,
  planTokenRevocation,
  saveTokenRevocationPlan,
  type TokenRevocationPlan,
  type TokenSelection,
} from '../../audit/token-revocation.js';
import type { CliContext } from '../context.js';
import { confirmWrite, showWrite } from '../confirm.js';
import { accessTokenJson, type NewAccessTokenJson } from '../kinds.js';
import { integerOption, userArgument } from '../options.js';
import { resolveAccount } from '../resolve.js';
import { formatTable } from '../table.js';

/** When a token expires, in words: the date and "in N days" (or "expired N days ago"). */
export function expiryText(token: DomoAccessToken, now: number = Date.now()): string {
  const days = token.expiresInDays(now);
  if (!token.expiresAt || days === undefined) return 'never (no expiry given)';
  const date = token.expiresAt.toISOString().slice(0, 10);
  if (token.isExpired(now)) return `${date} (expired ${Math.max(0, -days)} day(s) ago)`;
  return `${date} (in ${days} day(s))`;
}

/** The owner as people read it: the email, marked when deleted or inactive. */
function ownerText(token: DomoAccessToken): string {
  const email = token.owner?.email ?? token.ownerEmail ?? (token.ownerId === undefined ? '?' : `user ${token.ownerId}`);
  if (token.owner?.isDeleted) return `${email} (deleted)`;
  return token.owner?.active === false ? `${email} (inactive)` : email;
}

function tokensTable(tokens: readonly DomoAccessToken[]): string {
  return formatTable(
    tokens,
    [
      { header: 'ID', value: (t) => t.id, right: true },
      { header: 'NAME', value: (t) => t.name },
      { header: 'OWNER', value: (t) => ownerText(t) },
      { header: 'EXPIRES', value: (t) => expiryText(t) },
    ],
    '(no access tokens)',
  );
}

function registerReads(tokens: Command, ctx: () => CliContext): void {
  tokens
    .command('list')
    .description('every access token of the instance: owner, expiry (never a value)')
    .option('--owner <user>', "only this user's tokens (id or email)", userArgument('--owner'))
    .option(
      '--expiring-within <days>',
      'only tokens expiring within this many days (expired ones too)',
      integerOption('--expiring-within', 0),
    )
    .action(async (options: { owner?: string; expiringWithin?: number }) => {
      const c = ctx();
      const manager = new DomoAccessTokens(await c.auth());
      let list = options.owner === undefined ? [...(await manager.list())] : await manager.ownedBy(options.owner);
      if (options.expiringWithin !== undefined) {
        const within = options.expiringWithin;
        list = list.filter((t) => (t.expiresInDays() ?? Number.POSITIVE_INFINITY) <= within);
      }
      c.list(
        list.map((t) => accessTokenJson(t)),
        () => tokensTable(list),
      );
    });
  tokens
    .command('show <token>')
    .description('one access token (id or exact name)')
    .action(async (ref: string) => {
      const c = ctx();
      const token = await new DomoAccessTokens(await c.auth()).get(ref);
      c.result(accessTokenJson(token), () =>
        [
          token.summary(),
          `  owner:   ${ownerText(token)}`,
          `  expires: ${expiryText(token)}`,
          ...(token.createdAt ? [`  created: ${token.createdAt.toISOString()}`] : []),
          '',
        ].join('\n'),
      );
    });
}

/** `tokens create`: the value goes to standard output alone (text) or as `value` (JSON): Domo shows it once. */
function registerCreate(tokens: Command, ctx: () => CliContext): void {
  tokens
    .command('create <name>')
    .description('create an access token for a user; its value is printed once, on standard output')
    .requiredOption('--owner <user>', 'whose access it carries (id or email)', userArgument('--owner'))
    .requiredOption('--days <n>', 'days until it expires', integerOption('--days', 1))
    .action(async (name: string, options: { owner: string; days: number }) => {
      const c = ctx();
      showWrite(c, {
        title: `create access token ${JSON.stringify(name)}`,
        changes: [`+ token ${JSON.stringify(name)} for ${options.owner}, expiring in ${options.days} day(s)`],
      });
      const token = await new DomoAccessTokens(await c.auth()).create({
        name,
        owner: options.owner,
        lifetimeDays: options.days,
      });
      c.note(`✓ created ${token.summary()}; its value (shown this once: store it now):`);
      const json: NewAccessTokenJson = { token: accessTokenJson(token), value: token.value!.reveal(), storedIn: null };
      c.result(json, () => `${token.value!.reveal()}\n`);
    });
}

interface RevokeFlags {
  expired?: boolean;
  ownerDeleted?: boolean;
  owner?: string;
  out?: string;
  plan?: string;
}

function planText(plan: TokenRevocationPlan, verb: string): string {
  if (plan.tokens.length === 0) return 'no token matches: nothing to revoke\n';
  const lines = plan.tokens.map(
    (t) =>
      `− token ${t.id} ${JSON.stringify(t.name)} of ${t.owner}${t.expiresAt ? ` (expires ${t.expiresAt.slice(0, 10)})` : ''}: ${t.reason}`,
  );
  return `${verb} ${plan.tokens.length} access token(s) on ${plan.instance}:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

async function revokeNow(c: CliContext, plan: TokenRevocationPlan, run: () => Promise<string[]>): Promise<void> {
  if (c.options.dryRun) return c.result({ dryRun: true, plan }, () => planText(plan, 'would revoke'));
  const go = await confirmWrite(c, {
    title: `revoke ${plan.tokens.length} access token(s) (whoever uses them is cut off at once, with no warning)`,
    changes: plan.tokens.map((t) => `− token ${t.id} ${JSON.stringify(t.name)} of ${t.owner}: ${t.reason}`),
  });
  const revoked = go ? await run() : [];
  c.result({ plan, revoked }, () =>
    revoked.length === 0
      ? 'nothing revoked: no token matches\n'
      : `✓ revoked ${revoked.length} token(s): ${revoked.join(', ')}\n`,
  );
}

/** `tokens revoke`: from a selection (ids or names, --expired, --owner-deleted, --owner), a reviewed plan. */
function registerRevoke(tokens: Command, ctx: () => CliContext): void {
  tokens
    .command('revoke [tokens...]')
    .description(
      'revoke access tokens (ids or names, or --expired, --owner-deleted, --owner): a plan, shown and confirmed; --out saves it, --plan applies a saved one',
    )
    .option('--expired', 'every expired token')
    .option('--owner-deleted', 'every token whose owner is a deleted user')
    .option('--owner <user>', 'every token of this user (id or email)', userArgument('--owner'))
    .option('--out <file>', 'write the plan to this file and revoke nothing (apply it later with --plan)')
    .option('--plan <file>', 'apply a plan saved with --out (refused if the selection names other tokens now)')
    .action(async (refs: string[], options: RevokeFlags, command: Command) => {
      const c = ctx();
      const auth = await c.auth();
      if (options.plan !== undefined) {
        if (refs.length > 0 || options.expired || options.ownerDeleted || options.owner || options.out)
          command.error('--plan applies a saved plan: give no tokens, selection or --out with it', { exitCode: 2 });
        const file = loadTokenRevocationPlan(await readText(options.plan), { file: options.plan });
        return revokeNow(c, file.plan, async () => (await applyTokenRevocationPlan(auth, file)).revoked);
      }
      const selection: TokenSelection = {
        ...(refs.length > 0 ? { tokens: refs } : {}),
        ...(options.expired ? { expired: true } : {}),
        ...(options.ownerDeleted ? { ownerDeleted: true } : {}),
        ...(options.owner === undefined ? {} : { owner: options.owner }),
      };
      if (Object.keys(selection).length === 0)
        command.error('say which tokens: ids or names, --expired, --owner-deleted or --owner <user>', { exitCode: 2 });
      const plan = await planTokenRevocation(auth, selection);
      if (options.out !== undefined) {
        await writeFile(options.out, `${JSON.stringify(saveTokenRevocationPlan(plan), null, 2)}\n`, { mode: 0o600 });
        return c.result(
          { saved: options.out, plan },
          () =>
            `${planText(plan, 'would revoke')}Saved to ${options.out}: apply it with tokens revoke --plan ${options.out}\n`,
        );
      }
      return revokeNow(c, plan, () => executeTokenRevocation(auth, plan));
    });
}

async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new DomoInputError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, {
      field: 'plan',
    });
  });
}

interface RotateFlags {
  expiringWithin?: number;
  storeIn?: string;
  field?: string;
  days: number;
}

/** `tokens rotate`: create → store → verify → revoke, previewed and confirmed (it revokes). */
function registerRotate(tokens: Command, ctx: () => CliContext): void {
  tokens
    .command('rotate [token]')
    .description(
      'rotate a token without downtime: create its successor, store it (--store-in), prove it works, then revoke the old one; --expiring-within N rotates every token due that is stored in an account you can read',
    )
    .option(
      '--expiring-within <days>',
      'every token expiring within this many days, each into the account that holds it',
      integerOption('--expiring-within', 0),
    )
    .option(
      '--store-in <account>',
      'the credential account that holds the token (id or name): the new one is written there',
    )
    .option('--field <name>', 'the config field (or abstract credential store key) that holds the token')
    .option('--days <n>', 'days the new token lives', integerOption('--days', 1), 90)
    .action(async (ref: string | undefined, options: RotateFlags, command: Command) => {
      const c = ctx();
      if ((ref === undefined) === (options.expiringWithin === undefined))
        command.error('give a token, or --expiring-within <days> (not both)', { exitCode: 2 });
      if (ref === undefined) return rotateDue(c, options);
      const auth = await c.auth();
      const manager = new DomoAccessTokens(auth);
      const old = await manager.get(ref);
      const account = options.storeIn === undefined ? undefined : await resolveAccount(auth, options.storeIn);
      const steps = [
        `+ create token ${JSON.stringify(old.name)} for ${ownerText(old)}, expiring in ${options.days} day(s)`,
        ...(account ? [`~ write it into account ${JSON.stringify(account.displayName)} (#${account.id})`] : []),
        `= prove it works (who-am-i as the new token${account ? ', and as the account holds it' : ''})`,
        `− revoke token ${old.id} ${JSON.stringify(old.name)} (only once the new one works)`,
      ];
      if (c.options.dryRun)
        return c.result({ dryRun: true, steps }, () => `would rotate:\n${steps.map((s) => `  ${s}`).join('\n')}\n`);
      await confirmWrite(c, { title: `rotate access token ${old.id} ${JSON.stringify(old.name)}`, changes: steps });
      const result = await manager.rotate(old, {
        lifetimeDays: options.days,
        ...(account ? { storeIn: account } : {}),
        ...(options.field === undefined ? {} : { field: options.field }),
      });
      for (const step of result.done) c.note(`✓ ${step}`);
      const json: NewAccessTokenJson = {
        token: accessTokenJson(result.token),
        value: result.token.value?.reveal() ?? null,
        storedIn: result.storedIn ?? null,
      };
      if (json.value !== null) c.note('its value (shown this once: store it now):');
      c.result(json, () => (json.value === null ? `✓ rotated: ${result.token.summary()}\n` : `${json.value}\n`));
    });
}

/** `tokens rotate --expiring-within N`: the tokens due, paired with their accounts where certain; shown, confirmed. */
async function rotateDue(c: CliContext, options: RotateFlags): Promise<void> {
  const plan = await planBulkRotation(new DomoAccessTokens(await c.auth()), options.expiringWithin!);
  const lines = [
    ...plan.rotate.map(
      ({ token, account }) =>
        `~ token ${token.id} ${JSON.stringify(token.name)} → a new one, into account ${JSON.stringify(account.displayName)}, then the old one revoked`,
    ),
    ...plan.skipped.map(({ token, reason }) => `  (token ${token.id} ${JSON.stringify(token.name)} left: ${reason})`),
  ];
  if (c.options.dryRun || plan.rotate.length === 0)
    return c.result(
      { dryRun: c.options.dryRun, rotated: [] },
      () => `${lines.join('\n') || 'no token expires that soon'}\n`,
    );
  await confirmWrite(c, {
    title: `rotate ${plan.rotate.length} access token(s) expiring within ${options.expiringWithin} day(s)`,
    changes: lines,
  });
  const results = await executeBulkRotation(plan, { lifetimeDays: options.days });
  const rotated = results.map((r) => ({
    old: r.old.id,
    token: accessTokenJson(r.token),
    storedIn: r.storedIn ?? null,
  }));
  c.result(
    { rotated },
    () => `✓ rotated ${results.length} token(s): ${results.map((r) => `${r.old.id} → ${r.token.id}`).join(', ')}\n`,
  );
}

/** `domo-admin tokens list|show|create|revoke|rotate` */
export function registerTokens(program: Command, ctx: () => CliContext): void {
  const tokens = program
    .command('tokens')
    .description('access tokens: list, show, create, revoke (a reviewed plan), rotate (without downtime)');
  registerReads(tokens, ctx);
  registerCreate(tokens, ctx);
  registerRevoke(tokens, ctx);
  registerRotate(tokens, ctx);
}
