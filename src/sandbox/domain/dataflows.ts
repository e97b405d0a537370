import { badRequest, notFound } from '../errors.js';
import type { SandboxDataflow } from '../model.js';
import type { SandboxState } from '../state.js';
import { liveOwner, setOwner } from './owned.js';

/** Dataflows one bulk patch moves at most **(inference: DS sends every id at once; the sandbox caps it)**. */
export const DATAFLOW_PATCH_LIMIT = 100;

/** A dataflow by id, deleted ones included (Domo still answers for them). */
export function findDataflow(state: SandboxState, id: number): SandboxDataflow {
  const flow = state.dataflows.get(id);
  if (!flow) throw notFound(`dataflow ${id} not found`);
  return flow;
}

/**
 * `PUT /api/dataprocessing/v1/dataflows/bulk/patch` `{ dataFlowIds, responsibleUserId }`: every dataflow gets the
 * new owner, all or nothing; an unknown or deleted dataflow, or a user who is not live, is a 400.
 */
export function patchDataflowOwners(state: SandboxState, body: unknown, callerId: number): number {
  state.requireAuthority(callerId, 'dataflow.admin');
  const input = (typeof body === 'object' && body !== null ? body : {}) as {
    dataFlowIds?: unknown;
    responsibleUserId?: unknown;
  };
  if (!Array.isArray(input.dataFlowIds) || input.dataFlowIds.length === 0)
    throw badRequest('dataFlowIds must be a non-empty array');
  if (input.dataFlowIds.length > DATAFLOW_PATCH_LIMIT)
    throw badRequest(`at most ${DATAFLOW_PATCH_LIMIT} dataFlowIds per request`);
  const user = liveOwner(state, input.responsibleUserId, 'responsibleUserId');
  const flows = input.dataFlowIds.map((id) => {
    const flow = findDataflow(state, Number(id));
    if (flow.deleted) throw badRequest(`dataflow ${flow.id} is deleted`);
    return flow;
  });
  for (const flow of flows) setOwner(state, flow, user.id);
  return flows.length;
}
