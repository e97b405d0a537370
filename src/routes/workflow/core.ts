import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError } from '../../client/errors.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { checkId, checkUuid, describe } from '../../internal/input.js';
import { searchEntity, type SearchQuery } from '../search.js';
import { WorkflowSchema, WorkflowSearchRowSchema, type Workflow, type WorkflowSearchRow } from './schemas.js';

/**
 * One workflow model: its whole definition, with its owner.
 *
 * Endpoint: `GET /api/workflow/v1/models/{id}`
 * @throws {DomoNotFoundError} no such workflow, or not visible to the caller
 */
export async function getWorkflow(
  auth: DomoAuth,
  id: string,
  options?: RequestOptions,
): Promise<DomoResponse<Workflow>> {
  const workflowId = checkUuid(id, 'a workflow', 'id', 'getWorkflow');
  return auth.transport.request(
    {
      route: 'getWorkflow',
      method: 'GET',
      path: `/api/workflow/v1/models/${workflowId}`,
      schema: WorkflowSchema,
      notFoundHint: `workflow ${workflowId} not found or not visible to you`,
    },
    options,
  );
}

/**
 * One page of workflows from the datacenter search (owners from the lagging index: re-read before acting).
 *
 * Endpoint: `POST /api/search/v1/query` with `{ entityList: [["workflow_model"]], filters: [{ facetType: "user",
 * filterType: "term", field: "owned_by_id", value: "<id>:USER" }], query, count, offset }` (DS)
 */
export async function searchWorkflows(
  auth: DomoAuth,
  query: SearchQuery = {},
  options?: RequestOptions,
): Promise<DomoResponse<{ rows: WorkflowSearchRow[]; total: number | undefined }>> {
  return searchEntity(
    auth,
    { route: 'searchWorkflows', shape: 'entityList', entity: 'workflow_model', ownerValue: (id) => `${id}:USER` },
    WorkflowSearchRowSchema,
    query,
    options,
  );
}

/**
 * Gives a workflow a new owner: the whole definition as just read goes back with `owner` swapped (the model has no
 * owner-only write, DS), so read it right before and read it back after.
 *
 * Endpoint: `PUT /api/workflow/v1/models/{id}` with the model as read, `owner` = the new owner's id as a string (DS)
 * @throws {DomoInputError} no definition, one of another workflow, or a malformed owner (nothing sent)
 */
export async function setWorkflowOwner(
  auth: DomoAuth,
  model: Readonly<Record<string, unknown>>,
  owner: number,
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  if (typeof model !== 'object' || model === null || Array.isArray(model))
    throw new DomoInputError(`setWorkflowOwner needs the workflow as just read, got ${describe(model)}`, {
      field: 'model',
      route: 'setWorkflowOwner',
    });
  const workflowId = checkUuid(model.id, 'a workflow', 'model.id', 'setWorkflowOwner');
  const ownerId = checkId(owner, 'owner', 'setWorkflowOwner');
  return auth.transport.request(
    {
      route: 'setWorkflowOwner',
      method: 'PUT',
      path: `/api/workflow/v1/models/${workflowId}`,
      json: { ...model, owner: String(ownerId) },
    },
    options,
  );
}
