import type { DomoAuth } from '../../auth/base.js';
import {
  DomoAbortError,
  DomoAuthError,
  DomoError,
  DomoForbiddenError,
  DomoInputError,
  DomoValidationError,
} from '../../client/errors.js';
import { ACTIVITY_PAGE_LIMIT, getActivityLog } from '../../routes/activity/core.js';
import type { ActivityRow } from '../../routes/activity/schemas.js';
import type { CallOptions } from '../entity.js';
import { chunkLabel, type ActivityChunk } from './window.js';

/** One event of the activity log: who (`userId`) did what (`actionType`) to what (`objectType`, `objectId`), when. */
export interface ActivityEvent {
  /** The actor (DS: `userId`, not `actorId`); null when Domo gives none (a system action). */
  userId: number | null;
  userName: string;
  actionType: string;
  objectType: string;
  objectId: string;
  objectName: string;
  /** Epoch ms, as Domo sends it. */
  time: number;
  eventText: string;
  additionalComment: string;
}

/** Whether an event changed its object: not a view, not a sign-in (`LOGGEDIN`, `LOGGEDIN_SSO`, `PROXY_LOGGEDIN`). */
export function isChange(event: ActivityEvent): boolean {
  return event.actionType !== 'VIEWED' && !event.actionType.endsWith('LOGGEDIN');
}

/** A chunk that still failed after its retries: harvest it again (`only`) before trusting the export. */
export interface FailedChunk extends ActivityChunk {
  /** `CARD 2026-03-01`. */
  label: string;
  attempts: number;
  /** Why its last attempt failed. */
  error: string;
}

/** How far a harvest is, after each chunk. */
export interface HarvestProgress {
  chunks: number;
  done: number;
  failed: number;
  events: number;
}

/** What a finished harvest read; `complete` is false when any chunk failed (its events are not in the output). */
export interface HarvestResult {
  chunks: number;
  events: number;
  failed: FailedChunk[];
  complete: boolean;
}

/** Options of a harvest (see `DomoActivityLog.events`). */
export interface HarvestOptions extends CallOptions {
  concurrency: number;
  retries: number;
  eventType?: string | undefined;
  users?: ReadonlySet<number> | undefined;
  onProgress?: ((progress: HarvestProgress) => void) | undefined;
}

/** Read chunks that may wait for the reader before the workers pause (memory: these plus those being read). */
const READY_CHUNKS = 2;

/**
 * Time allowed for one call of the log unless the caller says otherwise: calls take about 150 s on a busy instance
 * (DS), five times the transport's default.
 */
export const ACTIVITY_CALL_TIMEOUT_MS = 300_000;

/** Errors no retry can fix: the whole harvest stops with them. */
function isFatal(error: unknown): boolean {
  return (
    error instanceof DomoAuthError ||
    error instanceof DomoForbiddenError ||
    error instanceof DomoInputError ||
    error instanceof DomoAbortError
  );
}

/**
 * One harvest of the activity log: its chunks read at most `concurrency` at a time, each page after page until an
 * empty page, a failed chunk queued again up to `retries` times. Iterate it once (`for await`) for the events, chunk
 * by chunk as they complete — a chunk's events are given only once all its pages are read, so a chunk is either
 * wholly in the output or in `failed`, never half. At most two read chunks wait for the reader (and `concurrency` are being read): memory
 * stays flat however long the window. Stopping early (`break`) aborts the calls in flight and waits for them.
 */
export class ActivityHarvest implements AsyncIterable<ActivityEvent> {
  /** The chunks planned, in order. */
  readonly chunks: readonly ActivityChunk[];
  /** Set once the iteration ends: what was read and what failed. */
  result: HarvestResult | undefined;
  #started = false;

  constructor(
    readonly auth: DomoAuth,
    chunks: readonly ActivityChunk[],
    private readonly options: HarvestOptions,
  ) {
    this.chunks = chunks;
  }

