// Timeouts and aborts keep their cause (without the request, whose headers hold the credential).
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DomoAbortError, DomoTimeoutError, DomoTokenAuth, routes } from '../../src/index.js';

const TOKEN = 'CANARY-CAUSE-TOKEN-1234';
const hanging = ((_input: unknown, init?: { signal?: AbortSignal }) =>
  new Promise((_, reject) => {
    const signal = init?.signal ?? (_input as Request).signal;
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  })) as unknown as typeof fetch;

describe('error causes', () => {
  it('a timeout keeps what timed out as its cause, and no credential anywhere', async () => {
    const auth = new DomoTokenAuth({ instance: 'acme', token: TOKEN, fetch: hanging, timeoutMs: 20, retry: 0 });
    const error = (await routes.getRoles(auth).catch((e: unknown) => e)) as DomoTimeoutError;
    expect(error).toBeInstanceOf(DomoTimeoutError);
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).name).toBe('TimeoutError');
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
  });

  it("an abort keeps the signal's reason as its cause", async () => {
    const auth = new DomoTokenAuth({ instance: 'acme', token: TOKEN, fetch: hanging, retry: 0 });
    const controller = new AbortController();
    const reason = new Error('the user pressed stop');
    setTimeout(() => controller.abort(reason), 10);
    const error = (await routes
      .getRoles(auth, { signal: controller.signal })
      .catch((e: unknown) => e)) as DomoAbortError;
    expect(error).toBeInstanceOf(DomoAbortError);
    expect(error.cause).toBe(reason);
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
  });
});
