// No msw here: a real HTTP server on 127.0.0.1 that stalls, resets and over-sends on purpose.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DomoAbortError,
  DomoConnectionError,
  DomoResponseTooLargeError,
  DomoTimeoutError,
  DomoTokenAuth,
  type DomoAuth,
} from '../../src/index.js';
import { connectionFailure } from '../../src/client/transport.js';
import { closedPort } from '../helpers/net.js';

type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;
const behaviours = new Map<string, Behaviour>();
const hits = new Map<string, number>();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    req.resume();
    req.on('end', () => (behaviours.get(path) ?? ((_, r) => r.writeHead(404).end()))(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function auth(options: Partial<ConstructorParameters<typeof DomoTokenAuth>[0]> = {}): DomoAuth {
  return new DomoTokenAuth({
    instance: 'acme',
    token: 'bounded-token-1234',
    baseUrl: base,
    retry: { limit: 0 },
    ...options,
  });
}
const get = (a: DomoAuth, path: string, options = {}) =>
  a.transport.request({ route: 'probe', method: 'GET', path }, options);
const post = (a: DomoAuth, path: string, options = {}) =>
  a.transport.request({ route: 'probe', method: 'POST', path, json: { a: 1 }, maxRetries: 0 }, options);

const stallAfterFewBytes =
  (status: number): Behaviour =>
  (_, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.write('{"id":'); // and then nothing, ever
  };

describe('every attempt is bounded, body included', () => {
  it('a 200 whose body stalls after a few bytes fails with DomoTimeoutError within timeoutMs', async () => {
    behaviours.set('/stall-200', stallAfterFewBytes(200));
    const started = Date.now();
    const error = await get(auth({ timeoutMs: 200 }), '/stall-200').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomoTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 200, route: 'probe', mayHaveBeenApplied: false });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a 503 whose body stalls fails the same way (the error body is bounded too)', async () => {
    behaviours.set('/stall-503', stallAfterFewBytes(503));
    await expect(get(auth({ timeoutMs: 200 }), '/stall-503')).rejects.toBeInstanceOf(DomoTimeoutError);
  });

  it('a stalled body is retried like any timed-out attempt, then fails', async () => {
    behaviours.set('/stall-retry', stallAfterFewBytes(200));
    hits.delete('/stall-retry');
    const error = await get(auth({ timeoutMs: 100, retry: { limit: 1, backoffMs: 1 } }), '/stall-retry').catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'DomoTimeoutError', attempts: 2 });
    expect(hits.get('/stall-retry')).toBe(2);
  });

  it("the caller's abort stops a stalled body at once with DomoAbortError", async () => {
    behaviours.set('/stall-abort', stallAfterFewBytes(200));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      get(auth({ timeoutMs: 60_000 }), '/stall-abort', { signal: controller.signal }),
    ).rejects.toBeInstanceOf(DomoAbortError);
  });

  it('an already-aborted signal sends nothing', async () => {
    hits.delete('/never');
    behaviours.set('/never', (_, res) => res.writeHead(200).end('{}'));
    const error = await get(auth(), '/never', { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomoAbortError);
    expect(hits.get('/never')).toBeUndefined();
  });
});

describe('response size cap', () => {
  const big = 'x'.repeat(5_000);
  it('refuses a body over maxResponseBytes, declared or streamed', async () => {
    behaviours.set('/big-declared', (_, res) =>
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(big.length) }).end(big),
    );
    behaviours.set('/big-chunked', (_, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 5; i += 1) res.write(big.slice(0, 1000));
      res.end();
    });
    for (const path of ['/big-declared', '/big-chunked']) {
      const error = await get(auth({ maxResponseBytes: 1_000 }), path).catch((e: unknown) => e);
      expect(error, path).toBeInstanceOf(DomoResponseTooLargeError);
      expect(error).toMatchObject({ limitBytes: 1_000, route: 'probe' });
    }
  });

  it('reads a body within the cap', async () => {
    behaviours.set('/small', (_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    await expect(get(auth({ maxResponseBytes: 1_000 }), '/small')).resolves.toEqual({
      status: 200,
      data: { ok: true },
    });
  });
});

describe('connection failures say what happened, and whether a write may have been applied', () => {
  it('a POST whose connection dropped after sending may have been applied', async () => {
    behaviours.set('/drop', (req) => req.socket.destroy());
    const error = (await post(auth(), '/drop').catch((e: unknown) => e)) as DomoConnectionError;
    expect(error).toBeInstanceOf(DomoConnectionError);
    expect(error.mayHaveBeenApplied).toBe(true);
    expect(error.message).toContain('may have been applied: check the state before sending it again');
    expect(error.message).not.toContain('could not reach');
    expect(error.cause).toBeDefined();
  });

  it('a POST to a closed port was certainly not applied, and the message says the connection was refused', async () => {
    const closed = auth({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    const error = (await post(closed, '/x').catch((e: unknown) => e)) as DomoConnectionError;
    expect(error).toMatchObject({ code: 'ECONNREFUSED', mayHaveBeenApplied: false });
    expect(error.message).toContain('connection refused by 127.0.0.1:');
    expect(error.message).not.toContain('may have been applied');
  });

  it('names DNS and TLS failures in terms a person can act on', () => {
    const dns = connectionFailure(
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND nope.domo.com'), { code: 'ENOTFOUND' }),
      }),
      'https://nope.domo.com/api/x',
    );
    expect(dns).toMatchObject({ code: 'ENOTFOUND', maybeSent: false });
    expect(dns.cause).toBe('DNS lookup failed for nope.domo.com (ENOTFOUND): check the instance name');
    const tls = connectionFailure(
      new TypeError('fetch failed', { cause: { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' } }),
      'https://acme.domo.com/api/x',
    );
    expect(tls).toMatchObject({ maybeSent: false });
    expect(tls.cause).toContain('TLS failure talking to acme.domo.com');
    expect(
      connectionFailure(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }), 'https://acme.domo.com/x')
        .maybeSent,
    ).toBe(true);
  });
});
