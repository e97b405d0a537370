import { parseId } from '../internal/refs.js';
import type { DomoAuth } from '../auth/base.js';
import { DomoInputError, DomoNotFoundError } from '../client/errors.js';
import { callOptions, type CallOptions } from '../classes/entity.js';
import {
  OWNED_LABEL,
  ownedThings,
  SHARED_OWNERSHIP,
  USER_OWNED_ONLY,
  type OwnedByUser,
  type OwnedLists,
  type OwnedThing,
} from '../classes/ownership.js';
import { findGroupByName } from '../classes/people.js';
import { containerOwners } from './containers.js';
import { accessToRemove, removeAccessSteps, type AccessToRemove } from './remove-access.js';
import { SINGLE_OWNER_FAMILIES, type SingleOwnerEntry } from '../classes/owned-families.js';
import { DomoGroup } from '../classes/group/group.js';
import { DomoUser, roleNameOf } from '../classes/user/user.js';
import { DomoUsers } from '../classes/user/users.js';
import { offboardingSnapshot, type OffboardingSnapshot } from './offboard-snapshot.js';
import { executeOffboarding, recipientOf } from './offboard-run.js';
import type { DomoAccessToken } from '../classes/access-token/access-token.js';
import {
  planTokens,
  tokenSteps,
  type PlannedAccessToken,
  type TokensChoice,
  type TokensPlan,
} from './offboard-tokens.js';

export { executeOffboarding, type ExecuteOffboardingOptions } from './offboard-run.js';

/** Who takes over: a user (by email or id), or a group (`group:<exact name>`), or either by type and id. */
export type OffboardTo = string | number | { type: 'USER' | 'GROUP'; id: number };

/** Everything an offboarding would do, read first and changing nothing. */
export interface OffboardingPlan extends OwnedLists, TokensPlan {
  instance: string;
  user: { id: number; email: string; name: string; role: string };
  to: { type: 'USER' | 'GROUP'; id: number; label: string };
  /**
   * With `toContainerOwner`: who takes each object whose container has another live owner (a dataflow: its output
   * dataset's owner; a card: its page's owner), keyed `<kind>:<id>`. The rest go to `to` (or `datasetsTo`).
   */
  recipients?: Record<string, { type: 'USER'; id: number; label: string }>;
  /** Whether objects go to their container's owner where there is one. */
  toContainerOwner?: boolean;
  /** With `removeAccess`: the group memberships and direct credential shares removed after the hand-over. */
  removeAccess?: AccessToRemove;
  /** End the user's open sessions after the hand-over (how many were open when planned: `sessions`). */
  endSessions?: boolean;
  sessions?: number;
  /** Who takes what only a user can own (datasets, dataflows): `to` when it is a user, else the fallback user. */
  datasetsTo?: { type: 'USER'; id: number; label: string };
  deleteUser: boolean;
  /** The steps, in order, as sentences. */
  steps: string[];
}

/** Options of {@link planOffboarding} and {@link offboardUser}. */
export interface OffboardOptions extends CallOptions {
  /** The new owner: an email or user id, or `group:<exact name>`. */
  to: OffboardTo;
  /**
   * Who takes what a group cannot own (datasets) when `to` is a group: an email or user id. Without it, offboarding
   * to a group someone who owns datasets is refused before anything changes.
   */
  fallbackTo?: string | number;
  /**
   * Hand each object with a container to that container's owner — a dataflow to its output dataset's owner, a card
   * to its page's owner — when that is a live user other than the leaver; the rest to `to`. @default false
   */
  toContainerOwner?: boolean;
  /**
   * Remove what is not ownership once everything is handed over: the user's group memberships and their direct
   * shares of accounts and OAuth templates. @default false
   */
  removeAccess?: boolean;
  /** End the user's open sessions (their tokens stop working) once everything is handed over. @default false */
  endSessions?: boolean;
  /**
   * The user's access tokens — each acts as them until it expires: `revoke` them (the default), `leave` them, or
   * `{ reissueFor: user }`: for each, a token of the same name and expiry for that user (its value told to
   * `onTokenIssued`, the only time Domo shows it), then the old one revoked.
   */
  tokens?: TokensChoice;
  /** Told each token re-issued for `tokens.reissueFor`, its value included (a `Secret`). */
  onTokenIssued?: (token: DomoAccessToken, replaced: PlannedAccessToken) => void;
  /** Delete the user once everything is handed over. @default false */
  deleteUser?: boolean;
  /** Called after each step, with its sentence. */
  onProgress?: (done: number, total: number, step: string) => void;
}

