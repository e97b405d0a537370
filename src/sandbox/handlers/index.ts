import { http, type HttpHandler } from 'msw';
import type { SandboxState } from '../state.js';
import { accountHandlers } from './accounts.js';
import { identityHandlers } from './identity.js';
import { errorResponse } from './kit.js';
import { roleHandlers } from './roles.js';
import { templateHandlers } from './templates.js';

/**
 * msw request handlers that make `state` behave like a Domo instance. Paths are `*\/api/...`, so they answer
 * for any origin: use them with `setupServer` in-process, or behind {@link startSandbox} on loopback.
 *
 * @example
 * ```ts
 * const state = createSandboxState();
 * const server = setupServer(...createSandboxHandlers(state));
 * server.listen({ onUnhandledRequest: 'error' });
 * const auth = new DomoTokenAuth({ instance: state.instance, token: state.adminToken });
 * ```
 */
export function createSandboxHandlers(state: SandboxState): HttpHandler[] {
  return [
    ...identityHandlers(state),
    ...templateHandlers(state),
    ...accountHandlers(state),
    ...roleHandlers(state),
    http.all('*/api/*', ({ request }) => {
      state.counters.total += 1;
      const { pathname, search } = new URL(request.url);
      state.requests.push({ seq: state.counters.total, method: request.method, path: pathname, query: search, status: 404, ms: 0, mutated: false });
      return errorResponse(state, 404, `no endpoint ${request.method} ${pathname}`, pathname);
    }),
  ];
}
