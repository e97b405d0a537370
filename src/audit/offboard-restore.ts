import type { DomoAuth } from '../auth/base.js';
import { mapAll } from '../client/concurrency.js';
import { DomoInputError, DomoNotFoundError, DomoPartialFailureError, DomoValidationError } from '../client/errors.js';
import { DomoDataset } from '../classes/dataset/dataset.js';
import { callOptions, type CallOptions } from '../classes/entity.js';
import { DomoGroup } from '../classes/group/group.js';
import { SINGLE_OWNER_FAMILIES, type SingleOwnerEntry } from '../classes/owned-families.js';
import { getCredential, OWNED_LABEL, sharedContentRef, type RecipientHad } from '../classes/ownership.js';
import { DomoUser } from '../classes/user/user.js';
import type { AccessLevel } from '../routes/account/sharing.js';
import { getGroupOwners, updateGroupAccess } from '../routes/group/members.js';
import type { OffboardingMove, OffboardingSnapshot } from './offboard-snapshot.js';

/** One thing a restore does: an object handed back, a group membership or a credential share given back. */
export type OffboardingRestoreAction =
  | ({ what: 'owner' } & OffboardingMove)
  | { what: 'member'; id: number; name: string }
  | { what: 'share'; kind: 'account' | 'template'; id: number; name: string; accessLevel: string };

/** What a restore would do, read just now and changing nothing. */
export interface OffboardingRestorePlan {
  instance: string;
  user: OffboardingSnapshot['user'];
  /** What is handed back, in order; `steps` says each as a sentence. */
  actions: OffboardingRestoreAction[];
  steps: string[];
  /** What stays as it is, and why (already back, taken by someone else since, cannot be undone). */
  left: string[];
}

/** Options of {@link restoreOffboarding}. */
export interface RestoreOffboardingOptions extends CallOptions {
  /** Called after each step, with its sentence. */
  onProgress?: (done: number, total: number, step: string) => void;
}

const IN_FLIGHT = 8;
const isOwner = (had: RecipientHad) => had === 'owner' || had === 'OWNER';
const SINGLE = new Map<string, SingleOwnerEntry>(
  (SINGLE_OWNER_FAMILIES as readonly SingleOwnerEntry[]).map((f) => [f.kind, f]),
);

/** Who holds one object now: whether the user owns it, and what the new owner of the offboarding has of it. */
interface Holding {
  userOwns: boolean;
  recipientHas: RecipientHad;
  /** For a single-owner object: its owner now. */
  ownerId?: number | undefined;
}

/**
 * Plans the way back from an offboarding snapshot ({@link saveOffboardingSnapshot}): each object the new owner still
 * holds goes back to the user (the new owner keeping what they had before — a share, a co-ownership — or losing
 * it), each group membership and credential share removed is given back. Everything is read first; what is already
 * back, or was taken by someone else since, is left alone and said so. Changes nothing.
 * @throws {DomoInputError} the snapshot is of another instance, or the user was deleted (Domo cannot bring a deleted
 * user back, so nothing can be handed to them)
 */
export async function planOffboardingRestore(
  auth: DomoAuth,
  snapshot: OffboardingSnapshot,
  options: CallOptions = {},
): Promise<OffboardingRestorePlan> {
  const call = callOptions(options);
  if (snapshot.instance.toLowerCase() !== auth.instance)
    throw new DomoInputError(`the snapshot is of instance "${snapshot.instance}", not "${auth.instance}"`, {
      field: 'instance',
      route: 'planOffboardingRestore',
    });
  const user = await liveUser(auth, snapshot);
  const plan: OffboardingRestorePlan = {
    instance: auth.instance,
    user: snapshot.user,
    actions: [],
    steps: [],
    left: [],
  };
  const add = (action: OffboardingRestoreAction, step: string) => plan.actions.push(action) && plan.steps.push(step);
  const holdings = await mapAll(snapshot.moved, IN_FLIGHT, (move) => holding(auth, move, user.id, call));
  snapshot.moved.forEach((move, i) => {
    const now = holdings[i]!;
    const label = `${OWNED_LABEL[move.kind]} #${move.id} "${move.name}"`;
    if (now === 'gone') plan.left.push(`${label}: no longer exists`);
    else if (now.userOwns && now.recipientHas === move.recipientHad) plan.left.push(`${label}: already back`);
    else if (!now.userOwns && !isOwner(now.recipientHas))
      plan.left.push(
        `${label}: ${move.to.label} no longer owns it${now.ownerId === undefined ? '' : ` (user ${now.ownerId} does)`}; left alone`,
      );
    else add({ what: 'owner', ...move }, ownerStep(move, user.email, label));
  });
  await restoreAccessActions(auth, snapshot, user, call, add, plan.left);
  plan.left.push(...snapshot.notUndone.map((text) => `${text}: not undone`));
  return plan;
}

