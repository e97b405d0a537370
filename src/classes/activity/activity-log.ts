import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError } from '../../client/errors.js';
import { checkConcurrency, checkIds, describe } from '../../internal/input.js';
import { ACTIVITY_TYPE_NAME, getActivityObjectTypes } from '../../routes/activity/core.js';
import { callOptions, type CallOptions } from '../entity.js';
import { ActivityHarvest, isChange, type ActivityEvent, type HarvestProgress, type HarvestResult } from './harvest.js';
import { chunkWindow, toEpoch, type ActivityChunk, type TimeInput } from './window.js';

/** What {@link DomoActivityLog.events} harvests. */
export interface ActivityQuery extends CallOptions {
  /** The window's start (inclusive): a date (`2026-03-01`, UTC), an ISO time, a `Date` or epoch ms. */
  from: TimeInput;
  /** The window's end (exclusive). @default now */
  to?: TimeInput | undefined;
  /** The object types, one call each per chunk (`CARD`, `PAGE`, `DATA_SOURCE`, `USER`, …; see `objectTypes()`). */
  types: readonly string[];
  /** Only these actors' events (filtered here: the instance API has no user filter). */
  users?: readonly number[] | undefined;
  /** Only this event (`VIEWED`, `LOGGEDIN`, …), asked of Domo and checked here. */
  eventType?: string | undefined;
  /** Chunks read at once. @default 8 (DS: about 8 calls run well at once) */
  concurrency?: number | undefined;
  /** Times a failed chunk is read again before it is reported. @default 2 */
  retries?: number | undefined;
  /** Days per chunk. @default 1 (DS: "chunk the window by day") */
  chunkDays?: number | undefined;
  /** Exactly these chunks instead of the window's (a resume: the `failed` of an earlier harvest). */
  only?: readonly ActivityChunk[] | undefined;
  /** Called after each chunk is read or given up. */
  onProgress?: ((progress: HarvestProgress) => void) | undefined;
}

const ROUTE = 'DomoActivityLog.events';

/**
 * The instance's activity log: who did what, when. Domo answers slowly (about 150 s a call on a busy instance, DS),
 * one object type per call (a comma-separated list answers zero rows without an error), so a window is harvested in
 * day chunks, a few at once, each retried, and what still failed is reported — an export is never silently short,
 * and a missing chunk is never mistaken for inactivity.
 *
 * @example
 * ```ts
 * const log = new DomoActivityLog(auth);
 * const harvest = log.events({ from: '2026-03-01', to: '2026-03-08', types: ['CARD', 'PAGE'] });
 * let views = 0;
 * for await (const event of harvest) if (event.actionType === 'VIEWED') views += 1;
 * if (!harvest.result?.complete) throw new Error(`${harvest.result?.failed.length} chunks failed`);
 * ```
 */
export class DomoActivityLog {
  constructor(readonly auth: DomoAuth) {}

  /** The object types the log can be asked for. */
  async objectTypes(options: CallOptions = {}): Promise<string[]> {
    return (await getActivityObjectTypes(this.auth, callOptions(options))).data;
  }

  /**
   * Harvests `[from, to)` for `types`: an {@link ActivityHarvest} to iterate once with `for await`; its `result`
   * (also the iterator's return value) lists the chunks that still failed. Nothing is read until it is iterated.
   * @throws {DomoInputError} a bad window, type, user id or option (nothing sent)
   */
  events(query: ActivityQuery): ActivityHarvest {
    if (typeof query !== 'object' || query === null)
      throw new DomoInputError(`events takes { from, to?, types }, got ${describe(query)}`, { route: ROUTE });
    const chunks = query.only ? checkChunks(query.only) : planChunks(query);
    return new ActivityHarvest(this.auth, chunks, {
      ...callOptions(query),
      concurrency: checkConcurrency(query.concurrency ?? 8, ROUTE),
      retries: checkCount(query.retries ?? 2, 'retries', 10),
      eventType: query.eventType === undefined ? undefined : checkType(query.eventType, 'eventType'),
      users: query.users === undefined ? undefined : new Set(checkIds(query.users, 'users', ROUTE)),
      onProgress: query.onProgress,
    });
  }

