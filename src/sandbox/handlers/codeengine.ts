import type { HttpHandler } from 'msw';
import { findPackage, updatePackage } from '../domain/codeengine.js';
import type { SandboxCodePackage } from '../model.js';
import { endpoint, json, type SandboxScope } from './kit.js';

function packageView(p: SandboxCodePackage) {
  return {
    id: p.id,
    name: p.name,
    owner: p.ownerId,
    language: p.language,
    createdOn: p.createdAt,
    updatedOn: p.lastModified,
  };
}

/** Code Engine packages: the read and the update (discovery is the datacenter search, in `search.ts`). */
export function codeEngineHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', '/api/codeengine/v2/packages/:id', (ctx) =>
      json(packageView(findPackage(state, ctx.params.id as string))),
    ),
    endpoint(scope, 'PUT', '/api/codeengine/v2/packages/:id', async (ctx) => {
      const pkg = updatePackage(state, ctx.params.id as string, await ctx.json(), ctx.userId);
      ctx.applied();
      return json(packageView(pkg));
    }),
  ];
}
