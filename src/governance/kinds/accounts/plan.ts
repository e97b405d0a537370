import type { Inventory } from '../../../inventory/inventory.js';
import { parseId } from '../../../internal/refs.js';
import { closeMatches } from '../../../internal/suggest.js';
import type { Account, AccessEntry } from '../../../routes/account/schemas.js';
import type { Group } from '../../../routes/group/schemas.js';
import type { User } from '../../../routes/user/schemas.js';
import type { SpecAccount } from '../../spec.js';

/** Who a share is for, as a plan names them. */
export interface PlannedPrincipal {
  type: 'USER' | 'GROUP';
  /** Unset for a group the same plan creates (found by name when applied). */
  id?: number;
  /** The spec's key: an email, or `group:<name>`. */
  label: string;
}

/** The account change a plan can hold: shares to grant or change, shares to revoke, and an owner to set. */
export interface AccountChange {
  kind: 'account-sharing';
  account: string;
  accountId: number;
  grant: (PlannedPrincipal & { before: string; after: string })[];
  revoke: (PlannedPrincipal & { before: string })[];
  owner?: { from: PlannedPrincipal | undefined; to: PlannedPrincipal };
  destructive: boolean;
}

/** An account as planning read it. */
export interface AccountState {
  account: Account;
  access: AccessEntry[];
}

/** The accounts the spec names (exact display name, case-insensitive) and their access lists. */
export async function readAccounts(
  inventory: Inventory,
  names: string[],
  problems: string[],
): Promise<Map<string, AccountState>> {
  const accounts = (await inventory.credentials('accounts')) as Account[];
  const found: Account[] = [];
  for (const name of names) {
    const matches = accounts.filter((a) => a.displayName.toLowerCase() === name.toLowerCase());
    if (matches.length === 0)
      problems.push(`accounts.${name}: no account is named "${name}" (accounts are not created by a spec)`);
    else if (matches.length > 1)
      problems.push(
        `accounts.${name}: ${matches.length} accounts are named "${name}" (#${matches.map((a) => a.id).join(', #')}); rename one`,
      );
    else found.push(matches[0] as Account);
  }
  const records = await inventory.access('accounts', found);
  const states = records.map(({ account, access = [] }) => ({ account: account, access }));
  return new Map(states.map((state) => [state.account.displayName.toLowerCase(), state]));
}

/** The users and groups named as share keys and owners: emails (or ids) and `group:<name>` keys. */
export function accountUserRefs(spec: SpecAccount): (string | number)[] {
  const keys = Object.keys(spec.share ?? {}).filter((key) => !key.startsWith('group:'));
  return [...keys.map((key) => parseId(key) ?? key), ...(spec.owner === undefined ? [] : [spec.owner])];
}

/** What resolving an account's share keys needs: the users and groups read, the groups the plan creates. */
interface ShareContext {
  name: string;
  users: Map<string, User>;
  groups: Map<string, Group>;
  created: ReadonlyMap<string, string>;
  problems: string[];
}

/** The change that makes one account's sharing match its spec (`undefined` when it already does). */
export function accountChange(
  name: string,
  wanted: SpecAccount,
  state: AccountState,
  users: Map<string, User>,
  groups: Map<string, Group>,
  problems: string[],
  created: ReadonlyMap<string, string> = new Map(),
): AccountChange | undefined {
  const ctx: ShareContext = { name, users, groups, created, problems };
  const shares = wantedShares(wanted, ctx);
  const listed: PlannedPrincipal[] = shares.map(({ p }) => p);
  const owner = ownerChange(wanted, state, listed, ctx);
  const levelOf = (p: PlannedPrincipal) =>
    state.access.find((e) => e.type === p.type && e.id === p.id)?.accessLevel ?? 'NONE';
  // An owner keeps OWNER whatever share lists, unless the owner changes: then the old owner gets what share says
  // (applied after the transfer).
  const grant: AccountChange['grant'] = shares
    .map(({ p, level }) => ({ ...p, before: levelOf(p), after: level }))
    .filter(
      (g) => g.before !== g.after && (g.before !== 'OWNER' || (owner?.from !== undefined && g.id === owner.from.id)),
    );
  const revoke = wanted.sharing === 'authoritative' ? revokes(state, listed, owner) : [];
  if (grant.length === 0 && revoke.length === 0 && !owner) return undefined;
  return {
    kind: 'account-sharing',
    account: name,
    accountId: state.account.id,
    grant,
    revoke,
    ...(owner ? { owner } : {}),
    destructive: revoke.length > 0 || owner !== undefined,
  };
}

