import type { HttpHandler } from 'msw';
import { endSession, listSessions } from '../domain/sessions.js';
import { endpoint, json, pageSize, type SandboxScope } from './kit.js';

/**
 * The admin session list and ending a session (GDG, MUO): the list is every open session of the instance (no user
 * filter) and never shows a token; ending one makes its token stop working.
 */
export function sessionHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', '/api/sessions/v1/admin', (ctx) =>
      json(
        listSessions(state, ctx.userId, pageSize(ctx.url.searchParams.get('limit') ?? 100, Number.MAX_SAFE_INTEGER)),
      ),
    ),
    endpoint(scope, 'DELETE', '/api/sessions/v1/admin/:id', (ctx) => {
      endSession(state, ctx.params.id as string, ctx.userId);
      ctx.applied();
      return new Response(null, { status: 204 });
    }),
  ];
}
