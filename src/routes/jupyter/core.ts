import type { DomoAuth } from '../../auth/base.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { checkId, checkUuid } from '../../internal/input.js';
import { JupyterSearchSchema, JupyterWorkspaceSchema, type JupyterWorkspace } from './schemas.js';

/** Workspaces one search page answers at most (DS pages at 100). */
export const JUPYTER_PAGE = 100;

/**
 * One Jupyter workspace with its owner.
 *
 * Endpoint: `GET /api/datascience/v1/workspaces/{id}`
 * @throws {DomoNotFoundError} no such workspace, or not visible to the caller
 */
export async function getJupyterWorkspace(
  auth: DomoAuth,
  id: string,
  options?: RequestOptions,
): Promise<DomoResponse<JupyterWorkspace>> {
  const workspaceId = checkUuid(id, 'a Jupyter workspace', 'id', 'getJupyterWorkspace');
  return auth.transport.request(
    {
      route: 'getJupyterWorkspace',
      method: 'GET',
      path: `/api/datascience/v1/workspaces/${workspaceId}`,
      schema: JupyterWorkspaceSchema,
      notFoundHint: `Jupyter workspace ${workspaceId} not found or not visible to you`,
    },
    options,
  );
}

/**
 * One page of Jupyter workspaces: every one, or those `ownedBy` owns (a server filter: re-check the rows).
 *
 * Endpoint: `POST /api/datascience/v1/search/workspaces` with `{ sortFieldMap: { LAST_RUN: "DESC" }, searchFieldMap:
 * {}, filters: [{ type: "OWNER", values: [id] }], offset, limit }` (DS)
 */
export async function searchJupyterWorkspaces(
  auth: DomoAuth,
  query: { ownedBy?: number; offset?: number; limit?: number } = {},
  options?: RequestOptions,
): Promise<DomoResponse<{ rows: JupyterWorkspace[]; total: number | undefined }>> {
  const owner = query.ownedBy === undefined ? undefined : checkId(query.ownedBy, 'ownedBy', 'searchJupyterWorkspaces');
  const response = await auth.transport.request(
    {
      route: 'searchJupyterWorkspaces',
      method: 'POST',
      path: '/api/datascience/v1/search/workspaces',
      json: {
        sortFieldMap: { LAST_RUN: 'DESC' },
        searchFieldMap: {},
        filters: owner === undefined ? [] : [{ type: 'OWNER', values: [owner] }],
        offset: query.offset ?? 0,
        limit: Math.min(query.limit ?? JUPYTER_PAGE, JUPYTER_PAGE),
      },
      schema: JupyterSearchSchema,
      readOnly: true,
      idempotent: true,
    },
    options,
  );
  return {
    status: response.status,
    data: { rows: response.data.workspaces, total: response.data.totalWorkspaces ?? undefined },
  };
}

/**
 * Gives a Jupyter workspace a new owner.
 *
 * Endpoint: `PUT /api/datascience/v1/workspaces/{id}/ownership` with body `{ newOwnerId }` (DS)
 */
export async function setJupyterWorkspaceOwner(
  auth: DomoAuth,
  id: string,
  owner: number,
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  const workspaceId = checkUuid(id, 'a Jupyter workspace', 'id', 'setJupyterWorkspaceOwner');
  const newOwnerId = checkId(owner, 'owner', 'setJupyterWorkspaceOwner');
  return auth.transport.request(
    {
      route: 'setJupyterWorkspaceOwner',
      method: 'PUT',
      path: `/api/datascience/v1/workspaces/${workspaceId}/ownership`,
      json: { newOwnerId },
    },
    options,
  );
}
