import { http, HttpResponse, delay } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DomoApiError,
  DomoAuthError,
  DomoConflictError,
  DomoForbiddenError,
  DomoInstanceError,
  DomoNotFoundError,
  DomoAbortError,
  DomoRateLimitError,
  DomoServerError,
  DomoTimeoutError,
  DomoTokenAuth,
  DomoValidationError,
  VERSION,
  type Logger,
} from '../../src/index.js';
import { recordRequests, useMswServer } from '../helpers/msw.js';

const server = useMswServer();
const TOKEN = 'canary-token-5f1e2d';
const fast = { backoffMs: 1, backoffLimitMs: 5 };

function makeAuth(extra: Partial<ConstructorParameters<typeof DomoTokenAuth>[0]> = {}) {
  return new DomoTokenAuth({ instance: 'acme', token: TOKEN, retry: fast, ...extra });
}

const Thing = z.looseObject({ id: z.number(), name: z.string() });
const getThing = (auth: DomoTokenAuth, options = {}) =>
  auth.transport.request({ route: 'getThing', method: 'GET', path: '/api/things/1', schema: Thing }, options);

describe('transport: onRequest', () => {
  it('is told each attempt sent, retries too, with method and path and never a header or body', async () => {
    let calls = 0;
    server.use(
      http.get('*/api/things/1', () =>
        ++calls === 1 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ id: 1, name: 'one' }),
      ),
    );
    const told: unknown[] = [];
    await getThing(makeAuth(), { onRequest: (r: unknown) => told.push(r) });
    expect(told).toEqual([
      { method: 'GET', path: '/api/things/1' },
      { method: 'GET', path: '/api/things/1' },
    ]);
    expect(JSON.stringify(told)).not.toContain(TOKEN);
    await expect(getThing(makeAuth(), { onRequest: 'count' })).rejects.toThrow(/onRequest must be a function/);
  });
});

describe('transport: what is sent', () => {
  it('sends the base URL, token header, user agent and accept header', async () => {
    const seen = recordRequests(server);
    server.use(http.get('*/api/things/1', () => HttpResponse.json({ id: 1, name: 'one', extra: true })));
    const response = await getThing(makeAuth());
    expect(response).toEqual({ status: 200, data: { id: 1, name: 'one', extra: true } });
    expect(seen[0]!.url.href).toBe('https://acme.domo.com/api/things/1');
    expect(seen[0]!.headers.get('x-domo-developer-token')).toBe(TOKEN);
    expect(seen[0]!.headers.get('user-agent')).toBe(`domo-admin/${VERSION}`);
    expect(seen[0]!.headers.get('accept')).toContain('application/json');
  });

  it('sends JSON and text bodies with their content types, and query parameters', async () => {
    const seen = recordRequests(server);
    server.use(http.all('*/api/echo', () => HttpResponse.json({ ok: true })));
    const auth = makeAuth({ baseUrl: 'http://127.0.0.1:9/' });
    await auth.transport.request({
      route: 'r',
      method: 'PUT',
      path: '/api/echo',
      json: [1, 2],
      query: { unmask: false, skip: undefined },
    });
    await auth.transport.request({ route: 'r', method: 'PUT', path: '/api/echo', text: 'new name' });
    await seen.settled();
    expect(seen[0]!.url.href).toBe('http://127.0.0.1:9/api/echo?unmask=false');
    expect(seen[0]!.headers.get('content-type')).toBe('application/json');
    expect(seen[0]!.body).toBe('[1,2]');
    expect(seen[1]!.headers.get('content-type')).toBe('text/plain');
    expect(seen[1]!.body).toBe('new name');
  });
});