/**
 * Reads what a leaving user owns (credential accounts, OAuth templates, groups, datasets) and their role, checks
 * the new owner (and, for datasets with a group as the new owner, the fallback user), and lists the steps —
 * changing nothing.
 * @throws {DomoInputError} no such user, a deleted one, the signed-in user with `deleteUser` (Domo refuses to delete
 * the caller: refused here before anything changes), or a new owner that is missing, deleted, inactive or the same
 * user
 */
export async function planOffboarding(
  auth: DomoAuth,
  user: string | number,
  options: OffboardOptions,
): Promise<OffboardingPlan> {
  const call = callOptions(options);
  const leaving = await leavingUser(auth, user, options, call);
  const to = await target(auth, options.to, leaving.id, call);
  const choice = options.tokens ?? 'revoke';
  const keeper = await tokenKeeper(auth, choice, leaving.id, call);
  const [owned, role, sessions, access, tokens] = await Promise.all([
    leaving.owned(call),
    roleNameOf(auth, { id: leaving.id, role: leaving.roleName, roleId: leaving.roleId }, call).then(
      (r) => r ?? 'unknown',
    ),
    options.endSessions ? leaving.sessions(call).then((list) => list.length) : Promise.resolve(undefined),
    options.removeAccess ? accessToRemove(auth, leaving.id, call) : Promise.resolve(undefined),
    planTokens(auth, leaving.id, choice, keeper, call),
  ]);
  const recipients = options.toContainerOwner
    ? Object.assign(
        Object.create(null) as Record<string, OffboardingPlan['to'] & { type: 'USER' }>,
        Object.fromEntries(await containerOwners(auth, owned, leaving.id, call)),
      )
    : undefined;
  const userOnly = ownedThings(owned).filter(
    (thing) => USER_OWNED_ONLY.has(thing.kind) && recipients?.[`${thing.kind}:${thing.id}`] === undefined,
  );
  const datasetsTo = await datasetRecipient(auth, to, userOnly, options.fallbackTo, leaving.id, call);
  const plan: OffboardingPlan = {
    instance: auth.instance,
    user: { id: leaving.id, email: leaving.email, name: leaving.displayName ?? leaving.email, role },
    to,
    ...(datasetsTo ? { datasetsTo } : {}),
    ...(recipients ? { recipients, toContainerOwner: true } : {}),
    ...(options.endSessions ? { endSessions: true, sessions: sessions ?? 0 } : {}),
    ...(access ? { removeAccess: access } : {}),
    ...tokens,
    ...ownedLists(owned),
    deleteUser: Boolean(options.deleteUser),
    steps: [],
  };
  plan.steps = [
    ...ownedThings(owned).map((thing) =>
      stepText(
        thing,
        `${recipientOf(plan, thing).label}${plan.recipients?.[`${thing.kind}:${thing.id}`] ? " (its container's owner)" : ''}`,
        leaving.email,
      ),
    ),
    ...tokenSteps(tokens, leaving.email),
    ...(access ? removeAccessSteps(access, leaving.email) : []),
    ...(options.endSessions
      ? [`end the ${sessions ?? 0} open session(s) of ${leaving.email} (their tokens stop working), read back`]
      : []),
    ...(options.deleteUser ? [`delete user #${leaving.id} ${leaving.email} (role "${role}")`] : []),
  ];
  return plan;
}

/** Who re-issued tokens are for: a live user other than the leaver (checked like a new owner). */
async function tokenKeeper(
  auth: DomoAuth,
  choice: TokensChoice,
  leavingId: number,
  call: CallOptions,
): Promise<{ id: number; label: string } | undefined> {
  if (typeof choice !== 'object') {
    if (choice !== 'revoke' && choice !== 'leave')
      throw new DomoInputError(
        `tokens must be 'revoke', 'leave' or { reissueFor: user }, got ${JSON.stringify(choice)}`,
        {
          field: 'tokens',
          route: 'offboardUser',
        },
      );
    return undefined;
  }
  const keeper = await target(auth, choice.reissueFor, leavingId, call);
  if (keeper.type !== 'USER')
    throw new DomoInputError('tokens.reissueFor must be a user: a token acts as one user', {
      field: 'tokens',
      route: 'offboardUser',
    });
  return { id: keeper.id, label: keeper.label };
}

