import type { HttpHandler } from 'msw';
import { findWorkflow, putWorkflow } from '../domain/workflows.js';
import type { SandboxWorkflow } from '../model.js';
import { endpoint, json, type SandboxScope } from './kit.js';

/** A workflow model: the owner as a string of digits, its steps (the definition). */
function workflowView(w: SandboxWorkflow) {
  return {
    id: w.id,
    name: w.name,
    owner: String(w.ownerId),
    description: w.description,
    steps: [...w.steps],
    createdOn: w.createdAt,
    updatedOn: w.lastModified,
  };
}

/** Workflows: the model read and the whole-model write (discovery is the datacenter search, in `search.ts`). */
export function workflowHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', '/api/workflow/v1/models/:id', (ctx) =>
      json(workflowView(findWorkflow(state, ctx.params.id as string))),
    ),
    endpoint(scope, 'PUT', '/api/workflow/v1/models/:id', async (ctx) => {
      const workflow = putWorkflow(state, ctx.params.id as string, await ctx.json(), ctx.userId);
      ctx.applied();
      return json(workflowView(workflow));
    }),
  ];
}
