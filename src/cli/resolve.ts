import { InvalidArgumentError } from 'commander';
import type { DomoAuth } from '../auth/base.js';
import { DomoAccount } from '../classes/account/account.js';
import { DomoAccounts } from '../classes/account/accounts.js';
import { DomoOAuthAccount } from '../classes/account/oauth-account.js';
import { DomoOAuthAccounts } from '../classes/account/oauth-accounts.js';
import { DomoRole } from '../classes/role/role.js';
import { DomoRoles } from '../classes/role/roles.js';
import { AccessLevel, toAccessLevel } from '../routes/account/sharing.js';

export { idArgument } from './options.js';

const DIGITS = /^\d+$/;

/** A commander parser for an access level. */
export function accessLevelArgument(value: string): string {
  try {
    return toAccessLevel(value);
  } catch {
    throw new InvalidArgumentError(
      `access level must be one of ${Object.keys(AccessLevel).join(', ')}; got ${JSON.stringify(value)}`,
    );
  }
}

/** An account by id (read directly), or by exact name (case-insensitive; an unknown one names the close ones). */
export async function resolveAccount(auth: DomoAuth, ref: string): Promise<DomoAccount> {
  if (DIGITS.test(ref)) return DomoAccount.get(auth, Number(ref));
  const [account] = await new DomoAccounts(auth).resolve([ref]);
  return account as DomoAccount;
}

/** An OAuth template by id, or by exact name (an unknown one names the close ones). */
export async function resolveOAuth(auth: DomoAuth, ref: string): Promise<DomoOAuthAccount> {
  if (DIGITS.test(ref)) return DomoOAuthAccount.get(auth, Number(ref));
  const [template] = await new DomoOAuthAccounts(auth).resolve([ref]);
  return template as DomoOAuthAccount;
}

/** A role by id (read directly), or by exact name (an unknown one names the close ones). */
export async function resolveRole(auth: DomoAuth, ref: string): Promise<DomoRole> {
  if (DIGITS.test(ref)) return DomoRole.get(auth, Number(ref));
  const [role] = await new DomoRoles(auth).resolve([ref]);
  return role as DomoRole;
}