/** The user the snapshot is of, still there. */
async function liveUser(auth: DomoAuth, snapshot: OffboardingSnapshot): Promise<DomoUser> {
  const refuse = () =>
    new DomoInputError(
      `${snapshot.user.email} was deleted: Domo cannot bring a deleted user back, so nothing can be handed back to them`,
      { field: 'user', route: 'planOffboardingRestore' },
    );
  if (snapshot.deleted) throw refuse();
  const user = await DomoUser.get(auth, snapshot.user.id).catch((error: unknown) => {
    throw error instanceof DomoNotFoundError ? refuse() : error;
  });
  if (user.isDeleted) throw refuse();
  return user;
}

function ownerStep(move: OffboardingMove, email: string, label: string): string {
  const back = SINGLE.has(move.kind) || move.kind === 'dataset' ? 'the owner again' : 'an owner again';
  const recipient = isOwner(move.recipientHad)
    ? `${move.to.label} stays an owner (as before)`
    : move.recipientHad
      ? `${move.to.label} back to ${move.recipientHad}`
      : `${move.to.label} removed`;
  return `${label}: ${email} ${back}, ${recipient}`;
}

/** The memberships and shares to give back: those the user lacks now. */
async function restoreAccessActions(
  auth: DomoAuth,
  snapshot: OffboardingSnapshot,
  user: DomoUser,
  call: CallOptions,
  add: (action: OffboardingRestoreAction, step: string) => unknown,
  left: string[],
): Promise<void> {
  const { groups, shares } = snapshot.removedAccess;
  const members = await mapAll(groups, IN_FLIGHT, async (g) =>
    (await DomoGroup.get(auth, g.id, call)).getMembers(call).then((list) => list.some((m) => m.id === user.id)),
  );
  groups.forEach((g, i) => {
    if (members[i]) left.push(`group #${g.id} "${g.name}": ${user.email} is a member already`);
    else add({ what: 'member', id: g.id, name: g.name }, `add ${user.email} to group #${g.id} "${g.name}" again`);
  });
  const levels = await mapAll(shares, IN_FLIGHT, async (s) => userLevel(auth, s, user.id, call));
  shares.forEach((s, i) => {
    const label = `${s.kind === 'account' ? 'account' : 'OAuth template'} #${s.id} "${s.name}"`;
    if (levels[i] === s.accessLevel) left.push(`${label}: ${user.email} has ${s.accessLevel} already`);
    else add({ what: 'share', ...s }, `share ${label} with ${user.email} again (${s.accessLevel})`);
  });
}

async function userLevel(
  auth: DomoAuth,
  share: { kind: 'account' | 'template'; id: number },
  userId: number,
  call: CallOptions,
): Promise<string | null> {
  const access = await (await getCredential(auth, share.kind, share.id, call)).getAccess(call);
  return access.find((e) => e.type === 'USER' && e.id === userId)?.accessLevel ?? null;
}

/** Who holds one object now ('gone' when it no longer exists). */
async function holding(
  auth: DomoAuth,
  move: OffboardingMove,
  userId: number,
  call: CallOptions,
): Promise<Holding | 'gone'> {
  try {
    return await read(auth, move, userId, call);
  } catch (error) {
    if (error instanceof DomoNotFoundError) return 'gone';
    throw error;
  }
}

async function read(auth: DomoAuth, move: OffboardingMove, userId: number, call: CallOptions): Promise<Holding> {
  const to = move.to;
  const single = SINGLE.get(move.kind);
  if (single || move.kind === 'dataset') {
    const ownerId = single
      ? (await single.type.hydrate(auth, { id: move.id }).refresh(call)).ownerId
      : (await DomoDataset.get(auth, move.id as string, call)).ownerId;
    return { userOwns: ownerId === userId, recipientHas: ownerId === to.id ? 'owner' : null, ownerId };
  }
  if (move.kind === 'account' || move.kind === 'template') {
    const access = await (await getCredential(auth, move.kind, move.id as number, call)).getAccess(call);
    return {
      userOwns: access.some((e) => e.type === 'USER' && e.id === userId && e.accessLevel === 'OWNER'),
      recipientHas: access.find((e) => e.type === to.type && e.id === to.id)?.accessLevel ?? null,
    };
  }
  const owners =
    move.kind === 'group'
      ? (await getGroupOwners(auth, move.id as number, call)).data
      : (await sharedContentRef(auth, move.kind as SharedKind, move.id as number).refresh(call)).owners;
  return {
    userOwns: owners.some((o) => o.type === 'USER' && o.id === userId),
    recipientHas: owners.some((o) => o.type === to.type && o.id === to.id) ? 'owner' : null,
  };
}

type SharedKind = 'card' | 'page' | 'app';

/**
 * Hands an offboarding back: plans it from a fresh read ({@link planOffboardingRestore}), or takes a plan read just
 * now, and carries it out step after step, each read back — the user owning the object again and the new owner
 * holding what they had before.
 * @returns the plan and the steps done, as sentences
 * @throws {DomoPartialFailureError} a step failed after others were done: `completed` lists exactly what went back
 * @example
 * ```ts
 * const { done } = await restoreOffboarding(auth, loadOffboardingSnapshot(text));
 * ```
 */
