import { z } from 'zod';
import { SessionSchema, type Session } from './schemas.js';
import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError } from '../../client/errors.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { describe } from '../../internal/input.js';

/** Sessions the list is asked for at once (DS asks for every one: `limit=99999999`). */
export const SESSION_LIST_LIMIT = 100_000;

/**
 * Every open session of the instance. The list has no user filter: filter on `userId` (GDG, MUO do).
 *
 * Endpoint: `GET /api/sessions/v1/admin?limit={n}` (GDG, MUO; no official reference page: domo-api-admin.md §5)
 */
export async function getSessions(auth: DomoAuth, options?: RequestOptions): Promise<DomoResponse<Session[]>> {
  return auth.transport.request(
    {
      route: 'getSessions',
      method: 'GET',
      path: '/api/sessions/v1/admin',
      query: { limit: String(SESSION_LIST_LIMIT) },
      schema: z.array(SessionSchema),
    },
    options,
  );
}

/**
 * Ends a session: its token stops working. Read the list again to know it happened.
 *
 * Endpoint: `DELETE /api/sessions/v1/admin/{id}` (GDG, MUO)
 * @throws {DomoNotFoundError} no such session (already ended)
 */
export async function endSession(auth: DomoAuth, id: string, options?: RequestOptions): Promise<DomoResponse<unknown>> {
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(id))
    throw new DomoInputError(`a session id is a short opaque string, got ${describe(id)}`, {
      field: 'id',
      route: 'endSession',
    });
  return auth.transport.request(
    { route: 'endSession', method: 'DELETE', path: `/api/sessions/v1/admin/${id}` },
    options,
  );
}
