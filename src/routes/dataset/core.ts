import { z } from 'zod';
import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError } from '../../client/errors.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { path } from '../../client/path.js';
import { checkId, describe } from '../../internal/input.js';
import {
  AccountDatasetSchema,
  DATASET_ID,
  DatasetPermissionsSchema,
  DatasetSchema,
  DatasetSearchPageSchema,
  OwnedBySchema,
  type DatasetSearchRow,
  type AccountDataset,
  type Dataset,
  type DatasetAccessEntry,
} from './schemas.js';

/** Datasets one bulk reassign moves at once: more are sent in batches of this many (DS). */
export const DATASET_REASSIGN_BATCH = 50;

const AccountDatasetListSchema = z.array(AccountDatasetSchema);
/** The bulk read's answer: an array **(inference: PM shows the request, no answer)**, or `{ dataSources }`. */
const DatasetBulkSchema = z.union([
  z.array(DatasetSchema),
  z.looseObject({ dataSources: z.array(DatasetSchema) }).transform((body) => body.dataSources),
]);

/** Datasets one bulk read asks for at once. */
export const DATASET_READ_BATCH = 50;

/** Checks a dataset id: a UUID string (trimmed, lower-cased). */
export function checkDatasetId(value: unknown, field = 'id', route?: string): string {
  if (typeof value === 'string' && DATASET_ID.test(value.trim())) return value.trim().toLowerCase();
  throw new DomoInputError(`${field} must be a dataset id (a UUID), got ${describe(value)}`, { field, route });
}

const datasetNotFound = (id: string) => `dataset ${id} not found or not shared with you`;

/**
 * One dataset: name, owner (the responsible user), provider, the account it loads with, row count, times.
 *
 * Endpoint: `GET /api/data/v3/datasources/{id}`
 * @throws {DomoNotFoundError} no such dataset, or not shared with the caller (403 and 404 alike)
 * @example
 * ```ts
 * const { data: dataset } = await getDataset(auth, 'd0c1…');
 * dataset.owner?.id;
 * ```
 */
export async function getDataset(auth: DomoAuth, id: string, options?: RequestOptions): Promise<DomoResponse<Dataset>> {
  const datasetId = checkDatasetId(id, 'id', 'getDataset');
  return auth.transport.request(
    {
      route: 'getDataset',
      method: 'GET',
      path: path`/api/data/v3/datasources/${datasetId}`,
      schema: DatasetSchema,
      notFoundHint: datasetNotFound(datasetId),
      forbiddenMeansNotFound: true,
    },
    options,
  );
}

/**
 * Up to {@link DATASET_READ_BATCH} datasets in one request. Ids Domo does not answer for (unknown, or not shared
 * with the caller) are simply missing from the answer: compare with what was asked.
 *
 * Endpoint: `POST /api/data/v3/datasources/bulk?includePrivate=true&includeAllDetails=true` with body `[ids]` (PM)
 * @remarks A read sent as a POST: marked read-only.
 * @throws {DomoInputError} no ids, more than {@link DATASET_READ_BATCH}, a malformed id (nothing sent)
 */
export async function getDatasets(
  auth: DomoAuth,
  ids: readonly string[],
  options?: RequestOptions,
): Promise<DomoResponse<Dataset[]>> {
  const checked = checkDatasetIds(ids, DATASET_READ_BATCH, 'getDatasets');
  return auth.transport.request(
    {
      route: 'getDatasets',
      method: 'POST',
      path: '/api/data/v3/datasources/bulk',
      query: { includePrivate: true, includeAllDetails: true },
      json: checked,
      schema: DatasetBulkSchema,
      readOnly: true,
      idempotent: true,
    },
    options,
  );
}

/** 1 to `max` dataset ids, checked, duplicates removed (order kept). */
function checkDatasetIds(ids: readonly string[], max: number, route: string): string[] {
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > max)
    throw new DomoInputError(`ids must be 1 to ${max} dataset ids, got ${describe(ids)}`, { field: 'ids', route });
  return [...new Set(ids.map((id, index) => checkDatasetId(id, `ids[${index}]`, route)))];
}

