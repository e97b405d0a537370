import { z } from 'zod';
import type { DomoAuth } from '../../auth/base.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { checkId } from '../../internal/input.js';
import { AlertSchema, type Alert } from './schemas.js';

/** Alerts one list page answers at most (DS pages at 50). */
export const ALERT_PAGE = 50;

const AlertListSchema = z.array(AlertSchema);

/**
 * One alert with its owner and the card it watches.
 *
 * Endpoint: `GET /api/social/v4/alerts/{id}`
 * @throws {DomoNotFoundError} no such alert, or not visible to the caller
 */
export async function getAlert(auth: DomoAuth, id: number, options?: RequestOptions): Promise<DomoResponse<Alert>> {
  const alertId = checkId(id, 'id', 'getAlert');
  return auth.transport.request(
    {
      route: 'getAlert',
      method: 'GET',
      path: `/api/social/v4/alerts/${alertId}`,
      schema: AlertSchema,
      notFoundHint: `alert ${alertId} not found or not visible to you`,
    },
    options,
  );
}

/**
 * One page of alerts: every one, or those `ownedBy` owns (a server filter: re-check the rows). A bare array, no
 * total: a page shorter than `limit` is the last.
 *
 * Endpoint: `GET /api/social/v4/alerts?ownerId={id}&limit&offset` (DS)
 */
export async function getAlerts(
  auth: DomoAuth,
  query: { ownedBy?: number; offset?: number; limit?: number } = {},
  options?: RequestOptions,
): Promise<DomoResponse<Alert[]>> {
  const owner = query.ownedBy === undefined ? undefined : checkId(query.ownedBy, 'ownedBy', 'getAlerts');
  return auth.transport.request(
    {
      route: 'getAlerts',
      method: 'GET',
      path: '/api/social/v4/alerts',
      query: {
        ...(owner === undefined ? {} : { ownerId: String(owner) }),
        limit: String(Math.min(query.limit ?? ALERT_PAGE, ALERT_PAGE)),
        offset: String(query.offset ?? 0),
      },
      schema: AlertListSchema,
    },
    options,
  );
}

/**
 * Gives an alert a new owner.
 *
 * Endpoint: `PATCH /api/social/v4/alerts/{id}` with body `{ id, owner }` (DS)
 */
export async function setAlertOwner(
  auth: DomoAuth,
  id: number,
  owner: number,
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  const alertId = checkId(id, 'id', 'setAlertOwner');
  const ownerId = checkId(owner, 'owner', 'setAlertOwner');
  return auth.transport.request(
    {
      route: 'setAlertOwner',
      method: 'PATCH',
      path: `/api/social/v4/alerts/${alertId}`,
      json: { id: alertId, owner: ownerId },
      idempotent: true,
    },
    options,
  );
}
