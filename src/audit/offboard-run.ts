// Carrying out an offboarding plan: the hand-overs of every type side by side (datasets, dataflows, beast modes, cards,
// pages and apps in batches), each read back, then the other steps in order; the snapshot filled in as it goes, an
// exact report when it stops part-way.
import type { DomoAuth } from '../auth/base.js';
import { DomoPartialFailureError, DomoValidationError } from '../client/errors.js';
import {
  handOverDatasetBatch,
  handOverSharedBatch,
  handOverSingleBatch,
  SHARED_HAND_OVER_BATCH,
  type BatchHooks,
} from '../classes/batch-hand-over.js';
import { SINGLE_OWNER_FAMILIES, type HandOverContext, type SingleOwnerEntry } from '../classes/owned-families.js';
import { callOptions, type CallOptions } from '../classes/entity.js';
import { handOver, ownedCount, ownedThings, USER_OWNED_ONLY, type OwnedThing } from '../classes/ownership.js';
import { checkLiveUsers } from '../classes/people.js';
import { DomoUser } from '../classes/user/user.js';
import { checkConcurrency } from '../internal/input.js';
import { deleteUser } from '../routes/user/core.js';
import type { OffboardingPlan, OffboardOptions } from './offboard.js';
import { recordMove, type OffboardingSnapshot } from './offboard-snapshot.js';
import { removeAccessActions } from './remove-access.js';
import { handOverToken } from './offboard-tokens.js';

/** Who takes one thing: the datasets' recipient for a dataset, else `to`. */
export function recipientOf(plan: OffboardingPlan, thing: OwnedThing): OffboardingPlan['to'] {
  const container = plan.recipients?.[`${thing.kind}:${thing.id}`];
  if (container) return container;
  return USER_OWNED_ONLY.has(thing.kind) ? (plan.datasetsTo ?? plan.to) : plan.to;
}

/**
 * Carries out a plan from {@link planOffboarding} (read just now: {@link applyOffboardingPlan} checks a saved one
 * first): the hand-overs side by side (`concurrency` at once), then the other steps in order, each verified by a
 * read-back; the user is deleted (when planned) only after a fresh read shows they own nothing.
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
  const tasks = offboardingTasks(auth, plan, call, options.snapshot, options);
  const run = new StepRun(plan, options);
  for (let start = 0; start < tasks.length;) {
    let end = start + 1;
    while (end < tasks.length && tasks[end]!.group !== undefined && tasks[end]!.group === tasks[start]!.group) end += 1;
    await run.together(tasks.slice(start, end), limit);
    start = end;
  }
  return run.done;
}

/** Hand-overs (one object, or one batch) running at once, at most, whatever their types. */
const HAND_OVERS_IN_FLIGHT = 16;

const sameRecipient = (a: OffboardingPlan['to'], b: OffboardingPlan['to']) => a.type === b.type && a.id === b.id;

/** Every user who takes something in `plan`. */
function recipientIds(plan: OffboardingPlan): number[] {
  const all = [plan.to, plan.datasetsTo, ...Object.values(plan.recipients ?? {})];
  return [...new Set(all.flatMap((p) => (p?.type === 'USER' ? [p.id] : [])))];
}

/** A task that failed: its first step not finished, the rest of its batch, why, and what of it took effect. */
interface Failed {
  text: string;
  more: string;
  error: unknown;
  partly: string[];
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
    const failed: Failed[] = [];
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
          failed.push({ ...unfinished(task.texts, finished), error, partly });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
    if (failed.length > 0) throw this.#stopped(failed);
  }

  #stopped(failed: Failed[]): DomoPartialFailureError {
    const [first, ...beside] = failed;
    const reason = (f: { error: unknown }) => (f.error instanceof Error ? f.error.message : String(f.error));
    const partly = failed.flatMap((f) => f.partly);
    const inPart = partly.length > 0 ? `; of the failed step(s), this took effect: ${partly.join('; ')}` : '';
    // Hand-overs run side by side: every one that failed beside the first is named, with its reason.
    const others =
      beside.length > 0
        ? `; ${beside.length} more step(s) running beside it failed: ${beside.map((f) => `"${f.text}"${f.more} (${reason(f)})`).join('; ')}`
        : '';
    return new DomoPartialFailureError(
      `offboarding ${this.plan.user.email} stopped at "${first!.text}"${first!.more} after ${this.done.length} of ${this.plan.steps.length} step(s) (${reason(first!)})${others}${inPart}; nothing was started after it`,
      [...this.done, ...partly],
      first!.error,
    );
  }
}

/**
 * A failed task's steps not finished: the first (`text`), and the rest of a batch named by what they move (`more`:
 * any of them may have taken effect when a write failed without an answer).
 */
