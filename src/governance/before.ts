import { dict } from '../client/dict.js';
import { LAST_SYSTEM_ROLE_ID } from '../classes/role.js';
import type { AccountState } from './plan-accounts.js';
import type { GroupState } from './plan-groups.js';
import type { PlanChange, RoleState } from './plan.js';
import type { Spec, SpecAccount, SpecGroup, SpecRole } from './spec.js';

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

/** The before-state of everything `changes` touch (see {@link BeforeState}). */
export function beforeState(changes: readonly PlanChange[], read: PlanReadings): BeforeState {
  // Keyed by names from the server: no prototype, so a role named `__proto__` is a name, never Object.prototype.
  const roles = dict<SpecRole>();
  const groups = dict<SpecGroup>();
  const accounts = dict<SpecAccount>();
  const absent: BeforeState['absent'] = { roles: [], groups: [] };
  let defaultRole: string | undefined;
  const ref = (id: number): string | number => read.emails.get(id) ?? id;
  const role = (name: string): SpecRole => (roles[name] ??= {});
  const group = (name: string): SpecGroup => (groups[name] ??= {});
  const addMembers = (name: string, users: { id: number }[]) => {
    const entry = role(name);
    entry.members = [...new Set([...(entry.members ?? []), ...users.map((u) => ref(u.id))])];
  };
  for (const change of changes) {
    switch (change.kind) {
      case 'create-role':
        absent.roles.push(change.role);
        break;
      case 'delete-role': {
        const state = read.roles.get(change.role.toLowerCase());
        if (!state) break;
        Object.assign(role(state.role.name), {
          description: state.role.description ?? '',
          grants: [...state.grants].sort(),
        });
        addMembers(
          state.role.name,
          [...state.members.keys()].map((id) => ({ id })),
        );
        break;
      }
      case 'update-role':
        role(change.role).description = change.before;
        break;
      case 'set-grants':
        role(change.role).grants =
          change.roleId !== undefined && change.roleId <= LAST_SYSTEM_ROLE_ID
            ? { add: change.before, remove: change.added }
            : change.before;
        break;
      case 'move-users':
        for (const user of change.users) if (user.fromRole !== '?') addMembers(user.fromRole, [user]);
        break;
      case 'remove-users':
        addMembers(change.role, change.users);
        break;
      case 'set-default-role':
        defaultRole = change.before;
        break;
      case 'create-group':
        absent.groups.push(change.group);
        break;
      case 'delete-group': {
        const state = read.groups.get(change.groupId);
        if (!state) break;
        groups[state.group.name] = {
          type: state.group.type as NonNullable<SpecGroup['type']>,
          description: state.group.description ?? '',
          owners: state.owners.map(ref),
          members: state.members.map(ref),
          membership: 'authoritative',
        };
        break;
      }
      case 'update-group':
        Object.assign(group(change.group), { [change.field]: change.before });
        break;
      case 'group-members':
      case 'group-owners': {
        const state = read.groups.get(change.groupId);
        if (!state) break;
        const entry = group(change.group);
        if (change.kind === 'group-members') entry.members = state.members.map(ref);
        else entry.owners = state.owners.map(ref);
        entry.membership = 'authoritative';
        break;
      }
      case 'account-sharing': {
        const state = read.accounts.get(change.account.toLowerCase());
        if (state) accounts[change.account] = accountSpec(state, ref, read.groupNames);
        break;
      }
    }
  }
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

/** An account's whole access list as an authoritative spec entry (the first user owner as `owner`). */
export function accountSpec(
  state: AccountState,
  ref: (id: number) => string | number,
  groupNames: Map<number, string>,
): SpecAccount {
  const owner = state.access.find((e) => e.type === 'USER' && e.accessLevel === 'OWNER');
  const share = dict<NonNullable<SpecAccount['share']>[string]>();
  for (const entry of state.access) {
    if (entry === owner) continue;
    const key =
      entry.type === 'GROUP' ? `group:${groupNames.get(entry.id) ?? entry.name ?? entry.id}` : String(ref(entry.id));
    share[key] = entry.accessLevel as NonNullable<SpecAccount['share']>[string];
  }
  return { ...(owner ? { owner: ref(owner.id) } : {}), share, sharing: 'authoritative' };
}