/**
 * The user who leaves, checked: one deleted already can have what they still own handed over, not be deleted or
 * signed out; the signed-in user cannot be deleted.
 */
async function leavingUser(
  auth: DomoAuth,
  user: string | number,
  options: OffboardOptions,
  call: CallOptions,
): Promise<DomoUser> {
  const leaving = await activeUser(auth, user, 'user', call);
  if (leaving.isDeleted && (options.deleteUser || options.endSessions))
    throw new DomoInputError(
      `${leaving.email} is deleted already: offboarding can hand over what they still own, not ${options.deleteUser ? 'delete them' : 'end their sessions'}; nothing was changed`,
      { field: 'user', route: 'offboardUser' },
    );
  if (options.deleteUser && leaving.id === (await auth.whoAmI(call)).id)
    throw new DomoInputError(
      `${leaving.email} is the signed-in user: Domo refuses to delete the caller, so nothing was changed; sign in as another admin to offboard them`,
      { field: 'user', route: 'offboardUser' },
    );
  return leaving;
}

function stepText(thing: OwnedThing, to: string, leaving: string): string {
  const label = `${OWNED_LABEL[thing.kind]} #${thing.id} "${thing.name}"`;
  if (USER_OWNED_ONLY.has(thing.kind)) {
    const after = (SINGLE_OWNER_FAMILIES as readonly SingleOwnerEntry[]).find(
      (f) => f.kind === thing.kind,
    )?.afterHandOverText;
    return `${label}: ${to} becomes the owner (in place of ${leaving})${after ? `, ${after}` : ''}`;
  }
  if (SHARED_OWNERSHIP.has(thing.kind))
    return `${label}: ${to} becomes an owner, then ${leaving} is removed (co-owners stay)`;
  return `${label}: ${to} becomes ${thing.kind === 'group' ? 'an owner' : 'OWNER'}, then ${leaving} is removed`;
}

/**
 * Who takes the datasets: `to` when it is a user; with a group as `to`, the fallback user (a group cannot own a
 * dataset). None is needed when there are no datasets.
 * @throws {DomoInputError} datasets to hand over, a group as `to`, and no usable fallback user
 */
async function datasetRecipient(
  auth: DomoAuth,
  to: OffboardingPlan['to'],
  userOnly: OwnedThing[],
  fallbackTo: string | number | undefined,
  leavingId: number,
  call: CallOptions,
): Promise<OffboardingPlan['datasetsTo']> {
  if (userOnly.length === 0) return undefined;
  if (to.type === 'USER') return { type: 'USER', id: to.id, label: to.label };
  if (fallbackTo === undefined)
    throw new DomoInputError(
      `the user owns ${countByKind(userOnly)} and only a user can own a ${[...new Set(userOnly.map((t) => OWNED_LABEL[t.kind]))].join(' or a ')}, not ${to.label}: say who takes them with { fallbackTo: user }`,
      { field: 'fallbackTo', route: 'offboardUser' },
    );
  const fallback = await target(auth, fallbackTo, leavingId, call);
  if (fallback.type !== 'USER')
    throw new DomoInputError('fallbackTo must be a user: only a user can own a dataset or a dataflow', {
      field: 'fallbackTo',
      route: 'offboardUser',
    });
  return { type: 'USER', id: fallback.id, label: fallback.label };
}

/**
 * Hands over everything a user owns, then (with `deleteUser`) deletes them: for each account and OAuth template the
 * new owner is given OWNER and the user removed; for each group the new owner is added and the user removed — each
 * verified by reading the access list or owners again. The user is deleted only when a fresh read shows they own
 * nothing.
 * @throws {DomoInputError} a refusal from {@link planOffboarding} (nothing is changed)
 * @throws {DomoPartialFailureError} a step failed after others were done: `completed` lists exactly what moved
 * @example
 * ```ts
 * const { done } = await offboardUser(auth, 'ana@acme.com', { to: 'group:Data Stewards', deleteUser: true });
 * ```
 */
export async function offboardUser(
  auth: DomoAuth,
  user: string | number,
  options: OffboardOptions,
): Promise<{ plan: OffboardingPlan; done: string[]; snapshot: OffboardingSnapshot }> {
  const plan = await planOffboarding(auth, user, options);
  const snapshot = offboardingSnapshot(plan);
  return { plan, done: await executeOffboarding(auth, plan, { ...options, snapshot }), snapshot };
}

