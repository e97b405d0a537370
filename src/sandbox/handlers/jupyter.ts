import type { HttpHandler } from 'msw';
import { changeWorkspaceOwner, findWorkspace, searchWorkspaces } from '../domain/jupyter.js';
import { pageOfRows } from '../domain/owned.js';
import { objectBody } from '../domain/roles.js';
import type { SandboxUuidOwned } from '../model.js';
import { endpoint, json, type SandboxScope } from './kit.js';

function workspaceView(w: SandboxUuidOwned) {
  return { id: w.id, name: w.name, owner: w.ownerId, createdAt: w.createdAt, updatedAt: w.lastModified };
}

/** Jupyter workspaces: the search (owner filter), the read and the ownership write. */
export function jupyterHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'POST', '/api/datascience/v1/search/workspaces', async (ctx) => {
      const body = objectBody(await ctx.json());
      const rows = searchWorkspaces(state, body);
      return json({
        workspaces: pageOfRows(rows, body.offset, body.limit, 100).map(workspaceView),
        totalWorkspaces: rows.length,
      });
    }),
    endpoint(scope, 'GET', '/api/datascience/v1/workspaces/:id', (ctx) =>
      json(workspaceView(findWorkspace(state, ctx.params.id as string))),
    ),
    endpoint(scope, 'PUT', '/api/datascience/v1/workspaces/:id/ownership', async (ctx) => {
      changeWorkspaceOwner(state, ctx.params.id as string, await ctx.json(), ctx.userId);
      ctx.applied();
      return json({ ok: true });
    }),
  ];
}
