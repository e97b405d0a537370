import type { HttpHandler } from 'msw';
import { notFound } from '../errors.js';
import { endpoint, json, pageSize, type SandboxScope } from './kit.js';

/**
 * The admin session list and ending a session (GDG, MUO): the list is every open session of the instance (no user
 * filter) and never shows a token; ending one makes its token stop authenticating.
 */
export function sessionHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', '/api/sessions/v1/admin', (ctx) => {
      state.requireAuthority(ctx.userId, 'user.session.edit');
      const limit = pageSize(ctx.url.searchParams.get('limit') ?? 100, Number.MAX_SAFE_INTEGER);
      return json(
        [...state.sessionRecords].slice(0, limit).map(([id, s]) => ({ id, userId: s.userId, created: s.createdAt })),
      );
    }),
    endpoint(scope, 'DELETE', '/api/sessions/v1/admin/:id', (ctx) => {
      state.requireAuthority(ctx.userId, 'user.session.edit');
      const id = ctx.params.id as string;
      const record = state.sessionRecords.get(id);
      if (!record) throw notFound(`session ${id} not found`);
      state.sessionRecords.delete(id);
      state.sessions.delete(record.token);
      ctx.applied();
      return new Response(null, { status: 204 });
    }),
  ];
}
