import type { HttpHandler } from 'msw';
import { findBeastMode, searchBeastModes, updateBeastModes } from '../domain/beast-modes.js';
import { objectBody } from '../domain/roles.js';
import type { SandboxBeastMode } from '../model.js';
import { endpoint, json, pageSize, type SandboxScope } from './kit.js';

/** A function as its read and the search answer: owner as a number, links with their resources. */
function beastModeView(b: SandboxBeastMode) {
  return {
    id: b.id,
    name: b.name,
    owner: b.ownerId,
    global: b.global,
    expression: b.expression,
    links: b.links.map((l) => ({ ...l, resource: { ...l.resource } })),
    created: b.createdAt,
    lastModified: b.lastModified,
  };
}

/** Beast modes and variables: the template read, the (unstable) search, and the bulk template update. */
export function beastModeHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', '/api/query/v1/functions/template/:id', (ctx) =>
      json(beastModeView(findBeastMode(state, ctx.id()))),
    ),
    endpoint(scope, 'POST', '/api/query/v1/functions/search', async (ctx) => {
      const body = objectBody(await ctx.json());
      const limit = pageSize(body.limit ?? 100, 100);
      const offset = Math.max(0, Number(body.offset ?? 0) || 0);
      const rows = searchBeastModes(state, body);
      return json({ results: rows.slice(offset, offset + limit).map(beastModeView), totalHits: rows.length });
    }),
    endpoint(scope, 'POST', '/api/query/v1/functions/bulk/template', async (ctx) => {
      const count = updateBeastModes(state, await ctx.json(), ctx.userId);
      ctx.applied();
      return json({ updated: count });
    }),
  ];
}
