import type { HttpHandler } from 'msw';
import { changeFilesetOwner, findFileset, searchFilesets } from '../domain/filesets.js';
import { pageOfRows } from '../domain/owned.js';
import { objectBody } from '../domain/roles.js';
import type { SandboxUuidOwned } from '../model.js';
import { endpoint, json, type SandboxScope } from './kit.js';

function filesetView(f: SandboxUuidOwned) {
  return { id: f.id, name: f.name, owner: f.ownerId, created: f.createdAt, updated: f.lastModified };
}

/** Filesets: the search (owner filter, offset and limit in the query string), the read and the ownership write. */
export function filesetHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'POST', '/api/files/v1/filesets/search', async (ctx) => {
      const rows = searchFilesets(state, objectBody(await ctx.json()));
      const q = ctx.url.searchParams;
      return json({
        filesets: pageOfRows(rows, q.get('offset'), q.get('limit'), 100).map(filesetView),
        total: rows.length,
      });
    }),
    endpoint(scope, 'GET', '/api/files/v1/filesets/:id', (ctx) =>
      json(filesetView(findFileset(state, ctx.params.id as string))),
    ),
    endpoint(scope, 'POST', '/api/files/v1/filesets/:id/ownership', async (ctx) => {
      changeFilesetOwner(state, ctx.params.id as string, await ctx.json(), ctx.userId);
      ctx.applied();
      return json({ ok: true });
    }),
  ];
}
