import { createHash } from 'node:crypto';
import type { DomoAuth } from '../auth/base.js';
import { mapAll } from '../client/concurrency.js';
import { DomoInputError } from '../client/errors.js';
import { callOptions, type CallOptions } from '../classes/entity.js';
import { closeMatches, grantCatalogue, missingDependencies } from '../classes/grant.js';
import { lookupUsers } from '../classes/people.js';
import { LAST_SYSTEM_ROLE_ID } from '../classes/role.js';
import { getDefaultRole } from '../routes/role/default.js';
import { getRoleGrants } from '../routes/role/grants.js';
import { getRoles } from '../routes/role/core.js';
import { getRoleMembership } from '../routes/role/members.js';
import type { Group } from '../routes/group/schemas.js';
import type { Role } from '../routes/role/schemas.js';
import type { User } from '../routes/user/schemas.js';
import { beforeState, type BeforeState } from './before.js';
import {
  accountChange,
  accountUserRefs,
  readAccounts,
  type AccountChange,
  type AccountState,
} from './plan-accounts.js';
import { groupChanges, readGroups, type GroupChange, type GroupState, type PlannedUser } from './plan-groups.js';
import type { Spec, SpecRole } from './spec.js';

export type { PlannedUser } from './plan-groups.js';

/** One change a plan would make. `destructive` ones need `--allow-destructive` to apply. */
export type PlanChange =
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
  | { kind: 'set-default-role'; before: string; after: string; destructive: false }
  | { kind: 'delete-role'; role: string; roleId: number; members: number; toRole: string; destructive: true }
  | GroupChange
  | AccountChange;

/** What a plan would do, and whether any of it is destructive. */
export interface Plan {
  /** The instance planned against. */
  instance: string;
  /** The spec planned: a saved plan is planned again from it before it is applied. */
  spec: Spec;
  /** Roles and groups planned as deletions (see {@link PlanOptions.absent}). */
  absent: { roles: string[]; groups: string[] };
  /**
   * A hash of everything planning read (roles, grants, members, groups, shares, the users named): a saved plan is
   * refused when planning again reads anything different.
   */
  fingerprint: string;
  changes: PlanChange[];
  summary: { create: number; update: number; remove: number; move: number };
  destructive: boolean;
  /** How the instance was, for everything the changes touch: what a snapshot holds, and `restore` goes back to. */
  before: BeforeState;
}

/** Options of {@link planSpec}. */
export interface PlanOptions extends CallOptions {
  /** Requests in flight at most (per-object reads). @default 16 */
  concurrency?: number;
  /**
   * Roles and groups that must not exist, planned as (destructive) deletions: what a snapshot lists as created by
   * the apply it was taken before, so that `restore` removes them again.
   */
  absent?: { roles?: readonly string[]; groups?: readonly string[] };
}