describe('transport: errors by status', () => {
  it.each([
    [400, DomoApiError],
    [401, DomoAuthError],
    [403, DomoForbiddenError],
    [404, DomoNotFoundError],
    [409, DomoConflictError],
    [429, DomoRateLimitError],
    [500, DomoServerError],
    [502, DomoServerError],
  ])('%i → %o', async (status, ErrorClass) => {
    server.use(
      http.get('*/api/things/1', () =>
        HttpResponse.json(
          { status, statusReason: 'Reason', message: `server says ${status}`, toe: 'X' },
          { status, headers: status === 429 ? { 'retry-after': '0' } : {} },
        ),
      ),
    );
    const error = await getThing(makeAuth({ retry: 0 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({
      status,
      method: 'GET',
      route: 'getThing',
      url: 'https://acme.domo.com/api/things/1',
      attempts: 1,
    });
    expect((error as Error).message).toContain(`GET /api/things/1 → ${status}`);
    expect((error as Error).message).toContain(`server says ${status}`);
  });

  it('turns 403 and 404 into "not found or not shared" when the route says so', async () => {
    server.use(http.get('*/api/things/1', () => new HttpResponse(null, { status: 403, statusText: 'Forbidden' })));
    const error = await makeAuth()
      .transport.request({
        route: 'getThing',
        method: 'GET',
        path: '/api/things/1',
        notFoundHint: 'thing 1 not found or not shared with you',
        forbiddenMeansNotFound: true,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomoNotFoundError);
    expect((error as Error).message).toBe(
      'GET /api/things/1 → 403 (thing 1 not found or not shared with you: Forbidden)',
    );
    const plain = await makeAuth()
      .transport.request({ route: 'getThing', method: 'GET', path: '/api/things/1', notFoundHint: 'thing 1 not found' })
      .catch((e: unknown) => e);
    expect(plain).toBeInstanceOf(DomoForbiddenError);
  });

  it('reports an HTML error page without a SyntaxError', async () => {
    server.use(
      http.get('*/api/things/1', () => HttpResponse.html('<html><body>Bad gateway</body></html>', { status: 502 })),
    );
    const error = await getThing(makeAuth({ retry: 0 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomoServerError);
    expect((error as DomoServerError).body).toContain('Bad gateway');
  });

  it('reports an HTML page on a JSON route as a validation error', async () => {
    server.use(http.get('*/api/things/1', () => HttpResponse.html('<html>login</html>')));
    const error = await getThing(makeAuth()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomoValidationError);
    expect((error as Error).message).toMatch(/expected JSON, got text\/html/);
  });

  it('reports truncated JSON as a validation error', async () => {
    server.use(
      http.get(
        '*/api/things/1',
        () => new HttpResponse('{"id": 1, "na', { headers: { 'content-type': 'application/json' } }),
      ),
    );
    await expect(getThing(makeAuth())).rejects.toThrow(/not valid JSON/);
  });

  it('names the field path of a schema mismatch', async () => {
    server.use(http.get('*/api/things/1', () => HttpResponse.json({ id: 'one', name: 'x' })));
    const error = (await getThing(makeAuth()).catch((e: unknown) => e)) as DomoValidationError;
    expect(error).toBeInstanceOf(DomoValidationError);
    expect(error.route).toBe('getThing');
    expect(error.issues[0]!.path).toBe('id');
    expect(error.message).toMatch(/getThing: .*id: /);
    const list = z.array(Thing);
    server.use(http.get('*/api/things', () => HttpResponse.json([{ id: 1, name: 'a' }, { id: 2 }])));
    const nested = (await makeAuth()
      .transport.request({ route: 'getThings', method: 'GET', path: '/api/things', schema: list })
      .catch((e: unknown) => e)) as DomoValidationError;
    expect(nested.issues[0]!.path).toBe('[1].name');
  });

  it('recognises the VPN block page and the allowlist redirect', async () => {
    server.use(
      http.get('*/api/things/1', () => HttpResponse.html('<html><head><title>Domo - Blocked</title></head></html>')),
    );
    await expect(getThing(makeAuth())).rejects.toThrow(DomoInstanceError);
    server.use(
      http.get(
        '*/api/things/1',
        () => new HttpResponse(null, { status: 303, headers: { location: 'https://acme.domo.com/whitelist/blocked' } }),
      ),
    );
    await expect(getThing(makeAuth())).rejects.toThrow(/allowlist/);
  });
});

describe('transport: retries and timeouts', () => {
  it('retries a GET on 503 and succeeds', async () => {
    let calls = 0;
    server.use(
      http.get('*/api/things/1', () =>
        ++calls < 3 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ id: 1, name: 'x' }),
      ),
    );
    await expect(getThing(makeAuth())).resolves.toMatchObject({ status: 200 });
    expect(calls).toBe(3);
  });

  it('honours Retry-After on 429', async () => {
    let calls = 0;
    server.use(
      http.get('*/api/things/1', () =>
        ++calls === 1
          ? new HttpResponse(null, { status: 429, headers: { 'retry-after': '0.2' } })
          : HttpResponse.json({ id: 1, name: 'x' }),
      ),
    );
    const started = Date.now();
    await getThing(makeAuth());
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('gives up after the limit with the attempts counted', async () => {
    let calls = 0;
    server.use(
      http.get('*/api/things/1', () => {
        calls += 1;
        return new HttpResponse(null, { status: 503 });
      }),
    );
    const error = await getThing(makeAuth()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomoServerError);
    expect(calls).toBe(3);
    expect((error as DomoServerError).attempts).toBe(3);
  });

  it('reports the last Retry-After when 429 persists', async () => {
    server.use(
      http.get('*/api/things/1', () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '0' } })),
    );
    const error = (await getThing(makeAuth()).catch((e: unknown) => e)) as DomoRateLimitError;
    expect(error).toBeInstanceOf(DomoRateLimitError);
    expect(error.retryAfterMs).toBe(0);
    expect(error.attempts).toBe(3);
  });

  it('never retries a POST or a PATCH', async () => {
    let calls = 0;
    server.use(
      http.all('*/api/things', () => {
        calls += 1;
        return new HttpResponse(null, { status: 503 });
      }),
    );
    const auth = makeAuth();
    await expect(
      auth.transport.request({ route: 'create', method: 'POST', path: '/api/things', json: {} }),
    ).rejects.toThrow(DomoServerError);
    await expect(
      auth.transport.request({ route: 'patch', method: 'PATCH', path: '/api/things', json: [] }),
    ).rejects.toThrow(DomoServerError);
    expect(calls).toBe(2);
  });

  it('honours retry: 0 per call and maxRetries per route', async () => {
    let calls = 0;
    server.use(
      http.get('*/api/things/1', () => {
        calls += 1;
        return new HttpResponse(null, { status: 503 });
      }),
    );
    await expect(getThing(makeAuth(), { retry: 0 })).rejects.toThrow(DomoServerError);
    expect(calls).toBe(1);
    await expect(
      makeAuth().transport.request({ route: 'r', method: 'GET', path: '/api/things/1', maxRetries: 0 }),
    ).rejects.toThrow(DomoServerError);
    expect(calls).toBe(2);
  });

  it('times out an attempt as DomoTimeoutError', async () => {
    server.use(
      http.get('*/api/things/1', async () => {
        await delay(500);
        return HttpResponse.json({ id: 1, name: 'x' });
      }),
    );
    const error = await getThing(makeAuth({ timeoutMs: 50 }), { retry: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomoTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 50, attempts: 1, route: 'getThing' });
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    let calls = 0;
    server.use(
      http.get('*/api/things/1', async () => {
        calls += 1;
        await delay(300);
        return HttpResponse.json({ id: 1, name: 'x' });
      }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await getThing(makeAuth(), { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomoAbortError);
    expect(error).toMatchObject({ name: 'DomoAbortError', route: 'getThing', mayHaveBeenApplied: false });
    expect((error as Error).message).toBe('GET /api/things/1 was aborted');
    expect(calls).toBe(1);
  });

  it('lets a call override the timeout', async () => {
    server.use(
      http.get('*/api/things/1', async () => {
        await delay(300);
        return HttpResponse.json({ id: 1, name: 'x' });
      }),
    );
    await expect(getThing(makeAuth(), { timeoutMs: 40, retry: 0 })).rejects.toThrow(DomoTimeoutError);
  });
});

describe('transport: logging', () => {
  it('logs one line per attempt with masked headers, and nothing by default', async () => {
    const lines: string[] = [];
    const logger: Logger = {
      error: (m) => lines.push(m),
      warn: (m) => lines.push(m),
      info: (m) => lines.push(m),
      debug: (m) => lines.push(m),
    };
    server.use(http.get('*/api/things/1', () => HttpResponse.json({ id: 1, name: 'x' })));
    await getThing(makeAuth({ logger }));
    expect(lines).toEqual([]);
    await getThing(makeAuth({ logger, logLevel: 'debug', logBodies: true }));
    expect(lines.some((l) => /^GET \/api\/things\/1 → 200 in \d+ ms, attempt 1$/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('x-domo-developer-token: ***'))).toBe(true);
    expect(lines.join('\n')).not.toContain(TOKEN);
  });

  it('says why an attempt failed before the retry, and the outcome of each attempt', async () => {
    const lines: string[] = [];
    const logger: Logger = { error: () => {}, warn: () => {}, info: (m) => lines.push(m), debug: () => {} };
    let calls = 0;
    server.use(
      http.get('*/api/things/1', () =>
        ++calls === 1 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ id: 1, name: 'x' }),
      ),
    );
    await getThing(makeAuth({ logger, logLevel: 'info', retry: { limit: 1, backoffMs: 1 } }));
    expect(lines).toEqual([
      expect.stringMatching(/^GET \/api\/things\/1 → 503 in \d+ ms, attempt 1$/),
      'GET /api/things/1 attempt 1 failed (HTTP 503); retrying',
      expect.stringMatching(/^GET \/api\/things\/1 → 200 in \d+ ms, attempt 2$/),
    ]);
  });

  it('ends a failed call with its total time over every attempt', async () => {
    const lines: string[] = [];
    const logger: Logger = { error: () => {}, warn: () => {}, info: (m) => lines.push(m), debug: () => {} };
    server.use(
      http.get('*/api/things/1', async () => {
        await new Promise((resolve) => setTimeout(resolve, 40));
        return new HttpResponse(null, { status: 503 });
      }),
    );
    await expect(getThing(makeAuth({ logger, logLevel: 'info', retry: { limit: 1, backoffMs: 1 } }))).rejects.toThrow(
      DomoServerError,
    );
    const last = lines.at(-1) ?? '';
    expect(last).toMatch(/^GET \/api\/things\/1 ✗ DomoServerError after 2 attempt\(s\) in \d+ ms$/);
    expect(Number(/in (\d+) ms/.exec(last)![1])).toBeGreaterThanOrEqual(75); // two attempts of 40 ms, not the last one
  });
});
