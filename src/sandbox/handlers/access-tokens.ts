import type { HttpHandler } from 'msw';
import { createAccessToken, listAccessTokens, revokeAccessToken } from '../domain/access-tokens.js';
import type { SandboxAccessToken } from '../model.js';
import type { SandboxState } from '../state.js';
import { empty, endpoint, json, type SandboxScope } from './kit.js';

/** A token as the admin list shows it (DL, DS, GDG): never its value; `ownerName` null once the owner is deleted. */
function tokenView(state: SandboxState, token: SandboxAccessToken) {
  const owner = state.users.get(token.ownerId);
  return {
    id: token.id,
    name: token.name,
    ownerId: token.ownerId,
    ownerName: owner && !owner.deleted ? owner.displayName : null,
    ownerEmail: owner?.emailAddress ?? null,
    expires: token.expires,
  };
}

/** Access tokens: the list (the whole instance, one array), create (the value answered once) and revoke. */
export function accessTokenHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', '/api/data/v1/accesstokens', (ctx) =>
      json(listAccessTokens(state, ctx.userId).map((token) => tokenView(state, token))),
    ),
    endpoint(scope, 'POST', '/api/data/v1/accesstokens', async (ctx) => {
      const token = createAccessToken(state, await ctx.json(), ctx.userId);
      ctx.applied();
      return json({ ...tokenView(state, token), token: token.value });
    }),
    endpoint(scope, 'DELETE', '/api/data/v1/accesstokens/:id', (ctx) => {
      revokeAccessToken(state, ctx.params.id as string, ctx.userId);
      ctx.applied();
      return empty(204);
    }),
  ];
}
