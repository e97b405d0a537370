import type { DomoAuth } from '../../auth/base.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { checkId, checkUuid } from '../../internal/input.js';
import { searchEntity, type SearchQuery } from '../search.js';
import {
  CodeEnginePackageSchema,
  CodeEngineSearchRowSchema,
  type CodeEnginePackage,
  type CodeEngineSearchRow,
} from './schemas.js';

/**
 * One Code Engine package with its owner.
 *
 * Endpoint: `GET /api/codeengine/v2/packages/{id}`
 * @throws {DomoNotFoundError} no such package, or not visible to the caller
 */
export async function getCodeEnginePackage(
  auth: DomoAuth,
  id: string,
  options?: RequestOptions,
): Promise<DomoResponse<CodeEnginePackage>> {
  const packageId = checkUuid(id, 'a Code Engine package', 'id', 'getCodeEnginePackage');
  return auth.transport.request(
    {
      route: 'getCodeEnginePackage',
      method: 'GET',
      path: `/api/codeengine/v2/packages/${packageId}`,
      schema: CodeEnginePackageSchema,
      notFoundHint: `Code Engine package ${packageId} not found or not visible to you`,
    },
    options,
  );
}

/**
 * One page of Code Engine packages from the datacenter search (owners from the lagging index: re-read before acting).
 *
 * Endpoint: `POST /api/search/v1/query` with `{ entityList: [["package"]], filters: [{ field: "owned_by_id",
 * filterType: "term", value: "<id>:USER" }], query, count, offset }` (DS)
 */
export async function searchCodeEnginePackages(
  auth: DomoAuth,
  query: SearchQuery = {},
  options?: RequestOptions,
): Promise<DomoResponse<{ rows: CodeEngineSearchRow[]; total: number | undefined }>> {
  return searchEntity(
    auth,
    { route: 'searchCodeEnginePackages', shape: 'entityList', entity: 'package', ownerValue: (id) => `${id}:USER` },
    CodeEngineSearchRowSchema,
    query,
    options,
  );
}

/**
 * Gives a Code Engine package a new owner.
 *
 * Endpoint: `PUT /api/codeengine/v2/packages/{id}` with body `{ owner }` (DS)
 */
export async function setCodeEnginePackageOwner(
  auth: DomoAuth,
  id: string,
  owner: number,
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  const packageId = checkUuid(id, 'a Code Engine package', 'id', 'setCodeEnginePackageOwner');
  const ownerId = checkId(owner, 'owner', 'setCodeEnginePackageOwner');
  return auth.transport.request(
    {
      route: 'setCodeEnginePackageOwner',
      method: 'PUT',
      path: `/api/codeengine/v2/packages/${packageId}`,
      json: { owner: ownerId },
    },
    options,
  );
}
