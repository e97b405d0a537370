import { logActivity } from '../domain/activity.js';
import type { HttpHandler } from 'msw';
import { objectBody } from '../domain/roles.js';
import { v2UserView } from '../views.js';
import { endpoint, json, type SandboxScope } from './kit.js';

/** Login and who-am-i. */
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
        const sessionToken = state.openSession(user.id);
        user.lastActivity = state.now();
        user.lastLogin = user.lastActivity;
        logActivity(state, user.id, {
          actionType: 'LOGGEDIN',
          objectType: 'USER',
          objectId: user.id,
          objectName: user.displayName,
        });
        return json({ success: true, sessionToken, userId: user.id });
      },
      { anonymous: true },
    ),
    endpoint(scope, 'GET', '/api/content/v2/users/me', (ctx) => json(v2UserView(state, state.user(ctx.userId)))),
  ];
}
