// No msw here: these requests really go to a closed port on 127.0.0.1.
import { describe, expect, it } from 'vitest';
import { DomoConnectionError, DomoTokenAuth } from '../../src/index.js';
import { closedPort } from '../helpers/net.js';

describe('connection failures', () => {
  it('maps a refused connection to DomoConnectionError after the retries', async () => {
    const auth = new DomoTokenAuth({
      instance: 'acme',
      token: 'canary-conn-token',
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      retry: { limit: 1, backoffMs: 1 },
    });
    const error = (await auth.whoAmI().catch((e: unknown) => e)) as DomoConnectionError;
    expect(error).toBeInstanceOf(DomoConnectionError);
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.attempts).toBe(2);
    expect(error.route).toBe('whoAmI');
  });
});