function unfinished(texts: readonly string[], finished: ReadonlySet<number>): { text: string; more: string } {
  const left = texts.filter((_, i) => !finished.has(i));
  const rest = left.slice(1).map((text) => /^[^"]*#\S+/.exec(text)?.[0] ?? text);
  return {
    text: left[0] ?? texts[0]!,
    more: rest.length === 0 ? '' : ` (and ${rest.length} more of its batch: ${rest.join(', ')})`,
  };
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
  options: Pick<OffboardOptions, 'onTokenIssued'> = {},
): Task[] {
  const handOvers = handOverTasks(auth, plan, call, snapshot);
  let next = ownedThings(plan).length;
  const text = () => [plan.steps[next++]!];
  const tokens = (plan.accessTokens ?? []).map((token): Task => ({
    texts: text(),
    run: async (partly) => {
      const effects = await handOverToken(auth, plan, token, call, {
        partly,
        ...(options.onTokenIssued ? { issued: options.onTokenIssued } : {}),
      });
      snapshot?.notUndone.push(...effects);
    },
  }));
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
    ...tokens,
    ...removals,
    ...(plan.endSessions ? [{ texts: text(), run: endSessions }] : []),
    ...(plan.deleteUser ? [{ texts: text(), run: remove }] : []),
  ];
}

/**
 * The hand-overs, in the plan's order, all in one group (they run side by side): datasets, cards, pages and apps going
 * to one recipient in batches of {@link SHARED_HAND_OVER_BATCH}, dataflows and beast modes in their family's batches
 * (the reads, one write, the reads back), everything else one object at a time.
 */
function handOverTasks(
  auth: DomoAuth,
  plan: OffboardingPlan,
  call: CallOptions,
  snapshot: OffboardingSnapshot | undefined,
): Task[] {
  const tasks: Task[] = [];
  const things = ownedThings(plan);
  const takes = datasetsTaken(plan, things);
  for (let i = 0; i < things.length;) {
    const thing = things[i]!;
    const to = recipientOf(plan, thing);
    let end = i + 1;
    const size = BATCHED.get(thing.kind) ?? 1;
    while (
      end < things.length &&
      end - i < size &&
      things[end]!.kind === thing.kind &&
      sameRecipient(recipientOf(plan, things[end]!), to)
    )
      end += 1;
    const batch = things.slice(i, end);
    const record = (k: number, had: string | null) => snapshot && recordMove(snapshot, batch[k]!, to, had);
    tasks.push({
      group: 'hand-over',
      texts: plan.steps.slice(i, end),
      run: BATCHED.has(thing.kind)
        ? (partly, finished) =>
            handOverBatch(auth, batch, plan.user.id, to, call, {
              partly,
              finished,
              seen: record,
              besides: (done) => snapshot?.notUndone.push(done),
              takes: takes.get(to.id) ?? new Set(),
            })
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

/** The datasets each user takes in `plan` (ids, lower-case), by user id. */
function datasetsTaken(plan: OffboardingPlan, things: readonly OwnedThing[]): Map<number, Set<string>> {
  const takes = new Map<number, Set<string>>();
  for (const thing of things) {
    const to = recipientOf(plan, thing);
    if (thing.kind !== 'dataset' || to.type !== 'USER') continue;
    if (!takes.has(to.id)) takes.set(to.id, new Set());
    takes.get(to.id)!.add(String(thing.id).toLowerCase());
  }
  return takes;
}

/** Kinds handed over a batch at a time, and how many at most in one batch. */
const BATCHED: ReadonlyMap<string, number> = new Map<string, number>([
  ...(['dataset', 'card', 'page', 'app'] as const).map((kind) => [kind, SHARED_HAND_OVER_BATCH] as const),
  ...SINGLE_OWNER_FAMILIES.flatMap((entry: SingleOwnerEntry) =>
    entry.type.family.writeMany !== undefined && entry.type.family.batch
      ? [[entry.kind, entry.type.family.batch] as const]
      : [],
  ),
]);

/** The single-owner families moved in bulk, by kind. */
const BULK_SINGLE = new Map<string, SingleOwnerEntry>(
  SINGLE_OWNER_FAMILIES.filter((entry: SingleOwnerEntry) => entry.type.family.writeMany !== undefined).map((e) => [
    e.kind,
    e,
  ]),
);

/** One batch of objects of one kind, to one recipient. */
function handOverBatch(
  auth: DomoAuth,
  batch: OwnedThing[],
  fromUserId: number,
  to: OffboardingPlan['to'],
  call: CallOptions,
  hooks: BatchHooks & HandOverContext & { besides(done: string): void },
): Promise<void> {
  const kind = batch[0]!.kind;
  const single = BULK_SINGLE.get(kind);
  if (single)
    return handOverSingleBatch(
      auth,
      single,
      batch.map((b) => b.id),
      fromUserId,
      to.id,
      to.type === 'USER' ? ({ ...call, knownLive: [to.id] } as CallOptions) : call,
      hooks,
    );
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
export interface ExecuteOffboardingOptions extends CallOptions, Pick<OffboardOptions, 'onProgress' | 'onTokenIssued'> {
  /** Hand-overs running at once, at most — one object or one batch each, of any type (each still read back). @default 16 */
  concurrency?: number;
  /**
   * Filled in as the offboarding runs (from {@link offboardingSnapshot}): what moved to whom and what the new owner
   * had of it before — on a failure part-way too. Save it (`saveOffboardingSnapshot`) to `restore` later.
   */
  snapshot?: OffboardingSnapshot;
}
