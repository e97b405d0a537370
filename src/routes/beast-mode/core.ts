import type { DomoAuth } from '../../auth/base.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { DomoInputError } from '../../client/errors.js';
import { checkId, describe } from '../../internal/input.js';
import { BeastModeSchema, BeastModeSearchSchema, type BeastMode, type BeastModeLink } from './schemas.js';

/** Functions one search page answers at most (DS pages at 100). */
export const BEAST_MODE_PAGE = 100;

/**
 * One beast mode or variable with its owner and links.
 *
 * Endpoint: `GET /api/query/v1/functions/template/{id}?hidden=true`
 * @throws {DomoNotFoundError} no such function, or not visible to the caller
 */
export async function getBeastMode(
  auth: DomoAuth,
  id: number,
  options?: RequestOptions,
): Promise<DomoResponse<BeastMode>> {
  const functionId = checkId(id, 'id', 'getBeastMode');
  return auth.transport.request(
    {
      route: 'getBeastMode',
      method: 'GET',
      path: `/api/query/v1/functions/template/${functionId}`,
      query: { hidden: 'true' },
      schema: BeastModeSchema,
      notFoundHint: `beast mode ${functionId} not found or not visible to you`,
    },
    options,
  );
}

/**
 * One page of beast modes and variables: every one, or those `ownedBy` owns (a server filter: re-check the rows).
 *
 * Endpoint: `POST /api/query/v1/functions/search` with `{ filters: [{ field: "owner", idList: [id] }], sort: { field:
 * "name", ascending: true }, limit, offset }` (DS)
 * @remarks Sorted by name, the order is unstable across pages (DS trap): rows with the same name may move between
 * pages, so a paged read can repeat one and miss another. Read every page, de-duplicate by id, and read again until
 * the ids seen reach `total` ({@link DomoBeastModes} does).
 */
export async function searchBeastModes(
  auth: DomoAuth,
  query: { ownedBy?: number; offset?: number; limit?: number } = {},
  options?: RequestOptions,
): Promise<DomoResponse<{ rows: BeastMode[]; total: number | undefined }>> {
  const owner = query.ownedBy === undefined ? undefined : checkId(query.ownedBy, 'ownedBy', 'searchBeastModes');
  const response = await auth.transport.request(
    {
      route: 'searchBeastModes',
      method: 'POST',
      path: '/api/query/v1/functions/search',
      json: {
        filters: owner === undefined ? [] : [{ field: 'owner', idList: [owner] }],
        sort: { field: 'name', ascending: true },
        limit: Math.min(query.limit ?? BEAST_MODE_PAGE, BEAST_MODE_PAGE),
        offset: query.offset ?? 0,
      },
      schema: BeastModeSearchSchema,
      readOnly: true,
      idempotent: true,
    },
    options,
  );
  return {
    status: response.status,
    data: { rows: response.data.results, total: response.data.totalHits ?? undefined },
  };
}

/** Functions one owner write moves at most (50 keeps a failure small). */
export const BEAST_MODE_OWNER_BATCH = 50;

/** One function's owner write: its id, the new owner, and its links as just read. */
export interface BeastModeOwnerUpdate {
  id: number;
  owner: number;
  links: readonly BeastModeLink[];
}

/**
 * Gives a beast mode or variable a new owner. `links` must be the function's links as just read: Domo answers 500
 * to `{ id, owner }` alone (DS trap), and would detach what is not echoed.
 *
 * Endpoint: `POST /api/query/v1/functions/bulk/template` with body `{ update: [{ id, owner, links }] }` (DS)
 * @throws {DomoInputError} a malformed id or owner, or `links` missing (nothing sent)
 */
export async function setBeastModeOwner(
  auth: DomoAuth,
  id: number,
  owner: number,
  links: readonly BeastModeLink[],
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  return sendOwners(auth, [{ id, owner, links }], 'setBeastModeOwner', options);
}

/**
 * Gives up to {@link BEAST_MODE_OWNER_BATCH} beast modes or variables their new owners in one write (all or nothing),
 * each with its links as just read (see {@link setBeastModeOwner}). Read them back to know it happened.
 *
 * Endpoint: `POST /api/query/v1/functions/bulk/template` with body `{ update: [{ id, owner, links }, …] }` (DS)
 * @throws {DomoInputError} none, too many, a malformed id or owner, or `links` missing (nothing sent)
 */
export async function setBeastModeOwners(
  auth: DomoAuth,
  updates: readonly BeastModeOwnerUpdate[],
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  if (!Array.isArray(updates) || updates.length === 0 || updates.length > BEAST_MODE_OWNER_BATCH)
    throw new DomoInputError(
      `setBeastModeOwners takes 1 to ${BEAST_MODE_OWNER_BATCH} updates, got ${Array.isArray(updates) ? updates.length : describe(updates)}`,
      { field: 'updates', route: 'setBeastModeOwners' },
    );
  return sendOwners(auth, updates, 'setBeastModeOwners', options);
}

async function sendOwners(
  auth: DomoAuth,
  updates: readonly BeastModeOwnerUpdate[],
  route: string,
  options: RequestOptions | undefined,
): Promise<DomoResponse<unknown>> {
  const update = updates.map(({ id, owner, links }) => {
    const functionId = checkId(id, 'id', route);
    const ownerId = checkId(owner, 'owner', route);
    if (!Array.isArray(links))
      throw new DomoInputError(
        `${route} needs the links of function ${functionId} as just read (an array; Domo answers 500 without them), got ${describe(links)}`,
        { field: 'links', route },
      );
    return { id: functionId, owner: ownerId, links };
  });
  return auth.transport.request(
    {
      route,
      method: 'POST',
      path: '/api/query/v1/functions/bulk/template',
      json: { update },
      // Setting an owner again sets the same owner: safe to retry.
      idempotent: true,
    },
    options,
  );
}