  [Symbol.asyncIterator](): AsyncGenerator<ActivityEvent, HarvestResult> {
    if (this.#started)
      throw new DomoInputError('a harvest is read once: call events() again for another pass', {
        route: 'DomoActivityLog.events',
      });
    this.#started = true;
    return this.#run();
  }

  /** Reads every event (bounded by `max`, default 1 000 000) and the result. */
  async collect(max = 1_000_000): Promise<{ events: ActivityEvent[]; result: HarvestResult }> {
    const events: ActivityEvent[] = [];
    for await (const event of this) {
      if (events.length >= max)
        throw new DomoInputError(`the harvest holds more than ${max} events: iterate it instead`, {
          route: 'ActivityHarvest.collect',
        });
      events.push(event);
    }
    return { events, result: this.result as HarvestResult };
  }

  async *#run(): AsyncGenerator<ActivityEvent, HarvestResult> {
    const run = new HarvestRun(this, this.options);
    try {
      for (;;) {
        const rows = await run.next();
        if (!rows) break;
        for (const row of rows) yield row;
      }
    } finally {
      await run.stop();
    }
    this.result = run.result();
    return this.result;
  }
}

/** The workers of one harvest and the queue of read chunks between them and the reader. */
class HarvestRun {
  readonly #queue: { chunk: ActivityChunk; attempts: number }[];
  readonly #ready: ActivityEvent[][] = [];
  readonly #failed: FailedChunk[] = [];
  readonly #stop = new AbortController();
  readonly #signal: AbortSignal;
  readonly #workers: Promise<void>;
  #room: (() => void)[] = [];
  #wake: (() => void) | undefined;
  #active = 0;
  #fatal: { error: unknown } | undefined;
  #done = 0;
  #delivered = 0;
  #events = 0;

