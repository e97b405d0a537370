import type { DomoAuth } from '../../auth/base.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { checkId, checkUuid } from '../../internal/input.js';
import {
  AppDbCollectionPageSchema,
  AppDbCollectionSchema,
  AppDbDatastoreSchema,
  type AppDbCollection,
  type AppDbDatastore,
} from './schemas.js';

/** Collections one query page answers at most (DS pages at 100). */
export const APPDB_PAGE = 100;

/**
 * One AppDB collection with its owner and datastore.
 *
 * Endpoint: `GET /api/datastores/v1/collections/{id}`
 * @throws {DomoNotFoundError} no such collection, or not visible to the caller
 */
export async function getAppDbCollection(
  auth: DomoAuth,
  id: string,
  options?: RequestOptions,
): Promise<DomoResponse<AppDbCollection>> {
  const collectionId = checkUuid(id, 'an AppDB collection', 'id', 'getAppDbCollection');
  return auth.transport.request(
    {
      route: 'getAppDbCollection',
      method: 'GET',
      path: `/api/datastores/v1/collections/${collectionId}`,
      schema: AppDbCollectionSchema,
      notFoundHint: `AppDB collection ${collectionId} not found or not visible to you`,
    },
    options,
  );
}

/**
 * One page of AppDB collections: every one, or those `ownedBy` owns (a server filter: re-check the rows). Pages are
 * numbered from 1; the answer has no total, so a page shorter than `pageSize` is the last.
 *
 * Endpoint: `POST /api/datastores/v1/collections/query` with `{ collectionFilteringList: [{ filterType: "ownedby",
 * comparingCriteria: "equals", typedValue: <id> }], pageSize, pageNumber }` (DS)
 */
export async function queryAppDbCollections(
  auth: DomoAuth,
  query: { ownedBy?: number; pageNumber?: number; pageSize?: number } = {},
  options?: RequestOptions,
): Promise<DomoResponse<AppDbCollection[]>> {
  const owner = query.ownedBy === undefined ? undefined : checkId(query.ownedBy, 'ownedBy', 'queryAppDbCollections');
  const response = await auth.transport.request(
    {
      route: 'queryAppDbCollections',
      method: 'POST',
      path: '/api/datastores/v1/collections/query',
      json: {
        collectionFilteringList:
          owner === undefined ? [] : [{ filterType: 'ownedby', comparingCriteria: 'equals', typedValue: owner }],
        pageSize: Math.min(query.pageSize ?? APPDB_PAGE, APPDB_PAGE),
        pageNumber: query.pageNumber ?? 1,
      },
      schema: AppDbCollectionPageSchema,
      readOnly: true,
      idempotent: true,
    },
    options,
  );
  return { status: response.status, data: response.data.collections };
}

/**
 * Gives an AppDB collection a new owner. Read it back to know it happened: Domo answers 200 to owner writes it
 * ignores (DS: datastore owner writes).
 *
 * Endpoint: `PUT /api/datastores/v1/collections/{id}` with body `{ id, owner }` (DS)
 */
export async function setAppDbCollectionOwner(
  auth: DomoAuth,
  id: string,
  owner: number,
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  const collectionId = checkUuid(id, 'an AppDB collection', 'id', 'setAppDbCollectionOwner');
  const ownerId = checkId(owner, 'owner', 'setAppDbCollectionOwner');
  return auth.transport.request(
    {
      route: 'setAppDbCollectionOwner',
      method: 'PUT',
      path: `/api/datastores/v1/collections/${collectionId}`,
      json: { id: collectionId, owner: ownerId },
    },
    options,
  );
}

/**
 * One datastore (the store an app's collections live in) with its owner. Its owner cannot be changed through the
 * API: Domo answers 200 to the write and changes nothing (DS), so domo-admin never sends it; a datastore owned by a
 * leaver is reported, not moved.
 *
 * Endpoint: `GET /api/datastores/v1/{id}`
 */
export async function getAppDbDatastore(
  auth: DomoAuth,
  id: string,
  options?: RequestOptions,
): Promise<DomoResponse<AppDbDatastore>> {
  const datastoreId = checkUuid(id, 'a datastore', 'id', 'getAppDbDatastore');
  return auth.transport.request(
    {
      route: 'getAppDbDatastore',
      method: 'GET',
      path: `/api/datastores/v1/${datastoreId}`,
      schema: AppDbDatastoreSchema,
      notFoundHint: `datastore ${datastoreId} not found or not visible to you`,
    },
    options,
  );
}
