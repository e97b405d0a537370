import type { DomoAuth } from '../../auth/base.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { checkId, checkUuid } from '../../internal/input.js';
import { FilesetSchema, FilesetSearchSchema, type Fileset } from './schemas.js';

/** Filesets one search page answers at most (DS pages at 100). */
export const FILESET_PAGE = 100;

/**
 * One fileset with its owner.
 *
 * Endpoint: `GET /api/files/v1/filesets/{id}`
 * @throws {DomoNotFoundError} no such fileset, or not visible to the caller
 */
export async function getFileset(auth: DomoAuth, id: string, options?: RequestOptions): Promise<DomoResponse<Fileset>> {
  const filesetId = checkUuid(id, 'a fileset', 'id', 'getFileset');
  return auth.transport.request(
    {
      route: 'getFileset',
      method: 'GET',
      path: `/api/files/v1/filesets/${filesetId}`,
      schema: FilesetSchema,
      notFoundHint: `fileset ${filesetId} not found or not visible to you`,
    },
    options,
  );
}

/**
 * One page of filesets: every one, or those `ownedBy` owns (a server filter: re-check the rows). Sorted by name
 * **(inference: DS sorts by `updated`, which an ownership write changes — a paged read during transfers could skip
 * rows)**.
 *
 * Endpoint: `POST /api/files/v1/filesets/search?offset&limit` with `{ filters: [{ field: "owner", value: [id], not:
 * false, operator: "EQUALS" }], fieldSort: [{ field: "name", order: "ASC" }], dateFilters: [] }` (DS)
 */
export async function searchFilesets(
  auth: DomoAuth,
  query: { ownedBy?: number; offset?: number; limit?: number } = {},
  options?: RequestOptions,
): Promise<DomoResponse<{ rows: Fileset[]; total: number | undefined }>> {
  const owner = query.ownedBy === undefined ? undefined : checkId(query.ownedBy, 'ownedBy', 'searchFilesets');
  const response = await auth.transport.request(
    {
      route: 'searchFilesets',
      method: 'POST',
      path: '/api/files/v1/filesets/search',
      query: {
        offset: String(query.offset ?? 0),
        limit: String(Math.min(query.limit ?? FILESET_PAGE, FILESET_PAGE)),
      },
      json: {
        filters: owner === undefined ? [] : [{ field: 'owner', value: [owner], not: false, operator: 'EQUALS' }],
        fieldSort: [{ field: 'name', order: 'ASC' }],
        dateFilters: [],
      },
      schema: FilesetSearchSchema,
      readOnly: true,
      idempotent: true,
    },
    options,
  );
  return { status: response.status, data: { rows: response.data.filesets, total: response.data.total ?? undefined } };
}

/**
 * Gives a fileset a new owner.
 *
 * Endpoint: `POST /api/files/v1/filesets/{id}/ownership` with body `{ userId }` (DS)
 */
export async function setFilesetOwner(
  auth: DomoAuth,
  id: string,
  owner: number,
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  const filesetId = checkUuid(id, 'a fileset', 'id', 'setFilesetOwner');
  const userId = checkId(owner, 'owner', 'setFilesetOwner');
  return auth.transport.request(
    {
      route: 'setFilesetOwner',
      method: 'POST',
      path: `/api/files/v1/filesets/${filesetId}/ownership`,
      json: { userId },
      idempotent: true,
    },
    options,
  );
}
