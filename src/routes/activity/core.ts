import { z } from 'zod';
import { ActivityObjectTypesSchema, ActivityRowSchema, type ActivityRow } from './schemas.js';
import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError } from '../../client/errors.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { describe } from '../../internal/input.js';

const AUDITS = '/api/audit/v1/user-audits';

/**
 * The most rows one page of the log is asked for. The sources disagree (domo-api-admin.md §5: D-AL's default is 300,
 * DL pages at 1000, IDX-LO says up to 200, the public API's maximum is 1000): 1000 is the documented maximum, and a
 * page that comes back shorter is never taken as the end — the next page is read until one is empty.
 */
export const ACTIVITY_PAGE_LIMIT = 1000;

/** An object type or event type as the log names them: capitals, digits and underscores (`DATA_SOURCE`, `VIEWED`). */
export const ACTIVITY_TYPE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * The object types the activity log can be asked for (`CARD`, `PAGE`, `DATA_SOURCE`, `USER`, `ROLE`, …).
 *
 * Endpoint: `GET /api/audit/v1/user-audits/objectTypes` (D-AL, DL, PM)
 * @example
 * ```ts
 * const { data: types } = await getActivityObjectTypes(auth);
 * ```
 */
export async function getActivityObjectTypes(
  auth: DomoAuth,
  options?: RequestOptions,
): Promise<DomoResponse<string[]>> {
  return auth.transport.request(
    {
      route: 'getActivityObjectTypes',
      method: 'GET',
      path: `${AUDITS}/objectTypes`,
      schema: ActivityObjectTypesSchema,
    },
    options,
  );
}

/** What {@link getActivityLog} asks for: one page of one object type's events in a window. */
export interface ActivityLogQuery {
  /** The window's start, epoch ms (inclusive). */
  start: number;
  /** The window's end, epoch ms. */
  end: number;
  /** **One** object type (`CARD`): a comma-separated list answers zero rows without an error (DS). */
  objectType: string;
  /** Only this event (`VIEWED`, `LOGGEDIN`, …; IDX-LO). */
  eventType?: string | undefined;
  /** Rows to skip. @default 0 */
  offset?: number | undefined;
  /** Rows to ask for, at most {@link ACTIVITY_PAGE_LIMIT}. @default ACTIVITY_PAGE_LIMIT */
  limit?: number | undefined;
}

/**
 * One page of the activity log: one object type's events in `[start, end)`. Calls are slow on real instances
 * (about 150 s, DS) and about 8 run well at once; harvest a long window with `DomoActivityLog.events`, which chunks
 * it by day and retries each chunk.
 *
 * Endpoint: `GET /api/audit/v1/user-audits?start={ms}&end={ms}&objectType={type}&offset={n}&limit={n}` (D-AL, PM, GDG)
 * @remarks D-AL documents `objectType` as a comma-separated list; DS saw such a list answer **zero rows and no
 * error**, so one type is sent per call and a comma is refused here. DL asks a path variant instead
 * (`/user-audits/objectTypes/{type}`); the documented query parameter is sent. The actor is `userId`, not `actorId`.
 * @throws {DomoInputError} a window that is not `start < end`, a type that is not one name, a bad page (nothing sent)
 * @example
 * ```ts
 * const day = Date.UTC(2026, 0, 5);
 * const { data: rows } = await getActivityLog(auth, { start: day, end: day + 86_400_000, objectType: 'CARD' });
 * ```
 */
export async function getActivityLog(
  auth: DomoAuth,
  query: ActivityLogQuery,
  options?: RequestOptions,
): Promise<DomoResponse<ActivityRow[]>> {
  const checked = checkActivityQuery(query);
  return auth.transport.request(
    {
      route: 'getActivityLog',
      method: 'GET',
      path: AUDITS,
      query: checked,
      schema: z.array(ActivityRowSchema),
    },
    options,
  );
}

function checkActivityQuery(query: ActivityLogQuery): Record<string, string | number | undefined> {
  const route = 'getActivityLog';
  const fail = (field: string, message: string) => new DomoInputError(message, { field, route });
  if (typeof query !== 'object' || query === null)
    throw fail('query', `getActivityLog takes { start, end, objectType }, got ${describe(query)}`);
  const { start, end, objectType, eventType, offset = 0, limit = ACTIVITY_PAGE_LIMIT } = query;
  if (!Number.isSafeInteger(start) || start < 0)
    throw fail('start', `start must be epoch milliseconds, got ${describe(start)}`);
  if (!Number.isSafeInteger(end) || end <= start)
    throw fail('end', `end must be epoch milliseconds after start, got ${describe(end)}`);
  if (typeof objectType !== 'string' || !ACTIVITY_TYPE_NAME.test(objectType))
    throw fail(
      'objectType',
      `objectType must be one object type such as CARD (Domo answers a comma-separated list with zero rows), got ${describe(objectType)}`,
    );
  if (eventType !== undefined && (typeof eventType !== 'string' || !ACTIVITY_TYPE_NAME.test(eventType)))
    throw fail('eventType', `eventType must be one event type such as VIEWED, got ${describe(eventType)}`);
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw fail('offset', `offset must be a whole number, got ${describe(offset)}`);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > ACTIVITY_PAGE_LIMIT)
    throw fail('limit', `limit must be 1 to ${ACTIVITY_PAGE_LIMIT}, got ${describe(limit)}`);
  return { start, end, objectType, eventType, offset, limit };
}
