import type { DomoAuth } from '../auth/base.js';
import { DomoInputError } from '../client/errors.js';
import { callOptions, type CallOptions } from '../classes/entity.js';
import { missingDependencies } from '../classes/role/grant.js';
import { lookupUsers } from '../classes/people.js';
import { LAST_SYSTEM_ROLE_ID } from '../classes/role/role.js';
import type { Group } from '../routes/group/schemas.js';
import type { Role } from '../routes/role/schemas.js';
import type { User } from '../routes/user/schemas.js';
import { hasUnsafeChars, unicodeEscape } from '../internal/unsafe-text.js';
import { beforeState, type BeforeState } from './before.js';
import { Inventory } from '../inventory/inventory.js';
import { kindOf } from './kinds/index.js';
import { lookalikeOf } from './lookalike.js';
import { selfLockout } from './lockout.js';
import { fingerprint } from './fingerprint.js';
import { accountChange, accountUserRefs, readAccounts, type AccountChange } from './kinds/accounts/plan.js';
import { groupChanges, readGroups, type GroupChange } from './kinds/groups/plan.js';
import {
  checkGrants,
  claimedUsers,
  knownEmails,
  readRoleSection,
  roleChanges,
  suggest,
  type RoleChange,
  type RoleState,
} from './kinds/roles/plan.js';
import type { Spec } from './spec.js';
import {
  likelyRenames,
  RENAMED_GROUPS,
  RENAMED_ROLES,
  renamedFromNames,
  renameProblems,
  resolveRenamed,
} from './renames.js';
import { sectionOf } from './render-markdown.js';
import { evaluatePolicies, locatedRules, unmatchedPatterns, type LocatedRule, type PolicyViolation } from './policy.js';
import { planSubjects } from './policy-subjects.js';

export type { PlannedUser } from './kinds/groups/plan.js';
export { readRoles, type RoleChange, type RoleState } from './kinds/roles/plan.js';
export { renderPlan } from './render.js';

/** One change a plan would make. `destructive` ones need `--allow-destructive` to apply. */
export type PlanChange = RoleChange | GroupChange | AccountChange;

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
  /** What is allowed but probably a mistake: a new name that looks like an existing one (`Аdmin` with a Cyrillic А). */
  warnings: string[];
  /** Set when applying would take `role.manage` from the signed-in user: `applyPlan` refuses unless `allowSelfLockout`. */
  selfLockout?: string;
  summary: { create: number; update: number; remove: number; move: number };
  destructive: boolean;
  /**
   * The policy rules the state after the plan breaks (the spec's `policies`, and {@link PlanOptions.policies}),
   * denies first: `applyPlan` refuses a plan with a deny.
   */
  violations: PolicyViolation[];
  /** How the instance was, for everything the changes touch: what a snapshot holds, and `restore` goes back to. */
  before: BeforeState;
}

