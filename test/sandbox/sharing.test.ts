import { describe, expect, it } from 'vitest';
import { raw, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const someone = () => [...sb.state.users.values()].find((u) => u.roleId === 4 && !u.locked)!;
const aGroup = () => [...sb.state.groups.values()][2]!;

describe('sandbox account sharing', () => {
  it('answers the access list wrapped in { list }', async () => {
    const answer = await raw('GET', '/api/data/v2/accounts/share/1', { token: sb.state.adminToken });
    const { list } = answer.body as { list: { type: string; id: number; accessLevel: string; name: string }[] };
    expect(list[0]).toEqual({ type: 'USER', id: sb.state.adminUserId, accessLevel: 'OWNER', name: 'Sandbox Admin' });
    expect(list.some((row) => row.type === 'GROUP')).toBe(true);
  });

  it('shares with a user (string id) and a group (number id), and NONE revokes', async () => {
    const token = sb.state.adminToken;
    const user = someone();
    const group = aGroup();
    expect(
      (
        await raw('PUT', '/api/data/v2/accounts/share/3', {
          token,
          json: { type: 'USER', id: String(user.id), accessLevel: 'CAN_VIEW' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await raw('PUT', '/api/data/v2/accounts/share/3', {
          token,
          json: { type: 'GROUP', id: group.id, accessLevel: 'CAN_EDIT' },
        })
      ).status,
    ).toBe(200);
    const shares = sb.state.accounts.get(3)!.shares;
    expect(shares).toContainEqual({ type: 'USER', id: user.id, accessLevel: 'CAN_VIEW' });
    expect(shares).toContainEqual({ type: 'GROUP', id: group.id, accessLevel: 'CAN_EDIT' });
    // The user now sees the account.
    const userToken = sb.state.issueToken(user.id);
    expect((await raw('GET', '/api/data/v1/accounts/3', { token: userToken })).status).toBe(200);
    await raw('PUT', '/api/data/v2/accounts/share/3', {
      token,
      json: { type: 'USER', id: String(user.id), accessLevel: 'NONE' },
    });
    expect(sb.state.accounts.get(3)!.shares.some((s) => s.id === user.id)).toBe(false);
  });

  it('answers 500 when the principal already has that access (as observed)', async () => {
    const token = sb.state.adminToken;
    const user = someone();
    await raw('PUT', '/api/data/v2/accounts/share/3', {
      token,
      json: { type: 'USER', id: user.id, accessLevel: 'CAN_VIEW' },
    });
    const again = await raw('PUT', '/api/data/v2/accounts/share/3', {
      token,
      json: { type: 'USER', id: user.id, accessLevel: 'CAN_VIEW' },
    });
    expect([again.status, again.statusText]).toEqual([500, 'Internal Server Error']);
  });

  it('refuses bad share bodies and the removal of the last owner', async () => {
    const token = sb.state.adminToken;
    for (const json of [
      { type: 'USER', id: 1, accessLevel: 'CAN_VIEW' },
      { type: 'ROBOT', id: someone().id, accessLevel: 'CAN_VIEW' },
      { type: 'USER', id: someone().id, accessLevel: 'ADMIN' },
      { type: 'USER', id: 'abc', accessLevel: 'CAN_VIEW' },
      [1],
    ]) {
      expect((await raw('PUT', '/api/data/v2/accounts/share/3', { token, json })).status, JSON.stringify(json)).toBe(
        400,
      );
    }
    const lastOwner = await raw('PUT', '/api/data/v2/accounts/share/1', {
      token,
      json: { type: 'USER', id: sb.state.adminUserId, accessLevel: 'NONE' },
    });
    expect(lastOwner.status).toBe(400);
    expect(
      (
        await raw('PUT', '/api/data/v2/accounts/share/999', {
          token,
          json: { type: 'USER', id: someone().id, accessLevel: 'CAN_VIEW' },
        })
      ).status,
    ).toBe(404);
  });

  it('refuses sharing by a caller who may only view', async () => {
    const user = someone();
    const token = sb.state.adminToken;
    await raw('PUT', '/api/data/v2/accounts/share/3', {
      token,
      json: { type: 'USER', id: user.id, accessLevel: 'CAN_VIEW' },
    });
    const attempt = await raw('PUT', '/api/data/v2/accounts/share/3', {
      token: sb.state.issueToken(user.id),
      json: { type: 'USER', id: sb.state.adminUserId, accessLevel: 'CAN_VIEW' },
    });
    expect(attempt.status).toBe(403);
  });

  it('accepts v1 shares for users only', async () => {
    const token = sb.state.adminToken;
    const user = someone();
    expect(
      (
        await raw('PUT', '/api/data/v1/accounts/3/share', {
          token,
          json: { type: 'USER', id: user.id, permissions: ['WRITE'] },
        })
      ).status,
    ).toBe(200);
    expect(sb.state.accounts.get(3)!.shares).toContainEqual({ type: 'USER', id: user.id, accessLevel: 'CAN_EDIT' });
    expect(
      (
        await raw('PUT', '/api/data/v1/accounts/3/share', {
          token,
          json: { type: 'GROUP', id: aGroup().id, permissions: ['READ'] },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await raw('PUT', '/api/data/v1/accounts/3/share', {
          token,
          json: { type: 'USER', id: user.id, permissions: ['ADMIN'] },
        })
      ).status,
    ).toBe(400);
  });

  it('shares OAuth templates on their own paths (GET templates/{id}/share, PUT templates/share/{id})', async () => {
    const token = sb.state.adminToken;
    const user = someone();
    const list = await raw('GET', '/api/data/v2/accounts/templates/1/share', { token });
    expect(list.body).toEqual([
      { type: 'USER', id: sb.state.adminUserId, accessLevel: 'OWNER', name: 'Sandbox Admin' },
    ]);
    expect(
      (
        await raw('PUT', '/api/data/v2/accounts/templates/share/1', {
          token,
          json: { type: 'USER', id: String(user.id), accessLevel: 'CAN_VIEW' },
        })
      ).status,
    ).toBe(200);
    expect(sb.state.templates.get(1)!.shares).toContainEqual({ type: 'USER', id: user.id, accessLevel: 'CAN_VIEW' });
    expect((await raw('GET', '/api/data/v2/accounts/share/1', { token })).body).toMatchObject({
      list: expect.any(Array),
    });
    await raw('PUT', '/api/data/v2/accounts/templates/share/1', {
      token,
      json: { type: 'USER', id: String(user.id), accessLevel: 'NONE' },
    });
    expect(sb.state.templates.get(1)!.shares).toHaveLength(1);
  });
});
