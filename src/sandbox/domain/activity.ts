import { SandboxHttpError, badRequest } from '../errors.js';
import type { SandboxUser } from '../model.js';
import type { SandboxState } from '../state.js';

/** One row of the activity log, in the instance API's field shapes (domo-api-admin.md §3.3). */
export interface SandboxActivityEvent {
  userId: number;
  userName: string;
  userType: 'USER';
  /** 0 unless the action was proxied (DS: the actor is `userId`). */
  actorId: number;
  actionType: string;
  objectType: string;
  objectId: string;
  objectName: string;
  additionalComment: string;
  eventText: string;
  time: number;
}

/**
 * Ways the sandbox's activity log misbehaves on demand, as a real one does: slow calls (DS: about 150 s each) and
 * chunks that fail, so that a harvest's retries and its failed-chunk report can be tested.
 */
export interface SandboxActivityFaults {
  /** Every log call waits this long first. */
  latencyMs?: number;
  /** Calls for this UTC day (`YYYY-MM-DD`, the window's start) and, if given, object type answer 503 `times` times. */
  failing?: { day: string; objectType?: string; times: number }[];
}

/**
 * Generated history for volume tests: `perDay` `VIEWED` events a day for each of `types`, spread evenly over every
 * day, by the seeded users in turn. Nothing is stored: any window answers in constant memory.
 */
export interface SandboxActivityVolume {
  perDay: number;
  types: string[];
}

const DAY = 86_400_000;

/** The object types the sandbox's log knows (a subset of DL's enumeration; `DATA_SOURCE` is a dataset). */
export const ACTIVITY_OBJECT_TYPES = [
  'ACCESS_TOKEN',
  'ACCOUNT',
  'ALERT',
  'APP',
  'BEAST_MODE_FORMULA',
  'CARD',
  'DATAFLOW_TYPE',
  'DATA_APP_VIEW',
  'DATA_SOURCE',
  'GROUP',
  'PAGE',
  'ROLE',
  'USER',
] as const;

/** The most rows a page may ask for; more is refused (the public API's documented maximum, D-AL-PUB). */
export const ACTIVITY_MAX_LIMIT = 1000;

/**
 * The instance's activity log: events by object type, oldest first within each type (a binary search finds a
 * window), answered newest first as the admin UI lists them **(inference)**.
 */
export class SandboxActivityLog {
  readonly #byType = new Map<string, SandboxActivityEvent[]>();
  faults: SandboxActivityFaults = {};
  volume: SandboxActivityVolume | undefined;
  readonly #failed = new Map<string, number>();

  /** Appends an event (kept in time order, so seeded history may be added in any order). */
  add(event: SandboxActivityEvent): void {
    const list = this.#byType.get(event.objectType) ?? [];
    if (!this.#byType.has(event.objectType)) this.#byType.set(event.objectType, list);
    const at =
      list.length > 0 && (list.at(-1) as SandboxActivityEvent).time > event.time
        ? lower(list, event.time, true)
        : list.length;
    list.splice(at, 0, event);
  }

  /** Removes the stored events `drop` says to (a test's way to make something never viewed); how many went. */
  remove(drop: (event: SandboxActivityEvent) => boolean): number {
    let removed = 0;
    for (const [type, list] of this.#byType) {
      const kept = list.filter((event) => !drop(event));
      removed += list.length - kept.length;
      this.#byType.set(type, kept);
    }
    return removed;
  }

  /** Every stored event (not the generated volume), oldest first per type. */
  *all(): IterableIterator<SandboxActivityEvent> {
    for (const list of this.#byType.values()) yield* list;
  }

  /** How many events are stored. */
  get size(): number {
    let n = 0;
    for (const list of this.#byType.values()) n += list.length;
    return n;
  }

  /** Counts one call for the day and type, and says whether it is one of the failures asked for. */
  shouldFail(start: number, objectType: string): boolean {
    const day = new Date(start).toISOString().slice(0, 10);
    const rule = this.faults.failing?.find((f) => f.day === day && (f.objectType ?? objectType) === objectType);
    if (!rule) return false;
    const key = `${day}/${objectType}`;
    const used = this.#failed.get(key) ?? 0;
    if (used >= rule.times) return false;
    this.#failed.set(key, used + 1);
    return true;
  }

  /** One page of one type's events in `[start, end)`, newest first. */
  page(
    state: SandboxState,
    query: { start: number; end: number; objectType: string; eventType?: string },
    offset: number,
    limit: number,
  ): SandboxActivityEvent[] {
    const stored = this.#window(query).reverse();
    const generated = this.#generatedCount(query);
    const users = generated > 0 ? [...state.users.values()].filter((user) => !user.deleted) : [];
    const rows: SandboxActivityEvent[] = [];
    for (let i = offset; i < Math.min(stored.length + generated, offset + limit); i += 1)
      rows.push(
        i < stored.length ? (stored[i] as SandboxActivityEvent) : this.#generated(users, query, i - stored.length),
      );
    return rows;
  }

  #window(query: { start: number; end: number; objectType: string; eventType?: string }): SandboxActivityEvent[] {
    const list = this.#byType.get(query.objectType) ?? [];
    const rows = list.slice(lower(list, query.start), lower(list, query.end));
    return query.eventType ? rows.filter((row) => matchesEvent(row.actionType, query.eventType as string)) : rows;
  }

  /** Generated events of a window: slot k of type T is at `k × DAY / perDay`, for every whole slot in the window. */
  #generatedCount(query: { start: number; end: number; objectType: string; eventType?: string }): number {
    const volume = this.volume;
    if (!volume || !volume.types.includes(query.objectType) || (query.eventType && query.eventType !== 'VIEWED'))
      return 0;
    const step = DAY / volume.perDay;
    return Math.max(0, Math.ceil(query.end / step) - Math.ceil(query.start / step));
  }

  /** The i-th generated event of a window, newest first. */
  #generated(users: SandboxUser[], query: { end: number; objectType: string }, i: number): SandboxActivityEvent {
    const step = DAY / (this.volume as SandboxActivityVolume).perDay;
    const slot = Math.ceil(query.end / step) - 1 - i;
    const user = users[slot % users.length];
    return {
      userId: user?.id ?? 0,
      userName: user?.displayName ?? '',
      userType: 'USER',
      actorId: 0,
      actionType: 'VIEWED',
      objectType: query.objectType,
      objectId: String(1000 + (slot % 500)),
      objectName: `${query.objectType.toLowerCase()} ${slot % 500}`,
      additionalComment: '',
      eventText: `Viewed ${query.objectType.toLowerCase()} ${slot % 500}`,
      time: Math.floor(slot * step),
    };
  }
}

