import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

type SetupServerApi = ReturnType<typeof setupServer>;

/** An msw server for this test file, failing on any request no handler answers. */
export function useMswServer(): SetupServerApi {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  resetWhenQuiet(server);
  return server;
}

/**
 * After each test, once none of its requests is in flight, the server's handlers are reset; after the file, once no
 * request started for {@link QUIET_MS}, the server closes.
 */
export function resetWhenQuiet(server: SetupServerApi): void {
  const quiet = trackInFlight(server);
  afterEach(async () => {
    await quiet(0);
    server.resetHandlers();
  });
  afterAll(async () => {
    await quiet(QUIET_MS);
    server.close();
  });
}

/** How long no request may start before a file's server closes: a retry after a short backoff still lands here. */
export const QUIET_MS = 30;

/**
 * Counts the server's requests in flight; the returned function resolves once none is in flight and none started for
 * `quietMs` (at most 1 s). Test files share a worker's module graph (vitest `isolate: false`), so a request a test
 * left running — the other half of a `Promise.all` whose first half failed — must end before the next test or the
 * next file's server sees it.
 */
export function trackInFlight(server: SetupServerApi): (quietMs: number) => Promise<void> {
  const inFlight = new Set<string>();
  let lastStart = 0;
  server.events.on('request:start', ({ request, requestId }) => {
    inFlight.add(requestId);
    lastStart = performance.now();
    // A request its caller aborted (a timeout test) may never end at a handler that waits forever.
    request.signal.addEventListener('abort', () => inFlight.delete(requestId), { once: true });
  });
  server.events.on('request:end', ({ requestId }) => inFlight.delete(requestId));
  return async (quietMs) => {
    // Bounded: a request msw refused as unhandled (the test fails for it) never reports its end.
    const deadline = performance.now() + 1_000;
    while (performance.now() < deadline) {
      if (inFlight.size === 0 && performance.now() - lastStart >= quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, inFlight.size > 0 ? 2 : quietMs));
    }
  };
}
/** A recorded request: what a route sent. */
export interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** Recorded requests; `settled()` resolves once every body has been read. */
export type RequestLog = Recorded[] & { settled: () => Promise<void> };

/** Records every request the server sees, without answering it. */
export function recordRequests(server: SetupServerApi, ignore?: (request: Request) => boolean): RequestLog {
  const reads: Promise<void>[] = [];
  const seen = Object.assign([] as Recorded[], { settled: () => Promise.all(reads).then(() => undefined) });
  server.events.on('request:start', ({ request }: { request: Request }) => {
    if (ignore?.(request)) return;
    const entry: Recorded = { method: request.method, url: new URL(request.url), headers: request.headers, body: '' };
    seen.push(entry);
    reads.push(
      request
        .clone()
        .text()
        .then((text) => {
          entry.body = text;
        }),
    );
  });
  return seen;
}
