import { dict } from '../internal/dict.js';
import type { AccountState } from './kinds/accounts/plan.js';
import type { GroupState } from './kinds/groups/plan.js';
import { kindOf, type BeforeContext } from './kinds/index.js';
import type { PlanChange, RoleState } from './plan.js';
import { nameKey, type Spec, type SpecAccount, type SpecGroup, type SpecRole } from './spec.js';

export { accountSpec } from './kinds/index.js';

/**
 * The state a plan changes, as it was when planned: a spec that puts back everything the plan touches, and the roles
 * and groups the plan creates (which did not exist). What a snapshot holds; `restore` plans its way back to it.
 */
export interface BeforeState {
  spec: Spec;
  absent: { roles: string[]; groups: string[] };
}

/** What was read while planning, by the keys the changes name. */
export interface PlanReadings {
  /** By lower-cased role name. */
  roles: Map<string, RoleState>;
  /** By group id. */
  groups: Map<number, GroupState>;
  /** By lower-cased account name. */
  accounts: Map<string, AccountState>;
  groupNames: Map<number, string>;
  /** Emails known by user id (the rest are written by id). */
  emails: Map<number, string>;
}

/** The before-state of everything `changes` touch (see {@link BeforeState}): each kind says what undoes it. */
export function beforeState(changes: readonly PlanChange[], read: PlanReadings): BeforeState {
  // Keyed by names from the server: no prototype, so a role named `__proto__` is a name, never Object.prototype.
  const roles = dict<SpecRole>();
  const groups = dict<SpecGroup>();
  const accounts = dict<SpecAccount>();
  const absent: BeforeState['absent'] = { roles: [], groups: [] };
  let defaultRole: string | undefined;
  const ref = (id: number): string | number => read.emails.get(id) ?? id;
  // A renamed role or group is put back under its old name: its other changes name it by the new one.
  const aliases = { roles: new Map<string, string>(), groups: new Map<string, string>() };
  const role = (name: string): SpecRole => (roles[aliases.roles.get(nameKey(name)) ?? name] ??= {});
  const group = (name: string): SpecGroup => (groups[aliases.groups.get(nameKey(name)) ?? name] ??= {});
  const ctx: BeforeContext = {
    read,
    ref,
    role,
    group,
    renamed: (section, from, to) => {
      aliases[section].set(nameKey(to), from);
      (section === 'roles' ? role(to) : group(to)).renamed_from = to;
    },
    setGroup: (name, spec) => (groups[name] = spec),
    setAccount: (name, spec) => (accounts[name] = spec),
    addMembers: (name, users) => {
      const entry = role(name);
      entry.members = [...new Set([...(entry.members ?? []), ...users.map((u) => ref(u.id))])];
    },
    setDefaultRole: (name) => (defaultRole = name),
    absentRole: (name) => absent.roles.push(name),
    absentGroup: (name) => absent.groups.push(name),
  };
  for (const change of changes) kindOf(change).before(change, ctx);
  return {
    spec: {
      ...(Object.keys(roles).length ? { roles } : {}),
      ...(defaultRole === undefined ? {} : { default_role: defaultRole }),
      ...(Object.keys(groups).length ? { groups } : {}),
      ...(Object.keys(accounts).length ? { accounts } : {}),
    },
    absent,
  };
}