/** IDX-LO: asking for `LOGGEDIN` also returns `PROXY_LOGGEDIN`. */
function matchesEvent(actionType: string, eventType: string): boolean {
  return actionType === eventType || (eventType === 'LOGGEDIN' && actionType === 'PROXY_LOGGEDIN');
}

/** The first index whose time is ≥ `time` (> `time` when `after`), by binary search of a list in time order. */
function lower(list: SandboxActivityEvent[], time: number, after = false): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = (list[mid] as SandboxActivityEvent).time;
    if (at < time || (after && at === time)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What happened, to what, by whom: the arguments of {@link logActivity}. */
export interface ActivityInput {
  actionType: string;
  objectType: string;
  objectId: string | number;
  objectName: string;
  /** @default now */
  time?: number;
  additionalComment?: string;
}

/**
 * Records that `userId` did something, as Domo's log would: the sandbox's own writes call it (roles, groups, users,
 * accounts, tokens), its login endpoint, and the seed for history.
 */
export function logActivity(state: SandboxState, userId: number, input: ActivityInput): void {
  const user = state.users.get(userId);
  const verb = input.actionType.charAt(0) + input.actionType.slice(1).toLowerCase().replace(/_/g, ' ');
  state.activity.add({
    userId,
    userName: user?.displayName ?? '',
    userType: 'USER',
    actorId: 0,
    actionType: input.actionType,
    objectType: input.objectType,
    objectId: String(input.objectId),
    objectName: input.objectName,
    additionalComment: input.additionalComment ?? '',
    eventText: `${verb} ${input.objectType.toLowerCase().replace(/_/g, ' ')} ${input.objectName}`,
    time: input.time ?? state.now(),
  });
}

/** The query of `GET /api/audit/v1/user-audits`, checked as Domo checks it (D-AL: start and end required). */
export function activityQuery(
  params: URLSearchParams,
  pathType: string | undefined,
): { start: number; end: number; objectType: string | undefined; eventType?: string; offset: number; limit: number } {
  const number = (name: string, fallback?: number): number => {
    const raw = params.get(name);
    if (raw === null && fallback !== undefined) return fallback;
    const n = Number(raw);
    if (raw === null || raw.trim() === '' || !Number.isSafeInteger(n) || n < 0)
      throw badRequest(
        `${name} must be a whole number${raw === null ? ' and is required' : `, got ${JSON.stringify(raw)}`}`,
      );
    return n;
  };
  const limit = number('limit', 300);
  if (limit > ACTIVITY_MAX_LIMIT) throw badRequest(`limit must be at most ${ACTIVITY_MAX_LIMIT}, got ${limit}`);
  const eventType = params.get('eventType') ?? undefined;
  return {
    start: number('start'),
    end: number('end'),
    objectType: pathType ?? params.get('objectType') ?? undefined,
    ...(eventType ? { eventType } : {}),
    offset: number('offset', 0),
    limit,
  };
}

/**
 * `GET /api/audit/v1/user-audits`: one page of the log (`admin.audit.view`). Without a type, every type's events; a
 * comma-separated type answers zero rows and no error (DS); an unknown type answers zero rows too.
 */
export async function readActivity(
  state: SandboxState,
  callerId: number,
  query: ReturnType<typeof activityQuery>,
): Promise<SandboxActivityEvent[]> {
  state.requireAuthority(callerId, 'admin.audit.view');
  const log = state.activity;
  if (log.faults.latencyMs) await new Promise((resolve) => setTimeout(resolve, log.faults.latencyMs));
  const types = query.objectType === undefined ? [...ACTIVITY_OBJECT_TYPES] : [query.objectType];
  if (query.objectType !== undefined && log.shouldFail(query.start, query.objectType))
    throw new SandboxHttpError(503, 'Service temporarily unavailable (injected activity-log fault)');
  if (query.objectType?.includes(',')) return [];
  if (types.length === 1)
    return log.page(state, { ...query, objectType: types[0] as string }, query.offset, query.limit);
  const rows = types
    .flatMap((objectType) => log.page(state, { ...query, objectType }, 0, query.offset + query.limit))
    .sort((a, b) => b.time - a.time);
  return rows.slice(query.offset, query.offset + query.limit);
}
