import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError, DomoNotFoundError } from '../../client/errors.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { checkId, checkIds } from '../../internal/input.js';
import { searchEntity, type SearchQuery } from '../search.js';
import { DataflowSchema, DataflowSearchRowSchema, type Dataflow, type DataflowSearchRow } from './schemas.js';

/** Dataflows one ownership write moves at most (DS sends them all at once; 50 keeps a failure small). */
export const DATAFLOW_PATCH_BATCH = 50;

/**
 * One dataflow: name, owner (the responsible user), input and output datasets.
 *
 * Endpoint: `GET /api/dataprocessing/v1/dataflows/{id}`
 * @remarks A deleted dataflow answers 200 with `deleted: true` (DS trap): this route reports it as not found, so a
 * deleted dataflow is never mistaken for a live one.
 * @throws {DomoNotFoundError} no such dataflow, not visible to the caller, or deleted
 * @example
 * ```ts
 * const { data: flow } = await getDataflow(auth, 42);
 * ```
 */
export async function getDataflow(
  auth: DomoAuth,
  id: number,
  options?: RequestOptions,
): Promise<DomoResponse<Dataflow>> {
  const dataflowId = checkId(id, 'id', 'getDataflow');
  const response = await auth.transport.request(
    {
      route: 'getDataflow',
      method: 'GET',
      path: `/api/dataprocessing/v1/dataflows/${dataflowId}`,
      schema: DataflowSchema,
      notFoundHint: `dataflow ${dataflowId} not found or not visible to you`,
    },
    options,
  );
  if (response.data.deleted === true)
    throw new DomoNotFoundError({
      status: 404,
      route: 'getDataflow',
      hint: `dataflow ${dataflowId} is deleted (Domo answered 200 with deleted: true)`,
    });
  return response;
}

/**
 * One page of dataflows from the datacenter search: every one, those matching `text`, or those the index says
 * `ownedBy` owns (lagging ownership writes: re-read before acting).
 *
 * Endpoint: `POST /api/search/v1/query` with `{ entities: ["DATAFLOW"], filters: [{ field: "owned_by_id",
 * filterType: "term", value: "<id>" }], query, count, offset }` (DS)
 */
export async function searchDataflows(
  auth: DomoAuth,
  query: SearchQuery = {},
  options?: RequestOptions,
): Promise<DomoResponse<{ rows: DataflowSearchRow[]; total: number | undefined }>> {
  return searchEntity(
    auth,
    { route: 'searchDataflows', shape: 'entities', entity: 'DATAFLOW', ownerValue: String },
    DataflowSearchRowSchema,
    query,
    options,
  );
}

/**
 * Makes `userId` the owner (responsible user) of up to {@link DATAFLOW_PATCH_BATCH} dataflows. Read them back to
 * know it happened.
 *
 * Endpoint: `PUT /api/dataprocessing/v1/dataflows/bulk/patch` with body `{ dataFlowIds, responsibleUserId }` (DS)
 * @throws {DomoInputError} no ids, too many, or a malformed id or user id (nothing sent)
 */
export async function setDataflowsOwner(
  auth: DomoAuth,
  ids: readonly number[],
  userId: number,
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  const dataFlowIds = checkIds(ids, 'ids', 'setDataflowsOwner');
  if (dataFlowIds.length > DATAFLOW_PATCH_BATCH)
    throw new DomoInputError(`at most ${DATAFLOW_PATCH_BATCH} dataflows per write, got ${dataFlowIds.length}`, {
      field: 'ids',
      route: 'setDataflowsOwner',
    });
  const responsibleUserId = checkId(userId, 'userId', 'setDataflowsOwner');
  return auth.transport.request(
    {
      route: 'setDataflowsOwner',
      method: 'PUT',
      path: '/api/dataprocessing/v1/dataflows/bulk/patch',
      json: { dataFlowIds, responsibleUserId },
    },
    options,
  );
}
