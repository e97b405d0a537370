import { badRequest } from '../errors.js';
import type { SandboxWorkflow } from '../model.js';
import type { SandboxState } from '../state.js';
import { byNameQuery, findOwned, indexedOwner, writeOwner } from './owned.js';

export const findWorkflow = (state: SandboxState, id: string): SandboxWorkflow =>
  findOwned(state.workflows, id, 'workflow');

/** Workflows as the datacenter search lists them (`entityList: [["workflow_model"]]`): owners from the lagging index. */
export function searchWorkflowRows(state: SandboxState, owner: string | undefined, query: unknown) {
  return byNameQuery(state.workflows.values(), query)
    .filter((w) => owner === undefined || `${indexedOwner(state, w)}:USER` === owner)
    .map((w) => ({
      uuid: w.id,
      name: w.name,
      entityType: 'WORKFLOW_MODEL',
      ownedById: String(indexedOwner(state, w)),
    }));
}

/**
 * `PUT /api/workflow/v1/models/{id}` with the whole model: a model without its steps, or with a different name, is
 * a 400 (a partial body would wipe the definition); the owner (a string of digits) must be a live user.
 */
export function putWorkflow(state: SandboxState, id: string, body: unknown, callerId: number): SandboxWorkflow {
  const workflow = findWorkflow(state, id);
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!Array.isArray(input.steps)) throw badRequest('the model must be sent whole (steps missing)');
  if (input.name !== workflow.name) throw badRequest('name does not match the model');
  writeOwner(state, workflow, input.owner, 'owner', 'workflow.admin', callerId);
  workflow.steps = (input.steps as unknown[]).map(String);
  return workflow;
}
