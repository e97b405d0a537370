import { describe, expect, it } from 'vitest';
import { SANDBOX_ADMIN, SANDBOX_LOCKED_USER } from '../../src/sandbox/index.js';
import { raw, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();

describe('sandbox identity', () => {
  it('requires credentials: 401 with a Domo error body', async () => {
    const answer = await raw('GET', '/api/content/v2/users/me');
    expect(answer.status).toBe(401);
    expect(answer.statusText).toBe('Unauthorized');
    expect(answer.body).toMatchObject({ status: 401, statusReason: 'Unauthorized', path: '/api/content/v2/users/me' });
    expect((await raw('GET', '/api/content/v2/users/me', { token: 'nope' })).status).toBe(401);
  });

  it('accepts the token header in any casing', async () => {
    const answer = await raw('GET', '/api/content/v2/users/me', {
      headers: { 'X-DOMO-Developer-Token': sb.state.adminToken },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: SANDBOX_ADMIN.id, emailAddress: SANDBOX_ADMIN.email });
  });

  it('logs in with a password and accepts the session token', async () => {
    const login = await raw('POST', '/api/content/v2/authentication', {
      json: { method: 'password', emailAddress: SANDBOX_ADMIN.email, password: SANDBOX_ADMIN.password },
    });
    expect(login.status).toBe(200);
    const { sessionToken } = login.body as { sessionToken: string; success: boolean };
    expect(login.body).toMatchObject({ success: true });
    const me = await raw('GET', '/api/content/v2/users/me', { headers: { 'x-domo-authentication': sessionToken } });
    expect(me.body).toMatchObject({ id: SANDBOX_ADMIN.id });
  });

  it('answers refused logins with HTTP 200 and a reason', async () => {
    const wrong = await raw('POST', '/api/content/v2/authentication', {
      json: { method: 'password', emailAddress: SANDBOX_ADMIN.email, password: 'wrong' },
    });
    expect([wrong.status, wrong.body]).toEqual([200, { success: false, reason: 'INVALID_CREDENTIALS' }]);
    const locked = await raw('POST', '/api/content/v2/authentication', {
      json: { method: 'password', emailAddress: SANDBOX_LOCKED_USER.email, password: SANDBOX_LOCKED_USER.password },
    });
    expect([locked.status, locked.body]).toEqual([200, { success: false, reason: 'ACCOUNT_LOCKED' }]);
    const malformed = await raw('POST', '/api/content/v2/authentication', {
      text: '{not json',
      contentType: 'application/json',
    });
    expect(malformed.status).toBe(400);
  });

  it('serves users (v2 empty body for unknown, v3 404) and groups', async () => {
    const token = sb.state.adminToken;
    const someone = [...sb.state.users.values()][3]!;
    expect((await raw('GET', `/api/content/v2/users/${someone.id}`, { token })).body).toMatchObject({
      id: someone.id,
      displayName: someone.displayName,
    });
    const unknownV2 = await raw('GET', '/api/content/v2/users/123', { token });
    expect([unknownV2.status, unknownV2.text]).toEqual([200, '']);
    expect((await raw('GET', '/api/content/v3/users/123', { token })).status).toBe(404);
    const group = [...sb.state.groups.values()][0]!;
    expect((await raw('GET', `/api/content/v2/groups/${group.id}`, { token })).body).toMatchObject({
      id: group.id,
      name: group.name,
      userIds: group.userIds,
    });
    expect((await raw('GET', '/api/content/v2/groups/1', { token })).status).toBe(404);
  });

  it('moves a user to another role with PATCH users/{id} (both body shapes)', async () => {
    const token = sb.state.adminToken;
    const user = [...sb.state.users.values()].find((u) => u.roleId === 4)!;
    expect((await raw('PATCH', `/api/identity/v1/users/${user.id}`, { token, json: { roleId: 3 } })).status).toBe(200);
    expect(sb.state.users.get(user.id)!.roleId).toBe(3);
    await raw('PATCH', `/api/identity/v1/users/${user.id}`, {
      token,
      json: { attributes: [{ key: 'roleId', values: [5] }] },
    });
    expect(sb.state.users.get(user.id)!.roleId).toBe(5);
    expect((await raw('PATCH', `/api/identity/v1/users/${user.id}`, { token, json: { roleId: 999 } })).status).toBe(
      400,
    );
  });

  it('answers unknown routes and bad ids with Domo-like errors', async () => {
    const token = sb.state.adminToken;
    const unknown = await raw('GET', '/api/nothing/here', { token });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 404, statusReason: 'Not Found' });
    const badId = await raw('GET', '/api/data/v1/accounts/abc', { token });
    expect(badId.status).toBe(400);
    expect(badId.body).toMatchObject({ statusReason: 'Bad Request' });
  });
});
