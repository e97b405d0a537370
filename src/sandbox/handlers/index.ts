import { datasetHandlers } from './datasets.js';
import { cardHandlers } from './cards.js';
import { pageHandlers } from './pages.js';
import { dataflowHandlers } from './dataflows.js';
import { beastModeHandlers } from './beast-modes.js';
import { appDbHandlers } from './appdb.js';
import { alertHandlers } from './alerts.js';
import { reportScheduleHandlers } from './report-schedules.js';
import { jupyterHandlers } from './jupyter.js';
import { filesetHandlers } from './filesets.js';
import { codeEngineHandlers } from './codeengine.js';
import { workflowHandlers } from './workflows.js';
import { appHandlers } from './apps.js';
import { sessionHandlers } from './sessions.js';
import { accessTokenHandlers } from './access-tokens.js';
import { apiClientHandlers } from './api-clients.js';
import { activityHandlers } from './activity.js';
import { http, type HttpHandler } from 'msw';
import type { SandboxState } from '../state.js';
import { accountHandlers } from './accounts.js';
import { groupHandlers } from './groups.js';
import { identityHandlers } from './identity.js';
import { unknownEndpoint, type SandboxRoute, type SandboxScope } from './kit.js';
import { roleHandlers } from './roles.js';
import { searchHandlers } from './search.js';
import { templateHandlers } from './templates.js';
import { userHandlers } from './users.js';

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
  return build(state, options).handlers;
}

/**
 * The same endpoints as a plain router, without msw's matching: what the loopback server uses, so that the
 * server stays fast under benchmark load. Answers a Domo-like 404 for anything it does not serve.
 */
export function createSandboxRouter(state: SandboxState): (request: Request) => Promise<Response> {
  const { routes } = build(state, {});
  return async (request) => {
    const { pathname } = new URL(request.url);
    for (const route of routes) {
      if (route.method !== request.method) continue;
      const match = route.regex.exec(pathname);
      if (match)
        return route.answer(
          request,
          Object.fromEntries(route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1] ?? '')])),
        );
    }
    return unknownEndpoint(state, request);
  };
}

function build(
  state: SandboxState,
  options: SandboxHandlerOptions,
): { handlers: HttpHandler[]; routes: SandboxRoute[] } {
  const scope: SandboxScope = {
    state,
    origin: options.baseUrl === undefined ? '*' : options.baseUrl.replace(/\/+$/, ''),
    routes: [],
  };
  const handlers = [
    ...identityHandlers(scope),
    ...userHandlers(scope),
    ...groupHandlers(scope),
    ...templateHandlers(scope),
    ...accountHandlers(scope),
    ...roleHandlers(scope),
    ...searchHandlers(scope),
    ...datasetHandlers(scope),
    ...cardHandlers(scope),
    ...pageHandlers(scope),
    ...dataflowHandlers(scope),
    ...beastModeHandlers(scope),
    ...appDbHandlers(scope),
    ...alertHandlers(scope),
    ...reportScheduleHandlers(scope),
    ...jupyterHandlers(scope),
    ...filesetHandlers(scope),
    ...codeEngineHandlers(scope),
    ...workflowHandlers(scope),
    ...appHandlers(scope),
    ...sessionHandlers(scope),
    ...accessTokenHandlers(scope),
    ...apiClientHandlers(scope),
    ...activityHandlers(scope),
    http.all(`${scope.origin}/api/*`, ({ request }) => unknownEndpoint(state, request)),
  ];
  return { handlers, routes: scope.routes };
}
