import { http, type HttpHandler } from 'msw';
import type { SandboxState } from '../state.js';
import { accountHandlers } from './accounts.js';
import { identityHandlers } from './identity.js';
import { errorResponse, type SandboxScope } from './kit.js';
import { roleHandlers } from './roles.js';
import { templateHandlers } from './templates.js';

/** Options of {@link createSandboxHandlers}. */
export interface SandboxHandlerOptions {
  /**
   * Answer only requests to this origin (e.g. `https://acme.domo.com`), so that several sandboxes can serve
   * different instances in one process. @default any origin
   */
  baseUrl?: string;
}

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
export function createSandboxHandlers(state: SandboxState, options: SandboxHandlerOptions = {}): HttpHandler[] {
  const scope: SandboxScope = { state, origin: options.baseUrl === undefined ? '*' : options.baseUrl.replace(/\/+$/, '') };
  return [
    ...identityHandlers(scope),
    ...templateHandlers(scope),
    ...accountHandlers(scope),
    ...roleHandlers(scope),
    http.all(`${scope.origin}/api/*`, ({ request }) => {
      state.counters.total += 1;
      const { pathname, search } = new URL(request.url);
      state.requests.push({ seq: state.counters.total, method: request.method, path: pathname, query: search, status: 404, ms: 0, mutated: false });
      return errorResponse(state, 404, `no endpoint ${request.method} ${pathname}`, pathname);
    }),
  ];
}
