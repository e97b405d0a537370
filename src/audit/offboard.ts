import { parseId } from '../internal/refs.js';
import { checkConcurrency } from '../internal/input.js';
import type { DomoAuth } from '../auth/base.js';
import { DomoInputError, DomoNotFoundError, DomoPartialFailureError, DomoValidationError } from '../client/errors.js';
import { callOptions, type CallOptions } from '../classes/entity.js';
import {
  handOver,
  OWNED_LABEL,
  ownedCount,
  ownedThings,
  SHARED_OWNERSHIP,
  USER_OWNED_ONLY,
  type OwnedByUser,
  type OwnedLists,
  type OwnedThing,
} from '../classes/ownership.js';
import { checkLiveUsers, findGroupByName } from '../classes/people.js';
import { containerOwners } from './containers.js';
import { accessToRemove, removeAccessActions, removeAccessSteps, type AccessToRemove } from './remove-access.js';
import { SINGLE_OWNER_FAMILIES, type SingleOwnerEntry } from '../classes/owned-families.js';
import { DomoGroup } from '../classes/group/group.js';
import {
  handOverDatasetBatch,
  handOverSharedBatch,
  SHARED_HAND_OVER_BATCH,
  type BatchHooks,
} from '../classes/batch-hand-over.js';
import { DomoUser, roleNameOf } from '../classes/user/user.js';
import { DomoUsers } from '../classes/user/users.js';
import { deleteUser } from '../routes/user/core.js';
import { offboardingSnapshot, recordMove, type OffboardingSnapshot } from './offboard-snapshot.js';

/** Who takes over: a user (by email or id), or a group (`group:<exact name>`), or either by type and id. */
export type OffboardTo = string | number | { type: 'USER' | 'GROUP'; id: number };