/** Every problem a spec has against the instance (unknown users, grants, roles), listed at once with suggestions. */
export class DomoPlanError extends DomoInputError {
  override name = 'DomoPlanError';
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      `the spec cannot be planned: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      { field: 'spec', route: 'planSpec' },
    );
    this.problems = problems;
  }
}

/** A role as planning read it. */
export interface RoleState {
  role: Role;
  grants: string[];
  /** Member ids, with the email the membership answer carried. */
  members: Map<number, string>;
}

/**
 * Compares a spec with the instance and lists the changes that would make the instance match it — reading
 * everything first (roles, grants and members concurrently; every user of the spec in a few batched searches) and
 * changing nothing. Only what the spec names is compared.
 * @throws {DomoPlanError} unknown users, grants or roles, all at once
 * @throws {DomoInputError} the spec is for another instance, or names what is not planned yet (groups, accounts)
 */
export async function planSpec(auth: DomoAuth, spec: Spec, options: PlanOptions = {}): Promise<Plan> {
  const call = callOptions(options);
  if (spec.instance !== undefined && spec.instance.toLowerCase() !== auth.instance) {
    throw new DomoInputError(`the spec is for instance "${spec.instance}", not "${auth.instance}"`, {
      field: 'instance',
      route: 'planSpec',
    });
  }
  const concurrency = options.concurrency ?? 16;
  const named = Object.entries(spec.roles ?? {});
  const namedGroups = Object.entries(spec.groups ?? {});
  const namedAccounts = Object.entries(spec.accounts ?? {});
  const absent = { roles: [...(options.absent?.roles ?? [])], groups: [...(options.absent?.groups ?? [])] };
  // Four independent reads at once — roles (then their grants and members), groups, accounts, the spec's users —
  // each with at most `concurrency` requests in flight. Problems are collected apart and listed in a fixed order.
  const accountProblems: string[] = [];
  const userProblems: string[] = [];
  const [{ roles, defaultId, catalogue, states, byName }, groups, accountStates, users] = await Promise.all([
    readRoleSection(auth, [...named.map(([name]) => name), ...absent.roles], concurrency, call),
    namedGroups.length === 0 && namedAccounts.length === 0 && absent.groups.length === 0
      ? undefined
      : readGroups(auth, [...namedGroups.map(([name]) => name), ...absent.groups], concurrency, call),
    namedAccounts.length === 0
      ? (new Map() as Awaited<ReturnType<typeof readAccounts>>)
      : readAccounts(
          auth,
          namedAccounts.map(([name]) => name),
          concurrency,
          call,
          accountProblems,
        ),
    resolveSpecUsers(
      auth,
      [
        ...named.flatMap(([, role]) => role.members ?? []),
        ...namedGroups.flatMap(([, group]) => [...(group.owners ?? []), ...(group.members ?? [])]),
        ...namedAccounts.flatMap(([, account]) => accountUserRefs(account)),
      ],
      userProblems,
      call,
    ),
  ]);
  const problems = [...accountProblems, ...userProblems];
  const known = new Set(catalogue.map((grant) => grant.id));
  const changes: PlanChange[] = [];
  const claimed = claimedUsers(named, users, problems);
  for (const [name, wanted] of named) {
    const state = states.get(byName.get(name.toLowerCase())?.id ?? -1);
    checkGrants(
      name,
      wanted,
      state,
      known,
      catalogue.map((g) => g.id),
      problems,
    );
    const planned = roleChanges(name, wanted, state, users, roles, defaultId, claimed);
    for (const change of planned) {
      const grants = change.kind === 'create-role' ? change.grants : change.kind === 'set-grants' ? change.after : [];
      const missing = missingDependencies(catalogue, grants);
      if (missing.length > 0) problems.push(`roles.${name}.grants: missing grant dependencies: ${missing.join('; ')}`);
    }
    changes.push(...planned);
  }
  if (spec.default_role !== undefined) {
    // The default role may be one the spec creates.
    const wantedName = spec.default_role.toLowerCase();
    const created = Object.keys(spec.roles ?? {}).find((roleName) => roleName.toLowerCase() === wantedName);
    const target = byName.get(wantedName)?.name ?? created;
    const current = roles.find((role) => role.id === defaultId)?.name ?? String(defaultId);
    if (!target)
      problems.push(
        `default_role: no role is named "${spec.default_role}"${suggest(
          spec.default_role,
          roles.map((r) => r.name),
        )}`,
      );
    else if (target.toLowerCase() !== current.toLowerCase())
      changes.push({ kind: 'set-default-role', before: current, after: target, destructive: false });
  }
  for (const [name, wanted] of namedGroups) {
    const group = groups?.byName.get(name.toLowerCase());
    changes.push(...groupChanges(name, wanted, group ? groups?.states.get(group.id) : undefined, users, problems));
  }
  const creating = new Map(
    namedGroups.filter(([name]) => !groups?.byName.has(name.toLowerCase())).map(([name]) => [name.toLowerCase(), name]),
  );
  for (const [name, wanted] of namedAccounts) {
    const state = accountStates.get(name.toLowerCase());
    const change = state
      ? accountChange(name, wanted, state, users, groups?.byName ?? new Map<string, Group>(), problems, creating)
      : undefined;
    if (change) changes.push(change);
  }
  changes.push(...deletions(spec, absent, roles, defaultId, states, groups, claimed, problems));
  if (problems.length > 0) throw new DomoPlanError(problems);
  const roleStates = new Map([...states.values()].map((state) => [state.role.name.toLowerCase(), state]));
  const readings = { roles: roleStates, groups: groups?.states ?? new Map(), accounts: accountStates };
  return {
    instance: auth.instance,
    spec,
    absent,
    fingerprint: fingerprint(roles, defaultId, readings, groups?.byName, users),
    ...summarise(changes),
    before: beforeState(changes, {
      ...readings,
      groupNames: new Map([...(groups?.byName.values() ?? [])].map((group) => [group.id, group.name])),
      emails: knownEmails(states, users),
    }),
  };
}

/** Deletions of the roles and groups that must not exist (a restore removing what an apply created). */
function deletions(
  spec: Spec,
  absent: Plan['absent'],
  roles: Role[],
  defaultId: number,
  states: Map<number, RoleState>,
  groups: Awaited<ReturnType<typeof readGroups>> | undefined,
  claimed: Map<number, string>,
  problems: string[],
): PlanChange[] {
  const changes: PlanChange[] = [];
  const defaultName = spec.default_role ?? roles.find((role) => role.id === defaultId)?.name ?? '';
  for (const name of absent.roles) {
    const role = roles.find((r) => r.name.toLowerCase() === name.toLowerCase());
    if (spec.roles && Object.keys(spec.roles).some((key) => key.toLowerCase() === name.toLowerCase()))
      problems.push(`roles.${name}: a role cannot be both in the spec and absent`);
    else if (!role) continue;
    else if (role.id <= LAST_SYSTEM_ROLE_ID)
      problems.push(`roles.${name}: "${role.name}" is a system role: it cannot be deleted`);
    else if (defaultName.toLowerCase() === role.name.toLowerCase())
      problems.push(`roles.${name}: "${role.name}" is the default role: name another default_role to delete it`);
    else
      changes.push({
        kind: 'delete-role',
        role: role.name,
        roleId: role.id,
        // Members the spec moves to other roles have left by the time the role is deleted.
        members: [...(states.get(role.id)?.members.keys() ?? [])].filter((id) => !claimed.has(id)).length,
        toRole: defaultName,
        destructive: true,
      });
  }
  for (const name of absent.groups) {
    const group = groups?.byName.get(name.toLowerCase());
    if (spec.groups && Object.keys(spec.groups).some((key) => key.toLowerCase() === name.toLowerCase()))
      problems.push(`groups.${name}: a group cannot be both in the spec and absent`);
    else if (!group) continue;
    else if (group.type === 'system' || group.type === 'directory')
      problems.push(`groups.${name}: "${group.name}" is a ${group.type} group: it cannot be deleted`);
    else
      changes.push({
        kind: 'delete-group',
        group: group.name,
        groupId: group.id,
        members: groups?.states.get(group.id)?.members.length ?? 0,
        destructive: true,
      });
  }
  return changes;
}

/** Emails by user id: of the users the spec names, and of role members whose answer carried one. */
function knownEmails(states: Map<number, RoleState>, users: Map<string, User>): Map<number, string> {
  const emails = new Map<number, string>();
  for (const state of states.values())
    for (const [id, email] of state.members) if (email.includes('@')) emails.set(id, email);
  for (const user of users.values()) if (user.emailAddress) emails.set(user.id, user.emailAddress);
  return emails;
}

/** A stable hash of what planning read, in id order (answer order does not count). */
function fingerprint(
  roles: Role[],
  defaultId: number,
  read: { roles: Map<string, RoleState>; groups: Map<number, GroupState>; accounts: Map<string, AccountState> },
  groups: Map<string, Group> | undefined,
  users: Map<string, User>,
): string {
  const byId = <T extends { id: number }>(items: Iterable<T>) => [...items].sort((a, b) => a.id - b.id);
  const numbers = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);
  const seen = {
    defaultId,
    roles: byId(roles).map((r) => [r.id, r.name, r.description ?? '']),
    roleStates: byId([...read.roles.values()].map((s) => ({ ...s, id: s.role.id }))).map((s) => [
      s.id,
      [...s.grants].sort(),
      numbers(s.members.keys()),
    ]),
    groups: byId(groups?.values() ?? []).map((g) => [g.id, g.name, g.type ?? '', g.description ?? '']),
    groupStates: byId([...read.groups.values()].map((s) => ({ ...s, id: s.group.id }))).map((s) => [
      s.id,
      numbers(s.members),
      numbers(s.owners),
    ]),
    accounts: byId([...read.accounts.values()].map((s) => ({ ...s, id: s.account.id }))).map((s) => [
      s.id,
      s.account.displayName,
      s.access.map((e) => `${e.type}:${e.id}:${e.accessLevel}`).sort(),
    ]),
    users: [...users].map(([ref, u]) => [ref, u.id, u.roleId ?? null, u.emailAddress ?? null]).sort(),
  };
  return createHash('sha256').update(JSON.stringify(seen)).digest('hex');
}

/** Every role, the default role, the grant catalogue, and the grants and members of the roles named. */
async function readRoleSection(auth: DomoAuth, names: string[], concurrency: number, call: CallOptions) {
  const [{ data: roles }, { data: defaultId }, catalogue] = await Promise.all([
    getRoles(auth, call),
    getDefaultRole(auth, call),
    grantCatalogue(auth, call),
  ]);
  const byName = new Map(roles.map((role) => [role.name.toLowerCase(), role]));
  const named = names.map((name) => byName.get(name.toLowerCase())).filter((r): r is Role => r !== undefined);
  return { roles, defaultId, catalogue, byName, states: await readRoles(auth, named, concurrency, call) };
}

/** The grants and members of `roles`, by role id (members by id, with the email the answer carried). */
export async function readRoles(
  auth: DomoAuth,
  roles: Role[],
  concurrency: number,
  call: CallOptions,
): Promise<Map<number, RoleState>> {
  const states = await mapAll(roles, concurrency, async (role) => {
    const [grants, members] = await Promise.all([
      getRoleGrants(auth, role.id, call),
      getRoleMembership(auth, role.id, call),
    ]);
    return {
      role,
      grants: grants.data,
      members: new Map(members.data.map((m) => [m.userId, m.email ?? String(m.userId)])),
    };
  });
  return new Map(states.map((state) => [state.role.id, state]));
}

/** Every user the spec names, by the reference it used (lower-cased emails), in a few batched searches. */
async function resolveSpecUsers(
  auth: DomoAuth,
  refs: (string | number)[],
  problems: string[],
  call: CallOptions,
): Promise<Map<string, User>> {
  const unique = [...new Set(refs.map((ref) => (typeof ref === 'string' ? ref.toLowerCase() : ref)))];
  if (unique.length === 0) return new Map();
  const { users, unknown } = await lookupUsers(auth, unique, call);
  for (const ref of unknown) problems.push(`no user ${ref}`);
  return new Map(unique.flatMap((ref, i) => (users[i] ? [[String(ref), users[i]] as [string, User]] : [])));
}

function checkGrants(
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

function suggest(word: string, candidates: string[]): string {
  const close = closeMatches(word, candidates);
  return close.length > 0 ? ` (did you mean ${close.join(' or ')}?)` : '';
}

/**
 * The users the spec puts in a role, by the role they go to. A user has one role, so a user listed under two roles
 * is a problem; one listed under a role is not "removed" from an authoritative one: they move.
 */
function claimedUsers(named: [string, SpecRole][], users: Map<string, User>, problems: string[]): Map<number, string> {
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

function roleChanges(
  name: string,
  wanted: SpecRole,
  state: RoleState | undefined,
  users: Map<string, User>,
  roles: Role[],
  defaultId: number,
  claimed: Map<number, string>,
): PlanChange[] {
  const changes: PlanChange[] = [];
  const current = new Set(state?.grants ?? []);
  const next = !wanted.grants
    ? [...current]
    : Array.isArray(wanted.grants)
      ? [...new Set(wanted.grants)]
      : [...new Set([...current, ...(wanted.grants.add ?? [])])].filter(
          (g) => !(wanted.grants as { remove?: string[] }).remove?.includes(g),
        );
  if (!state) {
    changes.push({
      kind: 'create-role',
      role: name,
      description: wanted.description ?? '',
      grants: next.sort(),
      destructive: false,
    });
  } else if (wanted.description !== undefined && wanted.description !== (state.role.description ?? '')) {
    changes.push({
      kind: 'update-role',
      role: name,
      roleId: state.role.id,
      field: 'description',
      before: state.role.description ?? '',
      after: wanted.description,
      destructive: false,
    });
  }
  const added = next.filter((g) => !current.has(g)).sort();
  const removed = [...current].filter((g) => !next.includes(g)).sort();
  if (state && (added.length > 0 || removed.length > 0)) {
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
  }
  if (wanted.members === undefined) return changes;
  const roleNames = new Map(roles.map((role) => [role.id, role.name]));
  const members = new Set(state?.members.keys() ?? []);
  const listed = wanted.members
    .map((ref) => users.get(String(typeof ref === 'string' ? ref.toLowerCase() : ref)))
    .filter((u): u is User => u !== undefined);
  const moving = listed.filter((user) => !members.has(user.id));
  if (moving.length > 0) {
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
  }
  if (state && wanted.membership === 'authoritative') {
    const keep = new Set(listed.map((u) => u.id));
    const leaving = [...members].filter((id) => !keep.has(id) && !claimed.has(id));
    if (leaving.length > 0) {
      changes.push({
        kind: 'remove-users',
        role: name,
        roleId: state.role.id,
        toRole: roleNames.get(defaultId) ?? String(defaultId),
        users: leaving.map((id) => ({ id, email: state.members.get(id) ?? String(id) })),
        destructive: true,
      });
    }
  }
  return changes;
}

function summarise(changes: PlanChange[]): Pick<Plan, 'changes' | 'summary' | 'destructive'> {
  const count = (kinds: PlanChange['kind'][]) => changes.filter((c) => kinds.includes(c.kind)).length;
  return {
    changes,
    summary: {
      create: count(['create-role', 'create-group']),
      update: count(['update-role', 'set-grants', 'set-default-role', 'update-group', 'group-members', 'group-owners']),
      remove:
        count(['remove-users', 'delete-role', 'delete-group']) +
        changes.filter((c) => (c.kind === 'group-members' || c.kind === 'group-owners') && c.remove.length > 0).length,
      move: count(['move-users']),
    },
    destructive: changes.some((c) => c.destructive),
  };
}

/** A plan as text a person reviews: `+` create, `~` update (before → after), `−` remove, `⇄` move, then a summary. */
export function renderPlan(plan: Plan): string {
  if (plan.changes.length === 0) return `No changes: ${plan.instance} matches the spec.\n`;
  const lines = plan.changes.map((change) => {
    switch (change.kind) {
      case 'create-role':
        return `+ role "${change.role}"${change.grants.length ? ` with ${change.grants.length} grant(s): ${change.grants.join(', ')}` : ''}`;
      case 'update-role':
        return `~ role "${change.role}": ${change.field} ${JSON.stringify(change.before)} → ${JSON.stringify(change.after)}`;
      case 'set-grants':
        return `~ role "${change.role}" grants:${change.added.length ? ` + ${change.added.join(', ')}` : ''}${change.removed.length ? ` − ${change.removed.join(', ')}` : ''}${change.destructive ? '  (destructive: the role has members)' : ''}`;
      case 'move-users':
        return change.users.map((u) => `⇄ ${u.email}: "${u.fromRole}" → "${change.role}"`).join('\n');
      case 'remove-users':
        return change.users
          .map((u) => `− user ${u.email} out of "${change.role}" (into "${change.toRole}")  (destructive)`)
          .join('\n');
      case 'set-default-role':
        return `~ default role: "${change.before}" → "${change.after}"`;
      case 'delete-role':
        return `− role "${change.role}"${change.members ? ` (its ${change.members} member(s) move to "${change.toRole}")` : ''}  (destructive)`;
      case 'delete-group':
        return `− group "${change.group}"${change.members ? ` (${change.members} member(s))` : ''}  (destructive)`;
      case 'create-group':
        return `+ group "${change.group}" (${change.type})${change.members.length ? ` with ${change.members.length} member(s)` : ''}${change.owners.length ? `, owners ${change.owners.map((u) => u.email).join(', ')}` : ''}`;
      case 'update-group':
        return `~ group "${change.group}": ${change.field} ${JSON.stringify(change.before)} → ${JSON.stringify(change.after)}`;
      case 'group-members':
      case 'group-owners': {
        const what = change.kind === 'group-members' ? 'members' : 'owners';
        const parts = [...change.add.map((u) => `+ ${u.email}`), ...change.remove.map((u) => `− ${u.email}`)];
        return `~ group "${change.group}" ${what}: ${parts.join(', ')}${change.destructive ? '  (destructive)' : ''}`;
      }
      case 'account-sharing': {
        const parts = [
          ...change.grant.map((p) => `+ ${p.label} ${p.before} → ${p.after}`),
          ...(change.owner ? [`owner ${change.owner.from?.label ?? '(none)'} → ${change.owner.to.label}`] : []),
          ...change.revoke.map((p) => `− ${p.label} (${p.before})`),
        ];
        return `~ account "${change.account}" sharing: ${parts.join(', ')}${change.destructive ? '  (destructive)' : ''}`;
      }
    }
  });
  const { create, update, remove, move } = plan.summary;
  return `${lines.join('\n')}\n\nPlan: ${create} to create, ${update} to update, ${move} move(s), ${remove} to remove${plan.destructive ? ' (includes destructive changes)' : ''}.\n`;
}
