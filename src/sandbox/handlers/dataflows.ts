import type { HttpHandler } from 'msw';
import { findDataflow, patchDataflowOwners } from '../domain/dataflows.js';
import { byNameQuery, indexedOwner } from '../domain/owned.js';
import type { SandboxDataflow } from '../model.js';
import type { SandboxState } from '../state.js';
import { endpoint, json, type SandboxScope } from './kit.js';

function datasetRefs(state: SandboxState, ids: readonly string[]) {
  return ids.map((id) => ({ dataSourceId: id, dataSourceName: state.datasets.get(id)?.name ?? null }));
}

/** A dataflow as its read answers: the responsible user, inputs and outputs, and `deleted` (true ones still answer). */
function dataflowView(state: SandboxState, flow: SandboxDataflow) {
  return {
    id: flow.id,
    name: flow.name,
    description: '',
    responsibleUserId: flow.ownerId,
    owner: String(flow.ownerId),
    inputs: datasetRefs(state, flow.inputIds),
    outputs: datasetRefs(state, flow.outputIds),
    databaseType: flow.databaseType,
    deleted: flow.deleted,
    created: flow.createdAt,
    modified: flow.lastModified,
  };
}

/** Dataflows as the datacenter search lists them (`entities: ["DATAFLOW"]`): owners from the lagging index. */
export function searchDataflowRows(state: SandboxState, ownedBy: string | undefined, query: unknown) {
  return byNameQuery(
    [...state.dataflows.values()].filter((f) => !f.deleted),
    query,
  )
    .filter((f) => ownedBy === undefined || String(indexedOwner(state, f)) === ownedBy)
    .map((f) => {
      const owner = indexedOwner(state, f);
      return {
        databaseId: String(f.id),
        entityType: 'DATAFLOW',
        name: f.name,
        ownedById: String(owner),
        ownedByName: state.users.get(owner)?.displayName ?? '',
        lastModified: f.lastModified,
      };
    });
}

/** Dataflows: the read (deleted ones answer 200 with `deleted: true`) and the bulk owner patch. */
export function dataflowHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', '/api/dataprocessing/v1/dataflows/:id', (ctx) =>
      json(dataflowView(state, findDataflow(state, ctx.id()))),
    ),
    endpoint(scope, 'PUT', '/api/dataprocessing/v1/dataflows/bulk/patch', async (ctx) => {
      const count = patchDataflowOwners(state, await ctx.json(), ctx.userId);
      ctx.applied();
      return json({ updated: count });
    }),
  ];
}
