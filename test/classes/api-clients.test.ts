// The API-client family through the public API against the in-process sandbox: the list (owners read once, never a
// secret), get/resolve by id or name, and revoke proven by the list.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { DomoApiClient, DomoApiClients, DomoNotFoundError, DomoUser } from '../../src/index.js';
import { BASE, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 20, accounts: 3 });

describe('DomoApiClients', () => {
  it('lists every client with its owner (a deleted one marked), its scopes and client id', async () => {
    const clients = await new DomoApiClients(sb.auth).list();
    expect(clients.length).toBe(sb.state.apiClients.size);
    const sync = clients.find((c) => c.name === 'warehouse sync')!;
    expect(sync).toBeInstanceOf(DomoApiClient);
    expect(sync.scopes).toEqual(['data', 'audit']);
    expect(sync.owner).toBeInstanceOf(DomoUser);
    expect(sync.owner!.id).toBe(sb.state.adminUserId);
    const legacy = clients.find((c) => c.name === 'legacy BI connector')!;
    expect(legacy.owner?.isDeleted).toBe(true);
    expect(sb.sent.filter((r) => r.url.pathname === '/api/identity/v1/users/search')).toHaveLength(1);
  });

  it('get by id or exact name; unknown ones named with close matches', async () => {
    const clients = new DomoApiClients(sb.auth);
    const byName = await clients.get('WAREHOUSE SYNC');
    expect((await clients.get(byName.id)).name).toBe('warehouse sync');
    const error = (await clients.resolve(['warehouse synk']).catch((e: unknown) => e)) as DomoNotFoundError;
    expect(error).toBeInstanceOf(DomoNotFoundError);
    expect(error.message).toContain('did you mean "warehouse sync"');
  });

  it('revoke: gone from the list; again is not an error; a revoke Domo answers but does not do is caught', async () => {
    const clients = new DomoApiClients(sb.auth);
    const legacy = await clients.get('legacy BI connector');
    expect(await legacy.revoke()).toBe(true);
    expect([...sb.state.apiClients.values()].some((c) => c.name === 'legacy BI connector')).toBe(false);
    expect(await legacy.revoke()).toBe(false);
    sb.server.use(
      http.delete(`${BASE}/api/identity/v1/developer-tokens/:id`, () => new HttpResponse(null, { status: 204 })),
    );
    await expect(clients.revoke(['warehouse sync'])).rejects.toThrow(/answered the revoke but still lists it/);
  });
});