/** Options of {@link planSpec}. */
export interface PlanOptions extends CallOptions {
  /** Requests in flight at most, per kind of read (roles, groups, accounts and users are read at once). @default 16 */
  concurrency?: number;
  /**
   * Roles and groups that must not exist, planned as (destructive) deletions: what a snapshot lists as created by
   * the apply it was taken before, so that `restore` removes them again.
   */
  absent?: { roles?: readonly string[]; groups?: readonly string[] };
  /** Rules judged besides the spec's own `policies` (`--policy file.yaml`). */
  policies?: readonly LocatedRule[];
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
  const absent = { roles: [...(options.absent?.roles ?? [])], groups: [...(options.absent?.groups ?? [])] };
  const problems: string[] = [];
  const inventory = new Inventory(auth, call, { concurrency: options.concurrency ?? 16 });
  const rules = [...locatedRules(spec.policies), ...(options.policies ?? [])];
  const judgesDefaultRole = rules.some(({ rule }) => rule.default_role_never !== undefined);
  const read = await readForPlan(inventory, spec, { absent, judgesDefaultRole }, problems);
  const claimed = claimedUsers(Object.entries(spec.roles ?? {}), read.users, problems);
  const report = { problems, warnings: [] as string[] };
  problems.push(...renameProblems(spec));
  const changes: PlanChange[] = [
    ...planRoles(spec, read, claimed, report),
    ...planGroupsAndAccounts(spec, read, report),
    ...deletions(spec, absent, read.roles, read.defaultId, read.states, read.groups, claimed, problems),
  ];
  const warnings = [
    ...newNames(
      'roles',
      Object.keys(spec.roles ?? {}),
      read.roles.map((r) => r.name),
      problems,
    ),
    ...newNames(
      'groups',
      Object.keys(spec.groups ?? {}),
      [...(read.groups?.byName.values() ?? [])].map((g) => g.name),
      problems,
    ),
  ];
  if (problems.length > 0) throw new DomoPlanError(problems);
  warnings.push(
    ...report.warnings,
    ...(await likelyRenames(inventory, spec, changes.filter(isRoleChange), read.roles)),
  );
  warnings.push(
    ...unmatchedPatterns(
      rules,
      read.catalogue.map((grant) => grant.id),
    ),
  );
  const violations = evaluatePolicies(rules, planSubjects(spec, { ...read, states: read.judged }, changes));
  const lockout = changes.some(touchesMembershipOrGrants)
    ? await selfLockout(auth, changes, read.roles, read.states, call)
    : undefined;
  if (lockout) warnings.unshift(`${lockout} (apply refuses it unless allowSelfLockout / --allow-self-lockout)`);
  return { ...assemble(auth, spec, absent, read, changes, warnings, lockout), violations };
}

/** What planning reads: roles (with the named ones' grants and members), groups, accounts, the spec's users. */
type PlanRead = Awaited<ReturnType<typeof readForPlan>>;

/**
 * Four independent reads at once — roles (then their grants and members), groups, accounts, the spec's users — each
 * with at most `concurrency` requests in flight. Problems are collected apart and listed in a fixed order.
 */
async function readForPlan(
  inventory: Inventory,
  spec: Spec,
  { absent, judgesDefaultRole }: { absent: Plan['absent']; judgesDefaultRole: boolean },
  problems: string[],
) {
  const { auth, call } = inventory;
  const renamed = renamedFromNames(spec);
  const roleNames = [...Object.keys(spec.roles ?? {}), ...renamed.roles];
  const groupNames = [...Object.keys(spec.groups ?? {}), ...renamed.groups];
  const accountNames = Object.keys(spec.accounts ?? {});
  const accountProblems: string[] = [];
  const userProblems: string[] = [];
  const [roleSection, groups, accountStates, users] = await Promise.all([
    readRoleSection(inventory, [...roleNames, ...absent.roles], {
      names: judgesDefaultRole && spec.default_role !== undefined ? [spec.default_role] : [],
      withDefault: judgesDefaultRole,
    }),
    groupNames.length === 0 && accountNames.length === 0 && absent.groups.length === 0
      ? undefined
      : readGroups(inventory, [...groupNames, ...absent.groups]),
    accountNames.length === 0
      ? (new Map() as Awaited<ReturnType<typeof readAccounts>>)
      : readAccounts(inventory, accountNames, accountProblems),
    resolveSpecUsers(auth, specUserRefs(spec), userProblems, call),
  ]);
  problems.push(...accountProblems, ...userProblems);
  return { ...roleSection, groups, accountStates, users };
}

/** Every user the spec names, with where: `roles.R.members[2]`, `accounts.A.owner`, `accounts.A.share.<email>`. */
function specUserRefs(spec: Spec): { ref: string | number; at: string }[] {
  return [
    ...Object.entries(spec.roles ?? {}).flatMap(([name, role]) => located(`roles.${name}.members`, role.members)),
    ...Object.entries(spec.groups ?? {}).flatMap(([name, group]) => [
      ...located(`groups.${name}.owners`, group.owners),
      ...located(`groups.${name}.members`, group.members),
    ]),
    ...Object.entries(spec.accounts ?? {}).flatMap(([name, account]) =>
      accountUserRefs(account).map((ref) => ({
        ref,
        at: account.owner === ref ? `accounts.${name}.owner` : `accounts.${name}.share.${ref}`,
      })),
    ),
  ];
}

