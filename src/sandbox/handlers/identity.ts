import type { HttpHandler } from 'msw';
import { notFound } from '../errors.js';
import { objectBody, setUserRole } from '../domain/roles.js';
import { groupView, userView } from '../views.js';
import { empty, endpoint, json, type SandboxScope } from './kit.js';

/** Login, who-am-i, users and groups. */
export function identityHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(
      scope,
      'POST',
      '/api/content/v2/authentication',
      async (ctx) => {
        const body = objectBody(await ctx.json());
        const user = [...state.users.values()].find(
          (u) =>
            typeof body.emailAddress === 'string' && u.emailAddress.toLowerCase() === body.emailAddress.toLowerCase(),
        );
        if (!user || body.password !== user.password || body.method !== 'password')
          return json({ success: false, reason: 'INVALID_CREDENTIALS' });
        if (user.locked) return json({ success: false, reason: 'ACCOUNT_LOCKED' });
        const sessionToken = `sbx-session-${state.random.hex(32)}`;
        state.sessions.set(sessionToken, user.id);
        return json({ success: true, sessionToken, userId: user.id });
      },
      { anonymous: true },
    ),
    endpoint(scope, 'GET', '/api/content/v2/users/me', (ctx) => json(userView(state.user(ctx.userId)))),
    endpoint(scope, 'GET', '/api/content/v2/users/:id', (ctx) => {
      const user = state.users.get(ctx.id());
      return user ? json(userView(user)) : empty(200);
    }),
    endpoint(scope, 'GET', '/api/content/v3/users/:id', (ctx) => {
      const user = state.users.get(ctx.id());
      if (!user) throw notFound(`user ${ctx.params.id} not found`);
      return json({ ...userView(user), detail: { department: user.department ?? null, title: user.jobTitle ?? null } });
    }),
    endpoint(scope, 'PATCH', '/api/identity/v1/users/:id', async (ctx) => {
      setUserRole(state, ctx.id(), await ctx.json(), ctx.userId);
      ctx.applied();
      const user = state.user(ctx.id());
      return json({ ...userView(user), attributes: [{ key: 'roleId', values: [user.roleId] }] });
    }),
    endpoint(scope, 'GET', '/api/content/v2/groups/:id', (ctx) => {
      const group = state.groups.get(ctx.id());
      if (!group) throw notFound(`group ${ctx.params.id} not found`);
      return json(groupView(group));
    }),
  ];
}