/**
 * The ids of the datasets a user owns (is the responsible user of). Exhaustive: one answer lists every one.
 *
 * Endpoint: `POST /api/data/ui/v3/datasources/ownedBy` with body `[{ id, type: "USER" }]` (DS)
 * @remarks A read sent as a POST: marked read-only (a dry run lets it through, retries are safe).
 * @example
 * ```ts
 * const { data: ids } = await getDatasetsOwnedBy(auth, 1893952720);
 * ```
 */
export async function getDatasetsOwnedBy(
  auth: DomoAuth,
  userId: number,
  options?: RequestOptions,
): Promise<DomoResponse<string[]>> {
  const id = checkId(userId, 'userId', 'getDatasetsOwnedBy');
  const response = await auth.transport.request(
    {
      route: 'getDatasetsOwnedBy',
      method: 'POST',
      path: '/api/data/ui/v3/datasources/ownedBy',
      json: [{ id: String(id), type: 'USER' }],
      schema: OwnedBySchema,
      readOnly: true,
      idempotent: true,
    },
    options,
  );
  return { status: response.status, data: [...new Set(response.data.flatMap((entry) => entry.dataSourceIds))] };
}

/**
 * Makes a user the owner of up to {@link DATASET_REASSIGN_BATCH} datasets at once. Domo answers before its read
 * side shows the change everywhere: verify by reading each dataset again ({@link getDataset}), never by search.
 *
 * Endpoint: `POST /api/data/v1/ui/bulk/reassign` with body `{ type: "DATA_SOURCE", ids, userId }` (DS; PM's
 * per-dataset alternative is `PUT /api/data/v2/datasources/{id}/responsibleUsers`)
 * @throws {DomoInputError} no ids, more than {@link DATASET_REASSIGN_BATCH}, a malformed id or user id (nothing sent)
 */
export async function reassignDatasets(
  auth: DomoAuth,
  ids: readonly string[],
  userId: number,
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  const route = 'reassignDatasets';
  const checked = checkDatasetIds(ids, DATASET_REASSIGN_BATCH, route);
  const user = checkId(userId, 'userId', route);
  return auth.transport.request(
    {
      route,
      method: 'POST',
      path: '/api/data/v1/ui/bulk/reassign',
      json: { type: 'DATA_SOURCE', ids: checked, userId: user },
      idempotent: true,
    },
    options,
  );
}

/**
 * Who can use a dataset: its owner (`OWNER`) and every user and group it is shared with.
 *
 * Endpoint: `GET /api/data/v3/datasources/{id}/permissions`
 * @throws {DomoNotFoundError} no such dataset, or not shared with the caller
 */
export async function getDatasetPermissions(
  auth: DomoAuth,
  id: string,
  options?: RequestOptions,
): Promise<DomoResponse<DatasetAccessEntry[]>> {
  const datasetId = checkDatasetId(id, 'id', 'getDatasetPermissions');
  return auth.transport.request(
    {
      route: 'getDatasetPermissions',
      method: 'GET',
      path: path`/api/data/v3/datasources/${datasetId}/permissions`,
      schema: DatasetPermissionsSchema,
      notFoundHint: datasetNotFound(datasetId),
      forbiddenMeansNotFound: true,
    },
    options,
  );
}

/**
 * The datasets a credential account loads: what stops updating when it is deleted or its secret rotated wrongly.
 *
 * Endpoint: `GET /api/data/v2/datasources/account/{accountId}` (PM)
 */
export async function getAccountDatasets(
  auth: DomoAuth,
  accountId: number,
  options?: RequestOptions,
): Promise<DomoResponse<AccountDataset[]>> {
  const id = checkId(accountId, 'accountId', 'getAccountDatasets');
  return auth.transport.request(
    {
      route: 'getAccountDatasets',
      method: 'GET',
      path: path`/api/data/v2/datasources/account/${id}`,
      schema: AccountDatasetListSchema,
      notFoundHint: `account ${id} not found or not shared with you`,
      forbiddenMeansNotFound: true,
    },
    options,
  );
}