/** A share key as a principal: `group:<name>` (an existing group, or one the plan creates) or a user. */
function principalOf(key: string | number, ctx: ShareContext): PlannedPrincipal | undefined {
  if (typeof key === 'string' && key.startsWith('group:')) {
    const wanted = key.slice(6).trim();
    const group = ctx.groups.get(wanted.toLowerCase());
    if (group) return { type: 'GROUP', id: group.id, label: `group:${group.name}` };
    const creating = ctx.created.get(wanted.toLowerCase());
    if (creating) return { type: 'GROUP', label: `group:${creating}` };
    const close = closeMatches(
      wanted,
      [...ctx.groups.values()].map((g) => g.name),
    );
    ctx.problems.push(
      `accounts.${ctx.name}.share: no group is named "${wanted}"${close.length ? ` (did you mean ${close.join(' or ')}?)` : ''}`,
    );
    return undefined;
  }
  const user = ctx.users.get(String(typeof key === 'string' ? key.toLowerCase() : key));
  return user ? { type: 'USER', id: user.id, label: user.emailAddress ?? String(user.id) } : undefined;
}

/** The spec's shares as principals; one principal under two keys (an email and an id) is a problem. */
function wantedShares(wanted: SpecAccount, ctx: ShareContext): { p: PlannedPrincipal; level: string }[] {
  const seen = new Map<string, string>();
  return Object.entries(wanted.share ?? {}).flatMap(([key, level]) => {
    const p = principalOf(key, ctx);
    if (!p) return [];
    const id = `${p.type}:${p.id ?? p.label.toLowerCase()}`;
    const first = seen.get(id);
    if (first !== undefined) {
      ctx.problems.push(
        `accounts.${ctx.name}.share.${key}: the same ${p.type === 'USER' ? 'user' : 'group'} as ${first} (${p.label}); list them once`,
      );
      return [];
    }
    seen.set(id, key);
    return [{ p, level }];
  });
}

/** The owner to set, when the spec names one who is not the owner now; the owner joins `listed`. */
function ownerChange(
  wanted: SpecAccount,
  state: AccountState,
  listed: PlannedPrincipal[],
  ctx: ShareContext,
): AccountChange['owner'] {
  if (wanted.owner === undefined) return undefined;
  const to = principalOf(wanted.owner, ctx);
  if (!to) return undefined;
  if (listed.some((p) => p.type === 'USER' && p.id === to.id))
    ctx.problems.push(`accounts.${ctx.name}: ${to.label} is the owner and also listed under share; list them once`);
  listed.push(to);
  const current = state.access.find((e) => e.type === 'USER' && e.accessLevel === 'OWNER');
  if (current?.id === to.id) return undefined;
  return {
    from: current ? { type: 'USER', id: current.id, label: current.name ?? String(current.id) } : undefined,
    to,
  };
}

/** Authoritative sharing: every entry not listed is revoked, but an owner stays unless the owner changes. */
function revokes(
  state: AccountState,
  listed: readonly PlannedPrincipal[],
  owner: AccountChange['owner'],
): AccountChange['revoke'] {
  return state.access
    .filter(
      (e) =>
        !listed.some((p) => p.type === e.type && p.id === e.id) &&
        !(e.accessLevel === 'OWNER' && (owner === undefined || e.id !== owner.from?.id)),
    )
    .filter((e) => !(owner && e.type === 'USER' && e.id === owner.from?.id))
    .map((e) => ({ type: e.type, id: e.id, label: e.name ?? String(e.id), before: e.accessLevel }));
}
