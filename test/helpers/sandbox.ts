import { randomUUID } from 'node:crypto';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { beforeAll, beforeEach } from 'vitest';
import {
  createSandboxHandlers,
  createSandboxState,
  type SandboxState,
  type SandboxStateOptions,
} from '../../src/sandbox/index.js';
import { DomoTokenAuth, type DomoAuth, type TransportOptions } from '../../src/index.js';
import { recordRequests, resetWhenQuiet, type Recorded } from './msw.js';

export const BASE = 'https://sandbox.domo.com';

/** The start of the admin token each test of a {@link useSandbox} fixture signs in with (one per test). */
const FIXTURE_TOKEN = 'sbx-fixture-';

export interface SandboxFixture {
  /** Fresh for every test. */
  state: SandboxState;
  /** A token auth for the seeded admin, fast retries. */
  auth: DomoAuth;
  /** An auth for the same instance with other options. */
  authWith(options: TransportOptions & { token?: string }): DomoAuth;
  /** The msw server: `server.use(...)` puts a handler in front of the sandbox for one test. */
  server: ReturnType<typeof setupServer>;
  /** Every request sent in this test, with its body. */
  sent: Recorded[];
  /** Resolves once every recorded body has been read. */
  settled(): Promise<void>;
  /**
   * A fresh instance seeded from `options` in place of this test's (a property test's run): `state`, `auth` and the
   * server's handlers all switch to it.
   */
  reseed(options: SandboxStateOptions): { state: SandboxState; auth: DomoAuth };
}

/**
 * An in-process sandbox behind msw, re-seeded before every test (from options, or a function that builds the
 * state); any request it does not handle fails the test.
 */
export function useSandbox(options: SandboxStateOptions | (() => SandboxState) = {}): SandboxFixture {
  const server = setupServer();
  const fixture = { server } as SandboxFixture;
  // Each test signs in with a token of its own: a request another test (or file) left running carries another one,
  // and is answered 401 before it reaches this test's sandbox, and not recorded. A request for a loopback server (a
  // CLI test's, left running) goes to the network, where that server is gone.
  const foreign = (request: Request) => {
    const token = request.headers.get('x-domo-developer-token');
    return token !== null && token.startsWith(FIXTURE_TOKEN) && token !== fixture.state.adminToken;
  };
  const loopback = (request: Request) => /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(request.url);
  const sent = recordRequests(server, (request) => foreign(request) || loopback(request));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  const seed = (state: SandboxState) => {
    fixture.state = state;
    state.adminToken = `${FIXTURE_TOKEN}${randomUUID()}`;
    state.tokens.set(state.adminToken, state.adminUserId);
    server.resetHandlers(
      http.all('*', ({ request }) => {
        if (loopback(request)) return passthrough();
        return foreign(request)
          ? HttpResponse.json({ message: 'a request of another test' }, { status: 401 })
          : undefined;
      }),
      ...createSandboxHandlers(state),
    );
    fixture.authWith = ({ token, ...rest }) =>
      new DomoTokenAuth({
        instance: fixture.state.instance,
        token: token ?? fixture.state.adminToken,
        retry: { backoffMs: 1 },
        ...rest,
      });
    fixture.auth = fixture.authWith({});
  };
  fixture.reseed = (seedOptions) => {
    seed(createSandboxState(seedOptions));
    return { state: fixture.state, auth: fixture.auth };
  };
  beforeEach(() => {
    seed(typeof options === 'function' ? options() : createSandboxState(options));
    sent.length = 0;
    fixture.sent = sent;
    fixture.settled = sent.settled;
  });
  resetWhenQuiet(server);
  return fixture;
}

export interface RawAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  body: unknown;
  text: string;
}

/** A plain fetch to the sandbox, for testing the wire behaviour without the library. */
export async function raw(
  method: string,
  path: string,
  options: {
    token?: string | null;
    json?: unknown;
    text?: string;
    contentType?: string;
    headers?: Record<string, string>;
    base?: string;
  } = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['x-domo-developer-token'] = options.token;
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  if (options.text !== undefined) {
    body = options.text;
    headers['content-type'] = options.contentType ?? 'text/plain';
  }
  const response = await fetch((options.base ?? BASE) + path, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* text body */
  }
  return { status: response.status, statusText: response.statusText, headers: response.headers, body: parsed, text };
}
