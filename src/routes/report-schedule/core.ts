import { z } from 'zod';
import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError } from '../../client/errors.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { checkId } from '../../internal/input.js';
import { ReportScheduleSchema, type ReportSchedule } from './schemas.js';

/** Schedules one read of a page's schedules answers at most (PM's example asks for 500). */
export const REPORT_SCHEDULES_PER_RESOURCE = 500;

const ReportScheduleListSchema = z.array(ReportScheduleSchema);

/**
 * One scheduled report: its owner, what it sends (a page, a card or a report view) and when.
 *
 * Endpoint: `GET /api/content/v1/reportschedules/{id}` (DS, PM)
 * @throws {DomoNotFoundError} no such schedule, or not visible to the caller
 */
export async function getReportSchedule(
  auth: DomoAuth,
  id: number,
  options?: RequestOptions,
): Promise<DomoResponse<ReportSchedule>> {
  const scheduleId = checkId(id, 'id', 'getReportSchedule');
  return auth.transport.request(
    {
      route: 'getReportSchedule',
      method: 'GET',
      path: `/api/content/v1/reportschedules/${scheduleId}`,
      schema: ReportScheduleSchema,
      notFoundHint: `scheduled report ${scheduleId} not found or not visible to you`,
    },
    options,
  );
}

/**
 * The scheduled reports of one page or card, everyone's (`showAll=true`): Domo has no listing of every schedule of an
 * instance, so an admin finds them resource by resource (DS: "discovery requires a DomoStats dataset"). A bare array;
 * a page of it shorter than `limit` is the last. **(inference)**: the answer is an array of schedules shaped like a
 * read (PM documents the call, not its answer).
 *
 * Endpoint: `GET /api/content/v1/reportschedules/resources/{page|card}/{id}?skip&limit&showAll=true` (PM)
 */
export async function getResourceReportSchedules(
  auth: DomoAuth,
  resource: { type: 'page' | 'card'; id: number },
  query: { skip?: number; limit?: number } = {},
  options?: RequestOptions,
): Promise<DomoResponse<ReportSchedule[]>> {
  if (resource?.type !== 'page' && resource?.type !== 'card')
    throw new DomoInputError(`a schedule's resource is a page or a card, got ${String(resource?.type)}`, {
      field: 'resource',
      route: 'getResourceReportSchedules',
    });
  const id = checkId(resource.id, 'resource.id', 'getResourceReportSchedules');
  return auth.transport.request(
    {
      route: 'getResourceReportSchedules',
      method: 'GET',
      path: `/api/content/v1/reportschedules/resources/${resource.type}/${id}`,
      query: {
        skip: String(query.skip ?? 0),
        limit: String(Math.min(query.limit ?? REPORT_SCHEDULES_PER_RESOURCE, REPORT_SCHEDULES_PER_RESOURCE)),
        showAll: 'true',
      },
      schema: ReportScheduleListSchema,
    },
    options,
  );
}

/**
 * Gives a scheduled report a new owner: the schedule as just read goes back whole with `ownerId` (and the timing's
 * `ownerId`, where it has one) swapped — PM's update sends the whole schedule; DS sends `{ id, ownerId, schedule,
 * subject, viewId }`, which would drop what it leaves out. Read it back to know it happened.
 *
 * Endpoint: `PUT /api/content/v1/reportschedules/{id}` (DS, PM)
 * @throws {DomoInputError} a malformed id or owner (nothing sent)
 */
export async function setReportScheduleOwner(
  auth: DomoAuth,
  schedule: Readonly<Record<string, unknown>>,
  owner: number,
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  const scheduleId = checkId(schedule?.id, 'schedule.id', 'setReportScheduleOwner');
  const ownerId = checkId(owner, 'owner', 'setReportScheduleOwner');
  const timing = schedule.schedule as Record<string, unknown> | null | undefined;
  return auth.transport.request(
    {
      route: 'setReportScheduleOwner',
      method: 'PUT',
      path: `/api/content/v1/reportschedules/${scheduleId}`,
      json: {
        ...schedule,
        id: scheduleId,
        ownerId,
        ...(timing && typeof timing === 'object'
          ? { schedule: { ...timing, ...('ownerId' in timing ? { ownerId } : {}) } }
          : {}),
      },
    },
    options,
  );
}