  constructor(
    private readonly harvest: ActivityHarvest,
    private readonly options: HarvestOptions,
  ) {
    this.#queue = harvest.chunks.map((chunk) => ({ chunk, attempts: 0 }));
    this.#signal = options.signal ? AbortSignal.any([options.signal, this.#stop.signal]) : this.#stop.signal;
    const count = Math.min(options.concurrency, this.#queue.length);
    this.#active = count;
    this.#workers = Promise.all(Array.from({ length: count }, () => this.#work())).then(() => undefined);
  }

  /** The next read chunk's events; undefined once every chunk is read or failed. */
  async next(): Promise<ActivityEvent[] | undefined> {
    for (;;) {
      if (this.#fatal) throw this.#fatal.error;
      const rows = this.#ready.shift();
      if (rows) {
        this.#room.shift()?.();
        return rows;
      }
      if (this.#active === 0) {
        // Stopped by the caller's signal: the chunks not read are neither in the output nor failed — an error.
        const signal = this.options.signal;
        if (signal?.aborted) throw abortError(signal.reason);
        return undefined;
      }
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  /** Stops the workers (calls in flight are aborted) and waits for them to end. */
  async stop(): Promise<void> {
    this.#stop.abort(new DomoAbortError('the harvest was stopped'));
    for (const resume of this.#room) resume();
    this.#room = [];
    await this.#workers;
  }

  result(): HarvestResult {
    return {
      chunks: this.harvest.chunks.length,
      events: this.#events,
      failed: this.#failed,
      complete: this.#failed.length === 0 && this.#delivered === this.harvest.chunks.length,
    };
  }

  async #work(): Promise<void> {
    try {
      for (let item = this.#queue.shift(); item && !this.#signal.aborted; item = this.#queue.shift()) {
        const rows = await this.#attempt(item);
        if (rows) await this.#deliver(rows);
      }
    } finally {
      this.#active -= 1;
      this.#notify();
    }
  }

  /** One attempt at a chunk: its events, or undefined when it failed (queued again, or reported). */
  async #attempt(item: { chunk: ActivityChunk; attempts: number }): Promise<ActivityEvent[] | undefined> {
    item.attempts += 1;
    try {
      return await readChunk(this.harvest.auth, item.chunk, this.options, this.#signal);
    } catch (error) {
      if (this.#signal.aborted) return undefined;
      if (isFatal(error)) {
        this.#fatal ??= { error };
        this.#stop.abort(error);
        return undefined;
      }
      if (item.attempts <= this.options.retries) this.#queue.push(item);
      else {
        this.#failed.push({
          ...item.chunk,
          label: chunkLabel(item.chunk),
          attempts: item.attempts,
          error: message(error),
        });
        this.#progress();
      }
      return undefined;
    }
  }

  async #deliver(rows: ActivityEvent[]): Promise<void> {
    const users = this.options.users;
    const kept = users ? rows.filter((row) => row.userId !== null && users.has(row.userId)) : rows;
    this.#events += kept.length;
    this.#delivered += 1;
    this.#progress();
    this.#ready.push(kept);
    this.#notify();
    while (this.#ready.length > READY_CHUNKS && !this.#signal.aborted)
      await new Promise<void>((resolve) => this.#room.push(resolve));
  }

  #progress(): void {
    this.#done += 1;
    this.options.onProgress?.({
      chunks: this.harvest.chunks.length,
      done: this.#done,
      failed: this.#failed.length,
      events: this.#events,
    });
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

/**
 * Every event of one chunk, page after page until an empty page (a short page is never the end: the sources
 * disagree on the page size). Rows of another type or outside the window are dropped: the filter is Domo's, the
 * export is ours. A log that answers the same page again (ignoring the offset) is an error, not a loop.
 */
async function readChunk(
  auth: DomoAuth,
  chunk: ActivityChunk,
  options: HarvestOptions,
  signal: AbortSignal,
): Promise<ActivityEvent[]> {
  const events: ActivityEvent[] = [];
  let previous: ActivityRow | undefined;
  for (let offset = 0; ;) {
    const { data: rows } = await getActivityLog(
      auth,
      {
        start: chunk.from,
        end: chunk.to,
        objectType: chunk.objectType,
        eventType: options.eventType,
        offset,
        limit: ACTIVITY_PAGE_LIMIT,
      },
      { signal, timeoutMs: options.timeoutMs ?? ACTIVITY_CALL_TIMEOUT_MS, onRequest: options.onRequest },
    );
    if (rows.length === 0) return events;
    if (previous && offset > 0 && sameRow(rows[0] as ActivityRow, previous))
      throw new DomoValidationError(
        `the activity log answered the same page again for ${chunkLabel(chunk)} (offset ignored)`,
        {
          route: 'getActivityLog',
        },
      );
    previous = rows[0];
    for (const row of rows)
      if (row.objectType === chunk.objectType && row.time >= chunk.from && row.time < chunk.to)
        events.push(toEvent(row));
    offset += rows.length;
  }
}

function sameRow(a: ActivityRow, b: ActivityRow): boolean {
  return (
    a.time === b.time &&
    a.userId === b.userId &&
    a.actionType === b.actionType &&
    String(a.objectId) === String(b.objectId)
  );
}

function toEvent(row: ActivityRow): ActivityEvent {
  return {
    userId: actorOf(row.userId),
    userName: row.userName ?? '',
    actionType: row.actionType,
    objectType: row.objectType,
    objectId: row.objectId === null || row.objectId === undefined ? '' : String(row.objectId),
    objectName: row.objectName ?? '',
    time: row.time,
    eventText: row.eventText ?? '',
    additionalComment: row.additionalComment ?? '',
  };
}

/** A user id as the log sends it (a number or digits); null for none or 0. */
function actorOf(value: ActivityRow['userId']): number | null {
  const id = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The caller's abort as the library reports it. */
function abortError(reason: unknown): DomoError {
  return reason instanceof DomoError ? reason : new DomoAbortError('the harvest was aborted', {}, { cause: reason });
}

function message(error: unknown): string {
  return error instanceof DomoError || error instanceof Error ? error.message : String(error);
}
