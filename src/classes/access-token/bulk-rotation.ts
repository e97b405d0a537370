// Rotating, in one go, every token that expires soon and is stored in a credential account the caller can read.
// Domo never shows a token's value, so which account holds which token is inferred — and only where it cannot be
// wrong: the account acts as the token's owner, and that owner has no other live token and no other such account.
import type { DomoAuth } from '../../auth/base.js';
import { DomoPartialFailureError } from '../../client/errors.js';
import { mapAll } from '../../client/concurrency.js';
import { Secret } from '../../client/secret.js';
import { DomoTokenAuth } from '../../auth/token.js';
import { normalizeInstance } from '../../auth/instance.js';
import { domoCredentials, type DomoAccount } from '../account/account.js';
import { DomoAccounts } from '../account/accounts.js';
import { callOptions, type CallOptions } from '../entity.js';
import type { DomoAccessToken } from './access-token.js';
import type { DomoAccessTokens } from './access-tokens.js';
import type { RotationResult } from './rotation.js';

/** Providers whose config holds a Domo token. */
const TOKEN_PROVIDERS = new Set(['domo-access-token', 'dataset-copy', 'abstract-credential-store']);

/** What {@link planBulkRotation} found: the tokens to rotate into their accounts, and those it will not touch, why. */
export interface BulkRotationPlan {
  rotate: { token: DomoAccessToken; account: DomoAccount }[];
  skipped: { token: DomoAccessToken; reason: string }[];
}

/**
 * Every token expiring within `withinDays` (not expired yet) paired with the account that holds it, where that is
 * certain: exactly one readable credential account acts as the token's owner, and the owner has no other live token.
 * The rest are listed with the reason and the command that rotates them by hand.
 */
export async function planBulkRotation(
  tokens: DomoAccessTokens,
  withinDays: number,
  options: CallOptions = {},
): Promise<BulkRotationPlan> {
  const call = callOptions(options);
  const all = [...(await tokens.list(call))];
  const live = all.filter((t) => !t.isExpired());
  const due = live.filter((t) => (t.expiresInDays() ?? Number.POSITIVE_INFINITY) <= withinDays);
  const holders = due.length === 0 ? new Map<number, DomoAccount[]>() : await accountsByUser(tokens.auth, call);
  const plan: BulkRotationPlan = { rotate: [], skipped: [] };
  for (const token of due) {
    const accounts = token.ownerId === undefined ? [] : (holders.get(token.ownerId) ?? []);
    const siblings = live.filter((t) => t.ownerId === token.ownerId && t.id !== token.id);
    const byHand = `rotate it by hand: domo-admin tokens rotate ${token.id} --store-in <account>`;
    if (accounts.length === 0)
      plan.skipped.push({ token, reason: `no readable credential account acts as its owner; ${byHand}` });
    else if (accounts.length > 1 || siblings.length > 0)
      plan.skipped.push({
        token,
        reason: `cannot tell which account holds it (${accounts.length} account(s) act as its owner, who has ${siblings.length + 1} live token(s)); ${byHand}`,
      });
    else plan.rotate.push({ token, account: accounts[0]! });
  }
  return plan;
}

/**
 * The credential accounts that hold a token of this instance, by the user that token acts as (one config read and
 * one who-am-i each, 4 at a time; an account whose token is refused, or holds none, is left out).
 */
async function accountsByUser(auth: DomoAuth, call: CallOptions): Promise<Map<number, DomoAccount[]>> {
  const page = await new DomoAccounts(auth).list(call);
  const candidates = [...page].filter((a) => TOKEN_PROVIDERS.has(a.dataProviderType));
  const acting = await mapAll(candidates, 4, async (account) => {
    try {
      const token = storedToken(account, (await account.getConfig({ unmask: true, ...call })).reveal(), auth.instance);
      if (!token) return undefined;
      const as = new DomoTokenAuth({ ...auth.transportOptions, instance: auth.instance, baseUrl: auth.baseUrl, token });
      return { account, userId: (await as.whoAmI(call)).id };
    } catch {
      return undefined; // unreadable, or its token is refused: it holds none of the tokens due
    }
  });
  const byUser = new Map<number, DomoAccount[]>();
  for (const entry of acting) if (entry) byUser.set(entry.userId, [...(byUser.get(entry.userId) ?? []), entry.account]);
  return byUser;
}

/** The token an account's config holds for `instance` (one naming another instance, or none, holds none of ours). */
function storedToken(account: DomoAccount, config: Record<string, unknown>, instance: string): Secret | undefined {
  const credentials = domoCredentials(account.dataProviderType, config);
  if (!credentials.token) return undefined;
  if (credentials.instance && normalizeInstance(credentials.instance) !== instance) return undefined;
  return new Secret(credentials.token);
}

/**
 * Rotates the plan's tokens one after another, each into its account (see {@link DomoAccessToken.rotate}).
 * @throws {DomoPartialFailureError} one failed after others were rotated: `completed` names those, `cause` is the
 * failed rotation's `DomoRotationError` (its old token still works)
 */
export async function executeBulkRotation(
  plan: BulkRotationPlan,
  options: CallOptions & { lifetimeDays?: number } = {},
): Promise<RotationResult[]> {
  const done: RotationResult[] = [];
  for (const { token, account } of plan.rotate) {
    try {
      done.push(await token.rotate({ ...options, storeIn: account }));
    } catch (error) {
      throw new DomoPartialFailureError(
        `bulk rotation stopped at token ${token.id} ${JSON.stringify(token.name)} after ${done.length} of ${plan.rotate.length} (${error instanceof Error ? error.message : String(error)})`,
        done.map((r) => `rotated token ${r.old.id} into token ${r.token.id} (account ${r.storedIn?.id})`),
        error,
      );
    }
  }
  return done;
}
