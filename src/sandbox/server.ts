import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createSandboxRouter } from './handlers/index.js';
import type { SandboxFaults } from './model.js';
import { createSandboxState } from './seed.js';
import type { SandboxState, SandboxStateOptions } from './state.js';

/** Options of {@link startSandbox}: the state options plus where to listen. */
export interface StartSandboxOptions extends SandboxStateOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Shorthand for `faults.latencyMs`. */
  latencyMs?: number;
  /** Serve an existing state instead of seeding a new one. */
  state?: SandboxState;
}

/** A running loopback sandbox. */
export interface RunningSandbox {
  /** `http://127.0.0.1:<port>`: give it to an auth as `baseUrl`. */
  url: string;
  port: number;
  /** The instance name to give an auth. */
  instance: string;
  /** The seeded admin's access token. */
  token: string;
  state: SandboxState;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Serves a sandbox over HTTP on loopback: a real socket, keep-alive on, the same behaviour as the msw handlers.
 *
 * @example
 * ```ts
 * const sb = await startSandbox({ latencyMs: 10 });
 * const auth = new DomoTokenAuth({ instance: sb.instance, token: sb.token, baseUrl: sb.url });
 * await auth.whoAmI();
 * await sb.close();
 * ```
 */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const state = options.state ?? createSandboxState(options);
  if (options.latencyMs !== undefined)
    state.faults = { ...state.faults, latencyMs: options.latencyMs } satisfies SandboxFaults;
  const router = createSandboxRouter(state);
  const server = createServer({ keepAlive: true }, (req, res) => void respond(router, req, res));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    port,
    instance: state.instance,
    token: state.adminToken,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Hands one Node request to the sandbox router and writes its answer back. */
async function respond(
  router: (request: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const response = await router(toFetchRequest(req));
    if (response.type === 'error') {
      req.socket.destroy();
      return;
    }
    res.statusCode = response.status;
    res.statusMessage = response.statusText || res.statusMessage;
    response.headers.forEach((value, name) => res.appendHeader(name, value));
    if (!response.body) return void res.end();
    Readable.fromWeb(response.body).pipe(res);
  } catch (error) {
    if (!res.headersSent) res.writeHead(500, 'Internal Server Error', { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        status: 500,
        statusReason: 'Internal Server Error',
        message: `sandbox error: ${String(error)}`,
      }),
    );
  }
}

function toFetchRequest(req: IncomingMessage): Request {
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  return new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    duplex: hasBody ? 'half' : undefined,
  });
}
