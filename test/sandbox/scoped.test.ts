import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomoTokenAuth } from '../../src/index.js';
import { createSandboxHandlers, createSandboxState } from '../../src/sandbox/index.js';

const acme = createSandboxState({ instance: 'acme', seed: 1 });
const other = createSandboxState({ instance: 'other', seed: 2 });
const server = setupServer(
  ...createSandboxHandlers(acme, { baseUrl: 'https://acme.domo.com' }),
  ...createSandboxHandlers(other, { baseUrl: 'https://other.domo.com/' }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('sandbox handlers scoped to an origin', () => {
  it('lets two instances live in one process', async () => {
    await new DomoTokenAuth({ instance: 'acme', token: acme.adminToken }).whoAmI();
    await new DomoTokenAuth({ instance: 'other', token: other.adminToken }).whoAmI();
    await expect(new DomoTokenAuth({ instance: 'acme', token: other.adminToken, retry: 0 }).whoAmI()).rejects.toThrow(
      /401/,
    );
    expect(acme.requests.map((r) => r.status)).toEqual([200, 401]);
    expect(other.requests.map((r) => r.status)).toEqual([200]);
  });
});
