import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

type SetupServerApi = ReturnType<typeof setupServer>;

/** An msw server for this test file, failing on any request no handler answers. */
export function useMswServer(): SetupServerApi {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
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
export function recordRequests(server: SetupServerApi): RequestLog {
  const reads: Promise<void>[] = [];
  const seen = Object.assign([] as Recorded[], { settled: () => Promise.all(reads).then(() => undefined) });
  server.events.on('request:start', ({ request }: { request: Request }) => {
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
