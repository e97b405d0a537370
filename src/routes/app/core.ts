import { z } from 'zod';
import type { DomoAuth } from '../../auth/base.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { checkId, checkIds } from '../../internal/input.js';
import { checkOwnerRefs, type OwnerRef } from '../../internal/owners.js';
import { AppAccessEntrySchema, AppSchema, AppSummariesSchema, type App, type AppAccessEntry } from './schemas.js';

/** Rows one admin-summary page answers (DS pages at 30). */
export const APP_SUMMARY_LIMIT = 30;

const AppAccessSchema = z.union([
  z.array(AppAccessEntrySchema),
  z.looseObject({ list: z.array(AppAccessEntrySchema) }).transform((body) => body.list),
]);

/**
 * One App Studio app with its owners.
 *
 * Endpoint: `GET /api/content/v1/dataapps/{id}` **(inference: DS and DL only list apps through the admin summary;
 * this read mirrors the access-list path `…/dataapps/{id}/access`)**
 * @throws {DomoNotFoundError} no such app, or not visible to the caller
 */
export async function getApp(auth: DomoAuth, id: number, options?: RequestOptions): Promise<DomoResponse<App>> {
  const appId = checkId(id, 'id', 'getApp');
  return auth.transport.request(
    {
      route: 'getApp',
      method: 'GET',
      path: `/api/content/v1/dataapps/${appId}`,
      schema: AppSchema,
      notFoundHint: `app ${appId} not found or not visible to you`,
    },
    options,
  );
}

/**
 * One page of App Studio apps from the admin summary, every app in the instance: it has no owner filter (DS filters
 * the rows on the client, as {@link DomoApps.ownedBy} does). Rows name their id `dataAppId`.
 *
 * Endpoint: `POST /api/content/v1/dataapps/adminsummary?limit&skip` with body `{}` (DS, DL)
 */
export async function getAppSummaries(
  auth: DomoAuth,
  query: { skip?: number } = {},
  options?: RequestOptions,
): Promise<DomoResponse<App[]>> {
  const response = await auth.transport.request(
    {
      route: 'getAppSummaries',
      method: 'POST',
      path: '/api/content/v1/dataapps/adminsummary',
      query: { limit: String(APP_SUMMARY_LIMIT), skip: String(query.skip ?? 0) },
      json: {},
      schema: AppSummariesSchema,
      readOnly: true,
      idempotent: true,
    },
    options,
  );
  return { status: response.status, data: response.data.dataAppAdminSummaries };
}

/** Who can open an app. Endpoint: `GET /api/content/v1/dataapps/{id}/access` */
export async function getAppAccess(
  auth: DomoAuth,
  id: number,
  options?: RequestOptions,
): Promise<DomoResponse<AppAccessEntry[]>> {
  const appId = checkId(id, 'id', 'getAppAccess');
  return auth.transport.request(
    { route: 'getAppAccess', method: 'GET', path: `/api/content/v1/dataapps/${appId}/access`, schema: AppAccessSchema },
    options,
  );
}

/**
 * Adds owners to apps (all or nothing). Verify by reading the apps again ({@link getApp}).
 *
 * Endpoint: `PUT /api/content/v1/dataapps/bulk/owners` with body `{ entityIds: ["<id>"], owners: [{ type, id }], note:
 * "", sendEmail: false }` (DS; ids as strings)
 */
export async function addAppOwners(
  auth: DomoAuth,
  appIds: readonly number[],
  owners: readonly OwnerRef[],
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  const route = 'addAppOwners';
  return auth.transport.request(
    {
      route,
      method: 'PUT',
      path: '/api/content/v1/dataapps/bulk/owners',
      json: {
        entityIds: checkIds(appIds, 'appIds', route).map(String),
        owners: checkOwnerRefs(owners, route),
        note: '',
        sendEmail: false,
      },
      idempotent: true,
    },
    options,
  );
}

/**
 * Removes owners from apps (an app is never left without an owner).
 *
 * Endpoint: `POST /api/content/v1/dataapps/bulk/owners/remove` with body `{ entityIds, owners }` (DS)
 */
export async function removeAppOwners(
  auth: DomoAuth,
  appIds: readonly number[],
  owners: readonly OwnerRef[],
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  const route = 'removeAppOwners';
  return auth.transport.request(
    {
      route,
      method: 'POST',
      path: '/api/content/v1/dataapps/bulk/owners/remove',
      json: { entityIds: checkIds(appIds, 'appIds', route).map(String), owners: checkOwnerRefs(owners, route) },
      idempotent: true,
    },
    options,
  );
}
