import type { Inventory } from '../../../inventory/inventory.js';
import { isDeletedEmail } from '../../../classes/deleted.js';
import { closeMatches } from '../../../internal/suggest.js';
import { LAST_SYSTEM_ROLE_ID } from '../../../classes/role/role.js';
import type { Role } from '../../../routes/role/schemas.js';
import type { User } from '../../../routes/user/schemas.js';
import type { PlannedUser } from '../groups/plan.js';
import type { SpecRole } from '../../spec.js';

/** The role changes a plan can hold (and the default role's). */
export type RoleChange =
  | { kind: 'create-role'; role: string; description: string; grants: string[]; destructive: false }
  | {
      kind: 'update-role';
      role: string;
      roleId: number;
      field: 'description';
      before: string;
      after: string;
      destructive: false;
    }
  | {
      kind: 'set-grants';
      role: string;
      roleId: number | undefined;
      before: string[];
      after: string[];
      added: string[];
      removed: string[];
      destructive: boolean;
    }
  | {
      kind: 'move-users';
      role: string;
      roleId: number | undefined;
      users: (PlannedUser & { fromRole: string })[];
      destructive: false;
    }
  | { kind: 'remove-users'; role: string; roleId: number; toRole: string; users: PlannedUser[]; destructive: true }
  | { kind: 'rename-role'; role: string; from: string; roleId: number; destructive: false }
  | { kind: 'set-default-role'; before: string; after: string; destructive: false }
  | { kind: 'delete-role'; role: string; roleId: number; members: number; toRole: string; destructive: true };

/** A role as planning read it. */
export interface RoleState {
  role: Role;
  grants: string[];
  /** Member ids, with the email the membership answer carried. */
  members: Map<number, string>;
}

/**
 * Every role, the default role, the grant catalogue, and the grants and members of the roles named. `judged` also
 * holds the roles a policy on the default role needs (`alsoJudge`, and the default role with `withDefault`): read
 * with the others, but kept out of `states` (what a saved plan's fingerprint covers does not depend on the rules).
 */
export async function readRoleSection(
  inventory: Inventory,
  names: string[],
  alsoJudge: { names: string[]; withDefault: boolean } = { names: [], withDefault: false },
) {
  const [{ roles, defaultId }, catalogue] = await Promise.all([inventory.roleList(), inventory.catalogue()]);
  const byName = new Map(roles.map((role) => [role.name.toLowerCase(), role]));
  const wanted = new Set([...names, ...alsoJudge.names].map((name) => name.toLowerCase()));
  if (alsoJudge.withDefault) wanted.add(roles.find((role) => role.id === defaultId)?.name.toLowerCase() ?? '');
  const named = [...wanted].map((name) => byName.get(name)).filter((r): r is Role => r !== undefined);
  const judged = await readRoles(inventory, named);
  const planned = new Set(names.map((name) => byName.get(name.toLowerCase())?.id));
  const states = new Map([...judged].filter(([id]) => planned.has(id)));
  // a strict inventory has read the default role or thrown
  return { roles, defaultId: defaultId as number, catalogue, byName, states, judged };
}

/** The grants and live members of `roles`, by role id (members by id, with the email the answer carried). */
export async function readRoles(inventory: Inventory, roles: Role[]): Promise<Map<number, RoleState>> {
  const records = await inventory.roleDetails(roles, { members: true });
  return new Map(
    records.map(({ role, grants = [], members = [] }) => {
      // Deleted users keep their role in Domo's records: they are not members a spec manages (nor can they be moved).
      const live = members.filter((m) => !isDeletedEmail(m.email ?? ''));
      return [role.id, { role, grants, members: new Map(live.map((m) => [m.userId, m.email ?? String(m.userId)])) }];
    }),
  );
}

/** Emails by user id: of the users the spec names, and of role members whose answer carried one. */
export function knownEmails(states: Map<number, RoleState>, users: Map<string, User>): Map<number, string> {
  const emails = new Map<number, string>();
  for (const state of states.values())
    for (const [id, email] of state.members) if (email.includes('@')) emails.set(id, email);
  for (const user of users.values()) if (user.emailAddress) emails.set(user.id, user.emailAddress);
  return emails;
}

export function checkGrants(
  name: string,
  wanted: SpecRole,
  state: RoleState | undefined,
  known: Set<string>,
  catalogue: string[],
  problems: string[],
): void {
  if (wanted.grants === undefined) return;
  const system = state !== undefined && state.role.id <= LAST_SYSTEM_ROLE_ID;
  if (system && Array.isArray(wanted.grants))
    problems.push(
      `roles.${name}.grants: "${name}" is a system role: give grant deltas ({ add, remove }), not an exact list`,
    );
  const listed = Array.isArray(wanted.grants)
    ? wanted.grants
    : [...(wanted.grants.add ?? []), ...(wanted.grants.remove ?? [])];
  for (const grant of listed)
    if (!known.has(grant)) problems.push(`roles.${name}.grants: unknown grant ${grant}${suggest(grant, catalogue)}`);
}

