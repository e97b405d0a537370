// Real HTTP on 127.0.0.1: no msw server in this file.
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { DomoTokenAuth } from '../../src/index.js';
import { raw } from '../helpers/sandbox.js';

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

describe('loopback sandbox', () => {
  it('serves the instance over real HTTP with reason phrases', async () => {
    sb = await startSandbox({ seed: 3 });
    expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const me = await raw('GET', '/api/content/v2/users/me', { base: sb.url, token: sb.token });
    expect(me.status).toBe(200);
    const denied = await raw('GET', '/api/content/v2/users/me', { base: sb.url });
    expect([denied.status, denied.statusText]).toEqual([401, 'Unauthorized']);
    const put = await raw('PUT', '/api/authorization/v1/roles/2/authorities', {
      base: sb.url,
      token: sb.token,
      json: ['user.view'],
    });
    expect([put.status, put.statusText]).toEqual([400, 'Bad Request']);
    expect(sb.state.roles.get(2)!.authorities).toEqual(['user.view']);
    const text = await raw('PUT', '/api/data/v1/accounts/1/name', {
      base: sb.url,
      token: sb.token,
      text: 'renamed over TCP',
    });
    expect(text.body).toMatchObject({ displayName: 'renamed over TCP' });
  });

  it('answers unknown paths and malformed bodies without crashing', async () => {
    sb = await startSandbox();
    expect((await raw('GET', '/not/api', { base: sb.url })).status).toBe(404);
    expect((await raw('GET', '/api/unknown', { base: sb.url, token: sb.token })).status).toBe(404);
    expect(
      (
        await raw('POST', '/api/authorization/v1/roles', {
          base: sb.url,
          token: sb.token,
          text: '{oops',
          contentType: 'application/json',
        })
      ).status,
    ).toBe(400);
    expect((await raw('GET', '/api/content/v2/users/me', { base: sb.url, token: sb.token })).status).toBe(200);
  });

  it('drops the connection on an injected reset, and the library reports it as a connection error', async () => {
    sb = await startSandbox({ faults: { resetRate: 1 } });
    await expect(raw('GET', '/api/content/v2/users/me', { base: sb.url, token: sb.token })).rejects.toThrow();
    const auth = new DomoTokenAuth({
      instance: sb.instance,
      token: sb.token,
      baseUrl: sb.url,
      retry: { limit: 1, backoffMs: 1 },
    });
    await expect(auth.whoAmI()).rejects.toMatchObject({ name: 'DomoConnectionError' });
  });

  it('serves an auth with latency and counts requests in flight', async () => {
    sb = await startSandbox({ latencyMs: 150 });
    const auth = new DomoTokenAuth({ instance: sb.instance, token: sb.token, baseUrl: sb.url });
    await Promise.all(Array.from({ length: 8 }, () => auth.whoAmI()));
    expect(sb.state.counters.peakInFlight).toBe(8);
    expect(sb.state.counters.inFlight).toBe(0);
  });
});
