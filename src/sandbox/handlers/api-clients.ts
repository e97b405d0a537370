import type { HttpHandler } from 'msw';
import { listApiClients, revokeApiClient } from '../domain/api-clients.js';
import { empty, endpoint, json, type SandboxScope } from './kit.js';

/** API clients (`developer-tokens`): the list (a bare array, as DL reads it; never a secret) and revoke (204). */
export function apiClientHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', '/api/identity/v1/developer-tokens', (ctx) =>
      json(
        listApiClients(state, ctx.userId).map((c) => ({
          id: c.id,
          name: c.name,
          clientId: c.clientId,
          description: c.description,
          scopes: c.scopes,
          userId: c.userId,
        })),
      ),
    ),
    endpoint(scope, 'DELETE', '/api/identity/v1/developer-tokens/:id', (ctx) => {
      revokeApiClient(state, ctx.params.id as string, ctx.userId);
      ctx.applied();
      return empty(204);
    }),
  ];
}