/** The role changes — each named role's, with its grants checked — and the default role's. */
function planRoles(spec: Spec, read: PlanRead, claimed: Map<number, string>, report: Report): PlanChange[] {
  const { catalogue, states, byName, users, roles, defaultId } = read;
  const { problems } = report;
  const known = new Set(catalogue.map((grant) => grant.id));
  const changes: PlanChange[] = [];
  for (const [name, wanted] of Object.entries(spec.roles ?? {})) {
    const { current, rename } = resolveRenamed(RENAMED_ROLES, name, wanted.renamed_from, byName, report);
    const state = states.get(current?.id ?? -1);
    if (rename)
      changes.push({ kind: 'rename-role', role: name, from: rename.name, roleId: rename.id, destructive: false });
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
  return [...changes, ...defaultRoleChange(spec, read, changes, problems)];
}

/** Problems (the plan cannot be made) and warnings (worth a look) found while planning. */
interface Report {
  problems: string[];
  warnings: string[];
}

function isRoleChange(change: PlanChange): change is RoleChange {
  return sectionOf(change) === 'roles';
}

/** The default role's change, when the spec names one that differs (it may be a role the spec creates). */
function defaultRoleChange(spec: Spec, read: PlanRead, changes: PlanChange[], problems: string[]): PlanChange[] {
  if (spec.default_role === undefined) return [];
  const wantedName = spec.default_role.toLowerCase();
  const renamed = changes.find((c) => c.kind === 'rename-role' && c.role.toLowerCase() === wantedName);
  if (renamed?.kind === 'rename-role' && renamed.roleId === read.defaultId) return []; // the default role, renamed
  const created = Object.keys(spec.roles ?? {}).find((roleName) => roleName.toLowerCase() === wantedName);
  const target = read.byName.get(wantedName)?.name ?? created;
  const current = read.roles.find((role) => role.id === read.defaultId)?.name ?? String(read.defaultId);
  if (!target) {
    problems.push(
      `default_role: no role is named "${spec.default_role}"${suggest(
        spec.default_role,
        read.roles.map((r) => r.name),
      )}`,
    );
    return [];
  }
  return target.toLowerCase() === current.toLowerCase()
    ? []
    : [{ kind: 'set-default-role', before: current, after: target, destructive: false }];
}

/** The group changes, then the account sharing changes (which may share with a group the plan creates). */
function planGroupsAndAccounts(spec: Spec, read: PlanRead, report: Report): PlanChange[] {
  const { groups, users, accountStates } = read;
  const { problems } = report;
  const namedGroups = Object.entries(spec.groups ?? {});
  const changes: PlanChange[] = [];
  // Groups by the names they will have: a renamed group is found by its new name (an account shared with it).
  const byName = new Map<string, Group>(groups?.byName);
  for (const [name, wanted] of namedGroups) {
    const { current, rename } = resolveRenamed(
      RENAMED_GROUPS,
      name,
      wanted.renamed_from,
      groups?.byName ?? new Map<string, Group>(),
      report,
    );
    if (rename) {
      changes.push({ kind: 'rename-group', group: name, from: rename.name, groupId: rename.id, destructive: false });
      byName.set(name.toLowerCase(), rename);
    }
    changes.push(...groupChanges(name, wanted, current ? groups?.states.get(current.id) : undefined, users, problems));
  }
  const creating = new Map(
    namedGroups.filter(([name]) => !byName.has(name.toLowerCase())).map(([name]) => [name.toLowerCase(), name]),
  );
  for (const [name, wanted] of Object.entries(spec.accounts ?? {})) {
    const state = accountStates.get(name.toLowerCase());
    const change = state ? accountChange(name, wanted, state, users, byName, problems, creating) : undefined;
    if (change) changes.push(change);
  }
  return changes;
}

/** The plan: what was read (for the fingerprint and the before-state), the changes, their summary. */
function assemble(
  auth: DomoAuth,
  spec: Spec,
  absent: Plan['absent'],
  read: PlanRead,
  changes: PlanChange[],
  warnings: string[],
  lockout: string | undefined,
): Omit<Plan, 'violations'> {
  const { roles, defaultId, states, groups, accountStates, users } = read;
  const roleStates = new Map([...states.values()].map((state) => [state.role.name.toLowerCase(), state]));
  const readings = { roles: roleStates, groups: groups?.states ?? new Map(), accounts: accountStates };
  return {
    instance: auth.instance,
    spec,
    absent,
    fingerprint: fingerprint(roles, defaultId, readings, groups?.byName, users),
    warnings,
    ...(lockout ? { selfLockout: lockout } : {}),
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

/** The changes that can move the signed-in user or change what their role holds. */
function touchesMembershipOrGrants(change: PlanChange): boolean {
  return ['remove-users', 'move-users', 'delete-role', 'set-grants'].includes(change.kind);
}

/**
 * The names a spec would create: one with a control, bidi or zero-width character is a problem (it would show as
 * something else everywhere); one that looks like an existing name is a warning.
 */
function newNames(section: 'roles' | 'groups', names: string[], existing: string[], problems: string[]): string[] {
  const taken = new Set(existing.map((name) => name.toLowerCase()));
  const warnings: string[] = [];
  for (const name of names.filter((n) => !taken.has(n.toLowerCase()))) {
    if (hasUnsafeChars(name))
      problems.push(
        `${section}.${name}: a new name must not hold control, bidi or zero-width characters (${[...name].filter(hasUnsafeChars).map(unicodeEscape).join(', ')})`,
      );
    const like = lookalikeOf(name, existing);
    if (like !== undefined)
      warnings.push(
        `${section}.${name}: looks like the existing ${section.slice(0, -1)} "${like}" but is a new name (lookalike characters); check it is not a mistake`,
      );
  }
  return warnings;
}

/** A list of user references with where each one is in the spec (`roles.R.members[2]`). */
function located(at: string, refs: readonly (string | number)[] | undefined): { ref: string | number; at: string }[] {
  return (refs ?? []).map((ref, index) => ({ ref, at: `${at}[${index}]` }));
}

/**
 * Every user the spec names, by the reference it used (lower-cased emails), in a few batched searches. An unknown
 * user is a problem at each place the spec names them.
 */
async function resolveSpecUsers(
  auth: DomoAuth,
  refs: { ref: string | number; at: string }[],
  problems: string[],
  call: CallOptions,
): Promise<Map<string, User>> {
  const key = (ref: string | number) => (typeof ref === 'string' ? ref.toLowerCase() : ref);
  const unique = [...new Set(refs.map(({ ref }) => key(ref)))];
  if (unique.length === 0) return new Map();
  const { users, unknown } = await lookupUsers(auth, unique, call);
  const missing = new Set(unknown);
  for (const { ref, at } of refs) if (missing.has(String(key(ref)))) problems.push(`${at}: no user ${ref}`);
  return new Map(unique.flatMap((ref, i) => (users[i] ? [[String(ref), users[i]] as [string, User]] : [])));
}

/** The counts of a plan's summary, as each kind counts itself, and whether anything is destructive. */
function summarise(changes: PlanChange[]): Pick<Plan, 'changes' | 'summary' | 'destructive'> {
  const summary = { create: 0, update: 0, remove: 0, move: 0 };
  for (const change of changes) for (const what of kindOf(change).counts(change)) summary[what] += 1;
  return { changes, summary, destructive: changes.some((c) => c.destructive) };
}