export function suggest(word: string, candidates: string[]): string {
  const close = closeMatches(word, candidates);
  return close.length > 0 ? ` (did you mean ${close.join(' or ')}?)` : '';
}

/**
 * The users the spec puts in a role, by the role they go to. A user has one role, so a user listed under two roles
 * is a problem; one listed under a role is not "removed" from an authoritative one: they move.
 */
export function claimedUsers(
  named: [string, SpecRole][],
  users: Map<string, User>,
  problems: string[],
): Map<number, string> {
  const claimed = new Map<number, string>();
  for (const [name, role] of named)
    for (const ref of role.members ?? []) {
      const user = users.get(String(typeof ref === 'string' ? ref.toLowerCase() : ref));
      if (!user) continue;
      const other = claimed.get(user.id);
      if (other !== undefined && other !== name)
        problems.push(`roles.${name}.members: ${String(ref)} is also a member of "${other}" (a user has one role)`);
      else claimed.set(user.id, name);
    }
  return claimed;
}

/** The changes that make one role match its spec: create or describe it, its grants, then its members. */
export function roleChanges(
  name: string,
  wanted: SpecRole,
  state: RoleState | undefined,
  users: Map<string, User>,
  roles: Role[],
  defaultId: number,
  claimed: Map<number, string>,
): RoleChange[] {
  return [
    ...roleAndGrantChanges(name, wanted, state),
    ...memberChanges(name, wanted, state, users, roles, defaultId, claimed),
  ];
}

/** The grants a role should hold: the exact list, or the current ones with the deltas applied. */
function wantedGrants(wanted: SpecRole, current: ReadonlySet<string>): string[] {
  if (!wanted.grants) return [...current];
  if (Array.isArray(wanted.grants)) return [...new Set(wanted.grants)];
  const { add = [], remove = [] } = wanted.grants;
  return [...new Set([...current, ...add])].filter((g) => !remove.includes(g));
}

/** Create the role (with its grants), or change its description and grants. */
function roleAndGrantChanges(name: string, wanted: SpecRole, state: RoleState | undefined): RoleChange[] {
  const current = new Set(state?.grants ?? []);
  const next = wantedGrants(wanted, current);
  if (!state)
    return [
      {
        kind: 'create-role',
        role: name,
        description: wanted.description ?? '',
        grants: next.sort(),
        destructive: false,
      },
    ];
  const changes: RoleChange[] = [];
  if (wanted.description !== undefined && wanted.description !== (state.role.description ?? ''))
    changes.push({
      kind: 'update-role',
      role: name,
      roleId: state.role.id,
      field: 'description',
      before: state.role.description ?? '',
      after: wanted.description,
      destructive: false,
    });
  const added = next.filter((g) => !current.has(g)).sort();
  const removed = [...current].filter((g) => !next.includes(g)).sort();
  if (added.length > 0 || removed.length > 0)
    changes.push({
      kind: 'set-grants',
      role: name,
      roleId: state.role.id,
      before: [...current].sort(),
      after: [...next].sort(),
      added,
      removed,
      destructive: removed.length > 0 && state.members.size > 0,
    });
  return changes;
}

/** Users listed but not members move in; with authoritative membership, members not listed move to the default role. */
function memberChanges(
  name: string,
  wanted: SpecRole,
  state: RoleState | undefined,
  users: Map<string, User>,
  roles: Role[],
  defaultId: number,
  claimed: Map<number, string>,
): RoleChange[] {
  if (wanted.members === undefined) return [];
  const changes: RoleChange[] = [];
  const roleNames = new Map(roles.map((role) => [role.id, role.name]));
  const members = new Set(state?.members.keys() ?? []);
  const listed = wanted.members
    .map((ref) => users.get(String(typeof ref === 'string' ? ref.toLowerCase() : ref)))
    .filter((u): u is User => u !== undefined);
  const moving = listed.filter((user) => !members.has(user.id));
  if (moving.length > 0)
    changes.push({
      kind: 'move-users',
      role: name,
      roleId: state?.role.id,
      users: moving.map((u) => ({
        id: u.id,
        email: u.emailAddress ?? String(u.id),
        fromRole: roleNames.get(u.roleId ?? -1) ?? '?',
      })),
      destructive: false,
    });
  if (!state || wanted.membership !== 'authoritative') return changes;
  const keep = new Set(listed.map((u) => u.id));
  const leaving = [...members].filter((id) => !keep.has(id) && !claimed.has(id));
  if (leaving.length > 0)
    changes.push({
      kind: 'remove-users',
      role: name,
      roleId: state.role.id,
      toRole: roleNames.get(defaultId) ?? String(defaultId),
      users: leaving.map((id) => ({ id, email: state.members.get(id) ?? String(id) })),
      destructive: true,
    });
  return changes;
}
