import type { Group } from '../routes/group/schemas.js';
import type { Role } from '../routes/role/schemas.js';
import type { AccountChange, AccountState, PlannedPrincipal } from './kinds/accounts/plan.js';
import type { GroupChange, GroupState } from './kinds/groups/plan.js';
import type { RoleChange, RoleState } from './kinds/roles/plan.js';
import type { PolicySubjects } from './policy.js';
import { nameKey, type Spec } from './spec.js';

/**
 * What policy rules are judged over, built from a spec alone (`validate`: only what the spec makes certain) or from
 * a plan (the state the spec's roles, groups and accounts will be in once the plan is applied).
 */

/**
 * What a spec alone makes certain: an exact grant list (or the grants it adds), shares it lists, the owners of a
 * group whose owners it lists authoritatively. Nothing is read; the rest is judged by `plan`.
 */
export function specSubjects(spec: Spec): PolicySubjects {
  const roles = Object.entries(spec.roles ?? {}).flatMap(([name, role]) => {
    const grants = Array.isArray(role.grants) ? role.grants : role.grants?.add;
    return grants === undefined ? [] : [{ name, grants }];
  });
  const wanted = spec.default_role;
  const defaultRole = wanted === undefined ? undefined : roles.find((r) => nameKey(r.name) === nameKey(wanted));
  const accounts = Object.entries(spec.accounts ?? {}).map(([name, account]) => ({
    name,
    shares: Object.entries(account.share ?? {})
      .filter(([key]) => key.toLowerCase() !== String(account.owner ?? '').toLowerCase())
      .map(([key, level]) =>
        key.startsWith('group:')
          ? { type: 'GROUP' as const, name: key.slice('group:'.length).trim(), level }
          : { type: 'USER' as const, name: key, level },
      ),
  }));
  const groups = Object.entries(spec.groups ?? {}).flatMap(([name, group]) =>
    group.membership === 'authoritative' && group.owners !== undefined
      ? [{ name, owners: new Set(group.owners.map((ref) => String(ref).toLowerCase())).size }]
      : [],
  );
  return { roles, ...(defaultRole ? { defaultRole } : {}), accounts, groups };
}

/** What planning read that policy rules need. */
export interface PlanView {
  roles: Role[];
  byName: Map<string, Role>;
  states: Map<number, RoleState>;
  defaultId: number;
  groups: { byName: Map<string, Group>; states: Map<number, GroupState> } | undefined;
  accountStates: Map<string, AccountState>;
}

type PlannedChange = RoleChange | GroupChange | AccountChange;

/** The state the plan leads to, for what the spec names (and the default role, whichever it will be). */
export function planSubjects(spec: Spec, read: PlanView, changes: readonly PlannedChange[]): PolicySubjects {
  const roles = Object.keys(spec.roles ?? {}).flatMap((name) => {
    const grants = roleGrantsAfter(name, read, changes);
    const id = read.byName.get(nameKey(name))?.id;
    return grants === undefined ? [] : [{ name, grants, ...(id === undefined ? {} : { id }) }];
  });
  const current = read.roles.find((r) => r.id === read.defaultId)?.name;
  const change = changes.find((c) => c.kind === 'set-default-role');
  const defaultName = change?.kind === 'set-default-role' ? change.after : current;
  const defaultGrants = defaultName === undefined ? undefined : roleGrantsAfter(defaultName, read, changes);
  return {
    roles,
    ...(defaultName !== undefined && defaultGrants !== undefined
      ? { defaultRole: { name: defaultName, grants: defaultGrants } }
      : {}),
    accounts: [...read.accountStates.values()].map((state) =>
      accountAfter(
        state,
        changes.find((c): c is AccountChange => c.kind === 'account-sharing' && c.accountId === state.account.id),
      ),
    ),
    groups: Object.keys(spec.groups ?? {}).map((name) => groupAfter(name, read, changes)),
  };
}

/** A role's grants once the plan is applied: created with, set to, or as read (undefined when not read). */
function roleGrantsAfter(
  name: string,
  read: PlanView,
  changes: readonly PlannedChange[],
): readonly string[] | undefined {
  const key = nameKey(name);
  for (const change of changes) {
    if (change.kind === 'create-role' && nameKey(change.role) === key) return change.grants;
    if (change.kind === 'set-grants' && nameKey(change.role) === key) return change.after;
  }
  const role = read.byName.get(key);
  return role === undefined ? undefined : read.states.get(role.id)?.grants;
}

function accountAfter(state: AccountState, change: AccountChange | undefined): PolicySubjects['accounts'][number] {
  const key = (p: { type: string; id?: number; label?: string }) => `${p.type}:${p.id ?? p.label ?? ''}`;
  const shares = new Map<string, { type: 'USER' | 'GROUP'; name: string; level: string }>();
  for (const entry of state.access)
    shares.set(key(entry), { type: entry.type, name: entry.name ?? String(entry.id), level: entry.accessLevel });
  for (const revoked of change?.revoke ?? []) shares.delete(key(revoked));
  const set = (p: PlannedPrincipal, level: string) => shares.set(key(p), { type: p.type, name: p.label, level });
  for (const granted of change?.grant ?? []) set(granted, granted.after);
  if (change?.owner) set(change.owner.to, 'OWNER');
  return { id: state.account.id, name: state.account.displayName, shares: [...shares.values()] };
}

function groupAfter(name: string, read: PlanView, changes: readonly PlannedChange[]): PolicySubjects['groups'][number] {
  const key = nameKey(name);
  const created = changes.find((c) => c.kind === 'create-group' && nameKey(c.group) === key);
  if (created?.kind === 'create-group') return { name, owners: created.owners.length };
  const group = read.groups?.byName.get(key);
  const owners = new Set(group ? (read.groups?.states.get(group.id)?.owners ?? []) : []);
  const change = changes.find((c) => c.kind === 'group-owners' && nameKey(c.group) === key);
  if (change?.kind === 'group-owners') {
    for (const user of change.add) owners.add(user.id);
    for (const user of change.remove) owners.delete(user.id);
  }
  return { name, owners: owners.size, ...(group ? { id: group.id } : {}) };
}