/** Everything an offboarding would do, read first and changing nothing. */
export interface OffboardingPlan extends OwnedLists {
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
  const [owned, role, sessions, access] = await Promise.all([
    leaving.owned(call),
    roleNameOf(auth, { id: leaving.id, role: leaving.roleName, roleId: leaving.roleId }, call).then(
      (r) => r ?? 'unknown',
    ),
    options.endSessions ? leaving.sessions(call).then((list) => list.length) : Promise.resolve(undefined),
    options.removeAccess ? accessToRemove(auth, leaving.id, call) : Promise.resolve(undefined),
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
    ...(access ? removeAccessSteps(access, leaving.email) : []),
    ...(options.endSessions
      ? [`end the ${sessions ?? 0} open session(s) of ${leaving.email} (their tokens stop working), read back`]
      : []),
    ...(options.deleteUser ? [`delete user #${leaving.id} ${leaving.email} (role "${role}")`] : []),
  ];
  return plan;
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

/** Who takes one thing: the datasets' recipient for a dataset, else `to`. */
function recipientOf(plan: OffboardingPlan, thing: OwnedThing): OffboardingPlan['to'] {
  const container = plan.recipients?.[`${thing.kind}:${thing.id}`];
  if (container) return container;
  return USER_OWNED_ONLY.has(thing.kind) ? (plan.datasetsTo ?? plan.to) : plan.to;
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

/**
 * Carries out a plan from {@link planOffboarding} (read just now: {@link applyOffboardingPlan} checks a saved one
 * first), step after step, each verified by a read-back; the user is deleted (when planned) only after a fresh read
 * shows they own nothing.
 * @returns the steps done, as sentences
 * @throws {DomoPartialFailureError} a step failed after others were done: `completed` lists exactly what moved
 */
export async function executeOffboarding(
  auth: DomoAuth,
  plan: OffboardingPlan,
  options: ExecuteOffboardingOptions = {},
): Promise<string[]> {
  const call = callOptions(options);
  const limit =
    options.concurrency === undefined
      ? HAND_OVERS_IN_FLIGHT
      : checkConcurrency(options.concurrency, 'executeOffboarding');
  // The recipients were checked when planning; a saved plan may be old: checked once more, then not per object.
  await checkLiveUsers(auth, recipientIds(plan), { ...call, route: 'offboardUser' });
  const tasks = offboardingTasks(auth, plan, call, options.snapshot);
  const run = new StepRun(plan, options);
  for (let start = 0; start < tasks.length;) {
    let end = start + 1;
    while (end < tasks.length && tasks[end]!.group !== undefined && tasks[end]!.group === tasks[start]!.group) end += 1;
    await run.together(tasks.slice(start, end), limit);
    start = end;
  }
  return run.done;
}

/** Objects of one type handed over at once, at most. */
const HAND_OVERS_IN_FLIGHT = 16;

const sameRecipient = (a: OffboardingPlan['to'], b: OffboardingPlan['to']) => a.type === b.type && a.id === b.id;

/** Every user who takes something in `plan`. */
function recipientIds(plan: OffboardingPlan): number[] {
  const all = [plan.to, plan.datasetsTo, ...Object.values(plan.recipients ?? {})];
  return [...new Set(all.flatMap((p) => (p?.type === 'USER' ? [p.id] : [])))];
}

/**
 * The steps of one offboarding as they run: what was done, in the order it finished, and on a failure a
 * `DomoPartialFailureError` naming exactly that — what else of the failed step took effect included.
 */
class StepRun {
  readonly done: string[] = [];

  constructor(
    readonly plan: OffboardingPlan,
    readonly options: Pick<OffboardOptions, 'onProgress'>,
  ) {}

  /**
   * Runs `tasks` at most `limit` at once; after a failure none is started, the running ones finish, then it throws.
   * A task covering several steps (a batch) says each one it finished; a task that returns finished them all.
   */
  async together(tasks: Task[], limit: number): Promise<void> {
    const failed: { text: string; error: unknown; partly: string[] }[] = [];
    let next = 0;
    const worker = async () => {
      while (failed.length === 0 && next < tasks.length) {
        const task = tasks[next++]!;
        const finished = new Set<number>();
        const finish = (i: number) => {
          if (finished.has(i)) return;
          finished.add(i);
          this.done.push(task.texts[i]!);
          this.options.onProgress?.(this.done.length, this.plan.steps.length, task.texts[i]!);
        };
        const partly: string[] = [];
        try {
          await task.run((effect) => partly.push(effect), finish);
          task.texts.forEach((_, i) => finish(i));
        } catch (error) {
          const text = task.texts.find((_, i) => !finished.has(i)) ?? task.texts[0]!;
          failed.push({ text, error, partly });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
    if (failed.length > 0) throw this.#stopped(failed);
  }

  #stopped(failed: { text: string; error: unknown; partly: string[] }[]): DomoPartialFailureError {
    const [first] = failed;
    const reason = first!.error instanceof Error ? first!.error.message : String(first!.error);
    const partly = failed.flatMap((f) => f.partly);
    const inPart = partly.length > 0 ? `; of the failed step(s), this took effect: ${partly.join('; ')}` : '';
    const others = failed.length > 1 ? ` (and ${failed.length - 1} more step(s) running beside it failed)` : '';
    return new DomoPartialFailureError(
      `offboarding ${this.plan.user.email} stopped at "${first!.text}"${others} after ${this.done.length} of ${this.plan.steps.length} step(s)${inPart} (${reason}); nothing after it was done`,
      [...this.done, ...partly],
      first!.error,
    );
  }
}

/**
 * The work of one or more steps (`texts`, the plan's sentences): tasks of one `group` (one type's hand-overs) may run
 * at once. `finished(i)` says that step `i` took effect and was read back (a batch says so one by one).
 */
interface Task {
  group?: string;
  texts: string[];
  run: (partly: (done: string) => void, finished: (index: number) => void) => Promise<void>;
}

/** What carries out each step of the plan, in the plan's order; each records in `snapshot` what it changes, first. */
function offboardingTasks(
  auth: DomoAuth,
  plan: OffboardingPlan,
  call: CallOptions,
  snapshot: OffboardingSnapshot | undefined,
): Task[] {
  const handOvers = handOverTasks(auth, plan, call, snapshot);
  let next = ownedThings(plan).length;
  const text = () => [plan.steps[next++]!];
  const access = plan.removeAccess;
  const records = access
    ? [
        ...access.groups.map((g) => () => snapshot?.removedAccess.groups.push({ ...g })),
        ...access.shares.map((s) => () => snapshot?.removedAccess.shares.push({ ...s })),
      ]
    : [];
  const removals = access
    ? removeAccessActions(auth, access, plan.user.id, call).map((action, i): Task => ({
        texts: text(),
        run: async () => {
          records[i]!();
          await action();
        },
      }))
    : [];
  const endSessions: Task['run'] = async (partly) => {
    const ended = await (await DomoUser.get(auth, plan.user.id, call)).endSessions(call);
    partly(`${ended.length} session(s) of ${plan.user.email} ended`);
    snapshot?.notUndone.push(`${ended.length} session(s) of ${plan.user.email} ended (they sign in again)`);
  };
  const remove: Task['run'] = async () => {
    const count = ownedCount(await (await DomoUser.get(auth, plan.user.id, call)).owned(call));
    if (count > 0)
      throw new DomoValidationError(
        `user ${plan.user.email} still owns ${count} thing(s) (granted since planning?); not deleted`,
        { route: 'offboardUser' },
      );
    await deleteUser(auth, plan.user.id, call);
    if (snapshot) snapshot.deleted = true;
  };
  return [
    ...handOvers,
    ...removals,
    ...(plan.endSessions ? [{ texts: text(), run: endSessions }] : []),
    ...(plan.deleteUser ? [{ texts: text(), run: remove }] : []),
  ];
}

/**
 * The hand-overs, in the plan's order: datasets, cards, pages and apps going to one recipient in batches of
 * {@link SHARED_HAND_OVER_BATCH} (one read, the writes, one read back each), everything else one object at a time.
 */
function handOverTasks(
  auth: DomoAuth,
  plan: OffboardingPlan,
  call: CallOptions,
  snapshot: OffboardingSnapshot | undefined,
): Task[] {
  const tasks: Task[] = [];
  const things = ownedThings(plan);
  for (let i = 0; i < things.length;) {
    const thing = things[i]!;
    const to = recipientOf(plan, thing);
    let end = i + 1;
    if (BATCHED.has(thing.kind))
      while (
        end < things.length &&
        end - i < SHARED_HAND_OVER_BATCH &&
        things[end]!.kind === thing.kind &&
        sameRecipient(recipientOf(plan, things[end]!), to)
      )
        end += 1;
    const batch = things.slice(i, end);
    const record = (k: number, had: string | null) => snapshot && recordMove(snapshot, batch[k]!, to, had);
    tasks.push({
      group: `hand-over:${thing.kind}`,
      texts: plan.steps.slice(i, end),
      run: BATCHED.has(thing.kind)
        ? (partly, finished) => handOverBatch(auth, batch, plan.user.id, to, call, { partly, finished, seen: record })
        : (partly) =>
            handOver(auth, thing, plan.user.id, { type: to.type, id: to.id }, call, {
              step: partly,
              seen: (had) => record(0, had),
              besides: (done) => snapshot?.notUndone.push(done),
              toKnownLive: true,
            }),
    });
    i = end;
  }
  return tasks;
}

/** Kinds handed over a batch at a time. */
const BATCHED: ReadonlySet<OwnedThing['kind']> = new Set(['dataset', 'card', 'page', 'app']);

/** One batch of datasets, cards, pages or apps (all of one kind, to one recipient). */
function handOverBatch(
  auth: DomoAuth,
  batch: OwnedThing[],
  fromUserId: number,
  to: OffboardingPlan['to'],
  call: CallOptions,
  hooks: BatchHooks,
): Promise<void> {
  const kind = batch[0]!.kind;
  return kind === 'dataset'
    ? handOverDatasetBatch(
        auth,
        batch.map((b) => b.id as string),
        fromUserId,
        to.id,
        call,
        hooks,
      )
    : handOverSharedBatch(
        auth,
        kind as 'card' | 'page' | 'app',
        batch.map((b) => b.id as number),
        fromUserId,
        { type: to.type, id: to.id },
        call,
        hooks,
      );
}

/** Options of {@link executeOffboarding}. */
export interface ExecuteOffboardingOptions extends CallOptions, Pick<OffboardOptions, 'onProgress'> {
  /** Objects of one type handed over at once, at most (each still read back). @default 16 */
  concurrency?: number;
  /**
   * Filled in as the offboarding runs (from {@link offboardingSnapshot}): what moved to whom and what the new owner
   * had of it before — on a failure part-way too. Save it (`saveOffboardingSnapshot`) to `restore` later.
   */
  snapshot?: OffboardingSnapshot;
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