  /**
   * When each user was last seen in the log over `[from, to)` — any event they made of `types` (default: `USER`,
   * which holds sign-ins) — and whether the read was complete. A user missing from the map made no such event in the
   * window *that was read*: check `result.complete` before calling anyone inactive.
   */
  async lastSeen(
    query: Omit<ActivityQuery, 'types' | 'eventType'> & { types?: readonly string[] },
  ): Promise<{ lastSeen: Map<number, number>; result: HarvestResult }> {
    const lastSeen = new Map<number, number>();
    const harvest = this.events({ ...query, types: query.types ?? ['USER'] });
    for await (const event of harvest)
      if (event.userId !== null && event.time > (lastSeen.get(event.userId) ?? 0))
        lastSeen.set(event.userId, event.time);
    return { lastSeen, result: harvest.result as HarvestResult };
  }

  /**
   * The changes the log shows to one object (`ROLE` 12, `GROUP` 7, `ACCOUNT` 3, `USER` 27), newest first, over
   * `[from, to)` — views left out — and whether the read was complete.
   */
  async history(
    objectType: string,
    objectId: string | number,
    query: Omit<ActivityQuery, 'types' | 'eventType' | 'users'>,
  ): Promise<{ events: ActivityEvent[]; result: HarvestResult }> {
    const id = String(objectId);
    const events: ActivityEvent[] = [];
    const harvest = this.events({ ...query, types: [checkType(objectType, 'objectType')] });
    for await (const event of harvest) if (event.objectId === id && isChange(event)) events.push(event);
    events.sort((a, b) => b.time - a.time);
    return { events, result: harvest.result as HarvestResult };
  }
}

function planChunks(query: ActivityQuery): ActivityChunk[] {
  const from = toEpoch(query.from, 'from', ROUTE);
  const to = query.to === undefined ? Date.now() : toEpoch(query.to, 'to', ROUTE);
  if (to <= from)
    throw new DomoInputError(`the window is empty: to (${new Date(to).toISOString()}) is not after from`, {
      field: 'to',
      route: ROUTE,
    });
  if (!Array.isArray(query.types) || query.types.length === 0)
    throw new DomoInputError(
      `types must name at least one object type (see objectTypes()), got ${describe(query.types)}`,
      {
        field: 'types',
        route: ROUTE,
      },
    );
  const types = [...new Set(query.types.map((type) => checkType(type, 'types')))];
  return chunkWindow(from, to, types, checkCount(query.chunkDays ?? 1, 'chunkDays', 366, 1));
}

function checkChunks(chunks: readonly ActivityChunk[]): ActivityChunk[] {
  if (!Array.isArray(chunks))
    throw new DomoInputError(`only must be a list of chunks, got ${describe(chunks)}`, { route: ROUTE });
  return (chunks as readonly unknown[]).map((raw) => {
    const chunk = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<ActivityChunk>;
    const { from, to } = chunk;
    const ok =
      Number.isSafeInteger(from) &&
      Number.isSafeInteger(to) &&
      (from as number) >= 0 &&
      (to as number) > (from as number);
    if (!ok)
      throw new DomoInputError(`a chunk is { objectType, from, to } with from < to, got ${describe(raw)}`, {
        field: 'only',
        route: ROUTE,
      });
    return { objectType: checkType(chunk.objectType, 'only'), from: from as number, to: to as number };
  });
}

function checkType(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ACTIVITY_TYPE_NAME.test(value))
    throw new DomoInputError(
      `${field} must be one type name such as CARD (Domo answers a comma-separated list with zero rows), got ${describe(value)}`,
      { field, route: ROUTE },
    );
  return value;
}

function checkCount(value: unknown, field: string, max: number, min = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new DomoInputError(`${field} must be a whole number from ${min} to ${max}, got ${describe(value)}`, {
      field,
      route: ROUTE,
    });
  return value;
}
