import { InvalidArgumentError } from 'commander';
import type { DomoAuth } from '../auth/base.js';
import type { DomoAccount } from '../classes/account/account.js';
import { DomoAccounts } from '../classes/account/accounts.js';
import type { DomoOAuthAccount } from '../classes/account/oauth-account.js';
import { DomoOAuthAccounts } from '../classes/account/oauth-accounts.js';
import type { DomoRole } from '../classes/role/role.js';
import { DomoRoles } from '../classes/role/roles.js';
import { DomoGroups } from '../classes/group/groups.js';
import type { DomoGroup } from '../classes/group/group.js';
import { AccessLevel, toAccessLevel } from '../routes/account/sharing.js';

export { idArgument } from './options.js';

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
export function resolveAccount(auth: DomoAuth, ref: string | number): Promise<DomoAccount> {
  return new DomoAccounts(auth).get(ref);
}

/** An OAuth template by id, or by exact name (an unknown one names the close ones). */
export function resolveOAuth(auth: DomoAuth, ref: string | number): Promise<DomoOAuthAccount> {
  return new DomoOAuthAccounts(auth).get(ref);
}

/** A role by id (read directly), or by exact name (an unknown one names the close ones). */
export function resolveRole(auth: DomoAuth, ref: string | number): Promise<DomoRole> {
  return new DomoRoles(auth).get(ref);
}

/** A group by id, exact name or `group:<name>` (an unknown one names the close ones). */
export function resolveGroup(auth: DomoAuth, ref: string | number): Promise<DomoGroup> {
  return new DomoGroups(auth).get(ref);
}

/** Every role's name by id: what tables print instead of a role id. */
export async function roleNames(auth: DomoAuth): Promise<Map<number, string>> {
  return new Map((await new DomoRoles(auth).list()).map((role) => [role.id, role.name]));
}