export async function restoreOffboarding(
  auth: DomoAuth,
  from: OffboardingSnapshot | OffboardingRestorePlan,
  options: RestoreOffboardingOptions = {},
): Promise<{ plan: OffboardingRestorePlan; done: string[] }> {
  const call = callOptions(options);
  const plan = isSnapshot(from) ? await planOffboardingRestore(auth, from, call) : from;
  const done: string[] = [];
  for (const [i, action] of plan.actions.entries()) {
    try {
      await restoreOne(auth, action, plan.user.id, call);
    } catch (error) {
      throw new DomoPartialFailureError(
        `restoring the offboarding of ${plan.user.email} stopped at "${plan.steps[i]}" after ${done.length} of ${plan.actions.length} step(s) (${error instanceof Error ? error.message : String(error)}); nothing after it was done`,
        [...done],
        error,
      );
    }
    done.push(plan.steps[i]!);
    options.onProgress?.(done.length, plan.actions.length, plan.steps[i]!);
  }
  return { plan, done };
}

function isSnapshot(value: OffboardingSnapshot | OffboardingRestorePlan): value is OffboardingSnapshot {
  return (value as { format?: unknown }).format === 'domo-admin-offboarding-snapshot';
}

async function restoreOne(
  auth: DomoAuth,
  action: OffboardingRestoreAction,
  userId: number,
  call: CallOptions,
): Promise<void> {
  if (action.what === 'member') {
    const group = await DomoGroup.get(auth, action.id, call);
    await group.addMembers([userId], call);
    if (!(await group.getMembers(call)).some((m) => m.id === userId))
      throw new DomoValidationError(`group ${action.id}: user ${userId} is not a member after adding them`, {
        route: 'restoreOffboarding',
      });
    return;
  }
  if (action.what === 'share') {
    const level = action.accessLevel as AccessLevel;
    await (await getCredential(auth, action.kind, action.id, call)).share({ userId, accessLevel: level }, call);
    if ((await userLevel(auth, action, userId, call)) !== action.accessLevel)
      throw new DomoValidationError(
        `${action.kind} ${action.id}: user ${userId} does not have ${level} after sharing`,
        {
          route: 'restoreOffboarding',
        },
      );
    return;
  }
  await handBack(auth, action, userId, call);
  const now = await read(auth, action, userId, call);
  if (!now.userOwns || now.recipientHas !== action.recipientHad)
    throw new DomoValidationError(
      `${OWNED_LABEL[action.kind]} ${action.id}: the read-back does not show it handed back (user ${userId} an owner: ${now.userOwns}; ${action.to.label} has ${now.recipientHas ?? 'nothing'}, had ${action.recipientHad ?? 'nothing'})`,
      { route: 'restoreOffboarding' },
    );
}

/** The writes that hand one object back: the user an owner again, the new owner back to what they had. */
async function handBack(auth: DomoAuth, move: OffboardingMove, userId: number, call: CallOptions): Promise<void> {
  const to = move.to;
  const keep = isOwner(move.recipientHad);
  const single = SINGLE.get(move.kind);
  if (single)
    return void (await single.type.hydrate(auth, { id: move.id }).transferOwnership(userId, { ...call, from: to.id }));
  if (move.kind === 'dataset') {
    const dataset = await DomoDataset.get(auth, move.id as string, call);
    if (dataset.ownerId !== to.id && dataset.ownerId !== userId)
      throw new DomoValidationError(`dataset ${move.id}: owned by user ${dataset.ownerId ?? 'none'} now; left alone`, {
        route: 'restoreOffboarding',
      });
    return void (await dataset.transferOwnership(userId, call));
  }
  const principal = to.type === 'USER' ? { userId: to.id } : { groupId: to.id };
  if (move.kind === 'account' || move.kind === 'template') {
    const cred = await getCredential(auth, move.kind, move.id as number, call);
    await cred.share({ userId, accessLevel: 'OWNER' }, call);
    if (!keep) await cred.share({ ...principal, accessLevel: (move.recipientHad ?? 'NO_ACCESS') as AccessLevel }, call);
    return;
  }
  const recipient = { type: to.type, id: to.id };
  if (move.kind === 'group')
    return void (await updateGroupAccess(
      auth,
      [
        {
          groupId: move.id as number,
          addOwners: [{ type: 'USER', id: userId }],
          removeOwners: keep ? [] : [recipient],
        },
      ],
      call,
    ));
  const thing = sharedContentRef(auth, move.kind as SharedKind, move.id as number);
  await thing.changeOwners(
    { add: [userId], remove: keep ? [] : [to.type === 'GROUP' ? { type: 'GROUP', id: to.id } : to.id] },
    call,
  );
}
