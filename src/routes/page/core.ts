import type { DomoAuth } from '../../auth/base.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { path } from '../../client/path.js';
import { checkId, checkIds } from '../../internal/input.js';
import { checkOwnerRefs, type OwnerRef } from '../../internal/owners.js';
import { PageStackSchema, PageSummariesSchema, type PageStack, type PageSummary } from './schemas.js';

/** Rows one adminsummary page is asked for. */
export const PAGE_SUMMARY_LIMIT = 100;

/** A principal as page ownership names it. */
export type PageOwnerRef = OwnerRef;

/**
 * One page with its owners and the cards on it (the page is their container).
 *
 * Endpoint: `GET /api/content/v3/stacks/{id}/cards` (DL `get_page_by_id`)
 * @throws {DomoNotFoundError} no such page, or not visible to the caller
 */
export async function getPage(auth: DomoAuth, id: number, options?: RequestOptions): Promise<DomoResponse<PageStack>> {
  const pageId = checkId(id, 'id', 'getPage');
  return auth.transport.request(
    {
      route: 'getPage',
      method: 'GET',
      path: path`/api/content/v3/stacks/${pageId}/cards`,
      schema: PageStackSchema,
      notFoundHint: `page ${pageId} not found or not visible to you`,
      forbiddenMeansNotFound: true,
    },
    options,
  );
}

/**
 * One page of the pages admin summary: every page, or those owned by `ownerIds` (owner filter sent; re-check the
 * rows, as every server-side filter). Ids come back as `pageId` and are read as `id`.
 *
 * Endpoint: `POST /api/content/v1/pages/adminsummary?limit&skip` with body `{ ownerIds, includePageOwnerClause: 1,
 * orderBy: "pageTitle", ascending: true }` (DL, DS)
 */
export async function getPageSummaries(
  auth: DomoAuth,
  query: { ownerIds?: readonly number[]; skip?: number; limit?: number } = {},
  options?: RequestOptions,
): Promise<DomoResponse<PageSummary[]>> {
  const owners = query.ownerIds === undefined ? undefined : checkIds(query.ownerIds, 'ownerIds', 'getPageSummaries');
  const response = await auth.transport.request(
    {
      route: 'getPageSummaries',
      method: 'POST',
      path: '/api/content/v1/pages/adminsummary',
      query: { limit: query.limit ?? PAGE_SUMMARY_LIMIT, skip: query.skip ?? 0 },
      json: {
        orderBy: 'pageTitle',
        ascending: true,
        ...(owners ? { ownerIds: owners, includePageOwnerClause: 1 } : {}),
      },
      schema: PageSummariesSchema,
      readOnly: true,
      idempotent: true,
    },
    options,
  );
  return { status: response.status, data: response.data.pageAdminSummaries };
}

/**
 * Adds owners to pages (all or nothing). Verify by reading the pages again ({@link getPage}).
 *
 * Endpoint: `PUT /api/content/v1/pages/bulk/owners` with body `{ pageIds, owners: [{ id, type }] }` (DS)
 */
export async function addPageOwners(
  auth: DomoAuth,
  pageIds: readonly number[],
  owners: readonly PageOwnerRef[],
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  const route = 'addPageOwners';
  return auth.transport.request(
    {
      route,
      method: 'PUT',
      path: '/api/content/v1/pages/bulk/owners',
      json: { pageIds: checkIds(pageIds, 'pageIds', route), owners: checkOwnerRefs(owners, route) },
      idempotent: true,
    },
    options,
  );
}

/**
 * Removes owners from pages (a page is never left without an owner).
 *
 * Endpoint: `POST /api/content/v1/pages/bulk/owners/remove` with body `{ pageIds, owners }` (DS)
 */
export async function removePageOwners(
  auth: DomoAuth,
  pageIds: readonly number[],
  owners: readonly PageOwnerRef[],
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  const route = 'removePageOwners';
  return auth.transport.request(
    {
      route,
      method: 'POST',
      path: '/api/content/v1/pages/bulk/owners/remove',
      json: { pageIds: checkIds(pageIds, 'pageIds', route), owners: checkOwnerRefs(owners, route) },
      idempotent: true,
    },
    options,
  );
}
