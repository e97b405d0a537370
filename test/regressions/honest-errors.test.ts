// Issue 24 §2: errors carry Domo's trace id, a DNS failure is not retried.
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { DomoApiError, DomoConnectionError, DomoTokenAuth, routes } from '../../src/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 10, accounts: 2 });

/** A fetch that fails the way undici does when the connection cannot be made, counting its calls. */
function failingFetch(code: string) {
  const calls: string[] = [];
  const fetch = (input: string | URL | Request) => {
    calls.push(String(input instanceof Request ? input.url : input));
    return Promise.reject(
      Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) }),
    );
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

describe("Domo's trace id", () => {
  it('is the error’s requestId when the body has a toe', async () => {
    const error = (await routes.getRoleById(sb.auth, 987_654).catch((e: unknown) => e)) as DomoApiError;
    expect(error).toBeInstanceOf(DomoApiError);
    expect(error.requestId).toMatch(/^SBX-\d{8}$/);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ requestId: error.requestId });
  });

  it('is shown by the CLI, in text and in --json', async () => {
    const loopback = await startSandbox();
    try {
      const env = { DOMO_INSTANCE: loopback.instance, DOMO_ACCESS_TOKEN: loopback.token, DOMO_BASE_URL: loopback.url };
      const text = bufferIo(env);
      expect(await runCli(['roles', 'show', '987654'], text)).toBe(1);
      expect(text.stderr()).toMatch(/request id SBX-\d{8}: quote this id to Domo support/);
      const json = bufferIo(env);
      expect(await runCli(['--json', 'roles', 'show', '987654'], json)).toBe(1);
      expect(JSON.parse(json.stderr())).toMatchObject({ requestId: expect.stringMatching(/^SBX-\d{8}$/) });
    } finally {
      await loopback.close();
    }
  });
});

describe('connection failures', () => {
  it('a DNS failure (ENOTFOUND) is not retried', async () => {
    const { calls, fetch } = failingFetch('ENOTFOUND');
    const auth = new DomoTokenAuth({
      instance: 'no-such-instance',
      token: 't',
      fetch,
      retry: { limit: 3, backoffMs: 1 },
    });
    const error = (await auth.whoAmI().catch((e: unknown) => e)) as DomoConnectionError;
    expect(error).toBeInstanceOf(DomoConnectionError);
    expect(error.message).toContain('DNS lookup failed');
    expect(calls).toHaveLength(1);
  });

  it('a reset connection still is', async () => {
    const { calls, fetch } = failingFetch('ECONNRESET');
    const auth = new DomoTokenAuth({ instance: 'acme', token: 't', fetch, retry: { limit: 2, backoffMs: 1 } });
    await expect(auth.whoAmI()).rejects.toBeInstanceOf(DomoConnectionError);
    expect(calls).toHaveLength(3);
  });
});