/** A user who exists, is not deleted and (for a new owner) is active. */
async function activeUser(
  auth: DomoAuth,
  ref: string | number,
  field: 'user' | 'to',
  call: CallOptions,
): Promise<DomoUser> {
  const who = field === 'to' ? 'the new owner' : 'the user';
  // A user that cannot be found is a refusal in the offboarding's own terms; anything else (auth, network) is not.
  const refuse = (error: unknown): never => {
    if (!(error instanceof DomoInputError || error instanceof DomoNotFoundError)) throw error;
    throw new DomoInputError(`${who}: ${error.message}`, { field, route: 'offboardUser' });
  };
  // By id, the user is read directly (deleted users too, so a deleted one is named as such); by email, searched.
  const id = parseId(ref) ?? ((await new DomoUsers(auth).resolve([ref], call).catch(refuse))[0] as DomoUser).id;
  const user = await DomoUser.get(auth, id, call).catch((error: unknown) => {
    if (error instanceof DomoNotFoundError)
      throw new DomoInputError(`${who}: no such user: ${id}`, { field, route: 'offboardUser' });
    throw error;
  });
  // A deleted leaver's content is orphaned: handing it over is what offboarding is for. A deleted new owner is not.
  if (user.isDeleted && field === 'to')
    throw new DomoInputError(`${who} ${String(ref)} is deleted`, {
      field,
      route: 'offboardUser',
    });
  if (field === 'to' && user.active === false)
    throw new DomoInputError(`the new owner ${String(ref)} is inactive: choose an active user or a group`, {
      field,
      route: 'offboardUser',
    });
  return user;
}

async function target(
  auth: DomoAuth,
  to: OffboardTo,
  leavingId: number,
  call: CallOptions,
): Promise<OffboardingPlan['to']> {
  if (typeof to === 'object' && to !== null && to.type === 'GROUP') {
    const group = await findGroupById(auth, to.id, call);
    return { type: 'GROUP', id: group.id, label: `group "${group.name}"` };
  }
  if (typeof to === 'object' && to !== null) return target(auth, to.id, leavingId, call);
  if (typeof to === 'string' && to.startsWith('group:')) {
    const name = to.slice('group:'.length).trim();
    const group = await findGroupByName(auth, name, call);
    if (!group)
      throw new DomoInputError(`the new owner: no group is named "${name}"`, { field: 'to', route: 'offboardUser' });
    if (group.type === 'system')
      throw new DomoInputError(`the new owner: "${group.name}" is a system group and cannot own things`, {
        field: 'to',
        route: 'offboardUser',
      });
    return { type: 'GROUP', id: group.id, label: `group "${group.name}"` };
  }
  const user = await activeUser(auth, to, 'to', call);
  if (user.id === leavingId)
    throw new DomoInputError('the new owner is the user who is leaving', { field: 'to', route: 'offboardUser' });
  return { type: 'USER', id: user.id, label: user.email };
}

/** "6 dataset(s) and 2 dataflow(s)". */
function countByKind(things: OwnedThing[]): string {
  const counts = new Map<string, number>();
  for (const thing of things) counts.set(OWNED_LABEL[thing.kind], (counts.get(OWNED_LABEL[thing.kind]) ?? 0) + 1);
  return [...counts].map(([label, n]) => `${n} ${label}(s)`).join(' and ');
}

/**
 * The lists of `owned` without how they were found. Per type, the plan says what moves where: accounts, OAuth
 * templates and groups get the new owner and lose the user; only a user can own a dataset, dataflow, beast mode, …
 * (those go to `datasetsTo` when `to` is a group); cards and pages get the new owner added and the user removed,
 * co-owners staying.
 */
function ownedLists(owned: OwnedByUser): OwnedLists {
  const { discovery: _discovery, ...lists } = owned;
  return lists;
}

/** A group by id, as a new owner must be: existing, not a system group. */
async function findGroupById(auth: DomoAuth, id: number, call: CallOptions): Promise<{ id: number; name: string }> {
  const group = await DomoGroup.get(auth, id, call).catch((error: unknown) => {
    if (error instanceof DomoNotFoundError)
      throw new DomoInputError(`the new owner: no group ${id}`, { field: 'to', route: 'offboardUser' });
    throw error;
  });
  if (group.type === 'system')
    throw new DomoInputError(`the new owner: "${group.name}" is a system group and cannot own things`, {
      field: 'to',
      route: 'offboardUser',
    });
  return group;
}