/** Rows one search page answers at most (DL: "api enforced limit"). */
export const DATASET_SEARCH_PAGE = 100;

/**
 * One page of datasets from the datacenter search, `text` matched by Domo (`*` for every dataset). Page until
 * `total` (or a short page): the search answers at most {@link DATASET_SEARCH_PAGE} rows a request.
 *
 * Endpoint: `POST /api/search/v1/query` with body `{ entities: ["DATASET"], filters: [], combineResults: false,
 * query, count, offset }` (DL `search_datacenter`)
 * @remarks The owner a row shows comes from the search index, which lags ownership writes: never verify a
 * transfer through it.
 */
export async function searchDatasets(
  auth: DomoAuth,
  query: { text?: string; offset?: number; count?: number } = {},
  options?: RequestOptions,
): Promise<DomoResponse<{ rows: DatasetSearchRow[]; total: number | undefined }>> {
  const count = Math.min(query.count ?? DATASET_SEARCH_PAGE, DATASET_SEARCH_PAGE);
  const response = await auth.transport.request(
    {
      route: 'searchDatasets',
      method: 'POST',
      path: '/api/search/v1/query',
      json: {
        entities: ['DATASET'],
        filters: [],
        combineResults: false,
        query: query.text?.trim() || '*',
        count,
        offset: query.offset ?? 0,
      },
      schema: DatasetSearchPageSchema,
      readOnly: true,
      idempotent: true,
    },
    options,
  );
  return {
    status: response.status,
    data: { rows: response.data.searchObjects, total: response.data.totalResultCount },
  };
}

/** Access levels a dataset can be shared with (the owner is `OWNER`, not shared). */
export type DatasetShareLevel = 'CO_OWNER' | 'CAN_SHARE' | 'CAN_EDIT' | 'CAN_VIEW';
const SHARE_LEVELS: readonly string[] = ['CO_OWNER', 'CAN_SHARE', 'CAN_EDIT', 'CAN_VIEW'];

/**
 * Shares a dataset with users and groups (a principal already shared gets the new level). No email is sent.
 *
 * Endpoint: `POST /api/data/v3/datasources/{id}/share` with body `{ permissions: [{ type, id, accessLevel }],
 * sendEmail: false }` (domo-api-admin.md §1)
 * @throws {DomoInputError} a malformed id, principal or level (nothing sent)
 */
export async function shareDataset(
  auth: DomoAuth,
  id: string,
  permissions: readonly { type: 'USER' | 'GROUP'; id: number; accessLevel: DatasetShareLevel }[],
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  const route = 'shareDataset';
  const datasetId = checkDatasetId(id, 'id', route);
  if (!Array.isArray(permissions) || permissions.length === 0)
    throw new DomoInputError('permissions must be a non-empty array of { type, id, accessLevel }', {
      field: 'permissions',
      route,
    });
  const list: readonly { type: unknown; id: unknown; accessLevel: unknown }[] = permissions;
  const checked = list.map((p, index) => {
    if (
      (p.type !== 'USER' && p.type !== 'GROUP') ||
      typeof p.accessLevel !== 'string' ||
      !SHARE_LEVELS.includes(p.accessLevel)
    )
      throw new DomoInputError(
        `permissions[${index}] must be { type: USER|GROUP, id, accessLevel: ${SHARE_LEVELS.join('|')} }`,
        {
          field: 'permissions',
          route,
        },
      );
    return { type: p.type, id: String(checkId(p.id, `permissions[${index}].id`, route)), accessLevel: p.accessLevel };
  });
  return auth.transport.request(
    {
      route,
      method: 'POST',
      path: `/api/data/v3/datasources/${datasetId}/share`,
      json: { permissions: checked, sendEmail: false },
      idempotent: true,
    },
    options,
  );
}
