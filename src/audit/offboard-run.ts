// Carrying out an offboarding plan: the steps in order, a type's hand-overs side by side (datasets, cards, pages and
// apps in batches), each read back, the snapshot filled in as it goes, an exact report when it stops part-way.
import type { DomoAuth } from '../auth/base.js';
import { DomoPartialFailureError, DomoValidationError } from '../client/errors.js';
import {
  handOverDatasetBatch,
  handOverSharedBatch,
  SHARED_HAND_OVER_BATCH,
  type BatchHooks,
} from '../classes/batch-hand-over.js';
import { callOptions, type CallOptions } from '../classes/entity.js';
import { handOver, ownedCount, ownedThings, USER_OWNED_ONLY, type OwnedThing } from '../classes/ownership.js';
import { checkLiveUsers } from '../classes/people.js';
import { DomoUser } from '../classes/user/user.js';
import { checkConcurrency } from '../internal/input.js';
import { deleteUser } from '../routes/user/core.js';
import type { OffboardingPlan, OffboardOptions } from './offboard.js';
import { recordMove, type OffboardingSnapshot } from './offboard-snapshot.js';
import { removeAccessActions } from './remove-access.js';

/** Who takes one thing: the datasets' recipient for a dataset, else `to`. */
export function recipientOf(plan: OffboardingPlan, thing: OwnedThing): OffboardingPlan['to'] {
  const container = plan.recipients?.[`${thing.kind}:${thing.id}`];
  if (container) return container;
  return USER_OWNED_ONLY.has(thing.kind) ? (plan.datasetsTo ?? plan.to) : plan.to;
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
