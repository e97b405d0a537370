// Routes say whether they change anything; a custom fetch (the CLI's --dry-run) reads it, not a list of paths.
import { describe, expect, it } from 'vitest';
import { DomoTokenAuth, isReadOnlyRequest, routes } from '../../src/index.js';

describe('isReadOnlyRequest', () => {
  it('is true for GETs and for the reads sent as POST, false for changes', async () => {
    const seen: { method: string; path: string; readOnly: boolean }[] = [];
    const fetch = (input: string | URL | Request) => {
      const request = input as Request;
      seen.push({ method: request.method, path: new URL(request.url).pathname, readOnly: isReadOnlyRequest(request) });
      return Promise.resolve(
        Response.json(request.method === 'POST' && request.url.includes('search') ? { users: [] } : []),
      );
    };
    const auth = new DomoTokenAuth({ instance: 'acme', token: 't', fetch: fetch });
    await routes.getRoles(auth);
    await routes.searchUsers(auth, {});
    await routes.getGroupOwners(auth, 5);
    await routes.addRoleMembers(auth, 3, [7]).catch(() => undefined);
    expect(seen.map((s) => [s.method, s.path, s.readOnly])).toEqual([
      ['GET', '/api/authorization/v1/roles', true],
      ['POST', '/api/identity/v1/users/search', true],
      ['POST', '/api/content/v2/groups/permissions', true],
      ['PUT', '/api/authorization/v1/roles/3/users', false],
    ]);
  });
});
