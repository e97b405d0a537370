import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  AccessLevel,
  AccessLevelV1,
  DomoInputError,
  DomoNotFoundError,
  DomoServerError,
  routes,
} from '../../../src/index.js';
import { useSandbox } from '../../helpers/sandbox.js';

const sb = useSandbox();
const participant = () => [...sb.state.users.values()].find((u) => u.roleId === 4 && !u.locked)!;
const group = () => [...sb.state.groups.values()][3]!;

describe('share payload builders', () => {
  it('sends user ids as strings and group ids as numbers', () => {
    expect(routes.sharePayload({ userId: 929336557, accessLevel: AccessLevel.CAN_VIEW })).toEqual({
      type: 'USER',
      id: '929336557',
      accessLevel: 'CAN_VIEW',
    });
    expect(routes.sharePayload({ groupId: 1814479647, accessLevel: 'NO_ACCESS' })).toEqual({
      type: 'GROUP',
      id: 1814479647,
      accessLevel: 'NONE',
    });
    expect(routes.sharePayload({ userId: 1, accessLevel: 'can_edit' as never })).toMatchObject({
      accessLevel: 'CAN_EDIT',
    });
  });

  it('maps v2 levels to v1 permissions', () => {
    expect(routes.sharePayloadV1({ userId: 5, accessLevel: AccessLevelV1.CAN_VIEW })).toEqual({
      type: 'USER',
      id: 5,
      permissions: ['READ'],
    });
    expect(routes.sharePayloadV1({ userId: 5, accessLevel: AccessLevel.CAN_EDIT })).toEqual({
      type: 'USER',
      id: 5,
      permissions: ['WRITE'],
    });
    expect(routes.sharePayloadV1({ userId: 5, accessLevel: AccessLevel.CAN_SHARE })).toEqual({
      type: 'USER',
      id: 5,
      permissions: ['OWNER'],
    });
  });

  it.each([
    [{ accessLevel: 'CAN_VIEW' }, /exactly one of userId and groupId/],
    [{ userId: 1, groupId: 2, accessLevel: 'CAN_VIEW' }, /exactly one/],
    [{ userId: 0, accessLevel: 'CAN_VIEW' }, /userId must be a positive integer/],
    [{ userId: 1, accessLevel: 'ADMIN' }, /OWNER, CAN_SHARE, CAN_EDIT, CAN_VIEW, NO_ACCESS/],
    [{ userId: 1 }, /accessLevel must be one of/],
  ])('v2 rejects %j', (input, message) => {
    expect(() => routes.sharePayload(input as never)).toThrow(message);
  });

  it('v1 refuses groups and revocation', () => {
    expect(() => routes.sharePayloadV1({ groupId: 2, accessLevel: 'READ' } as never)).toThrow(/users only/);
    expect(() => routes.sharePayloadV1({ userId: 2, accessLevel: 'NONE' })).toThrow(/v1 cannot revoke/);
  });
});

describe('getAccountAccessList', () => {
  it('GETs share/{id} and unwraps list', async () => {
    const { data } = await routes.getAccountAccessList(sb.auth, 1);
    expect(sb.sent[0]!.url.pathname).toBe('/api/data/v2/accounts/share/1');
    expect(data[0]).toEqual({ type: 'USER', id: sb.state.adminUserId, accessLevel: 'OWNER', name: 'Sandbox Admin' });
    expect(data.some((row) => row.type === 'GROUP')).toBe(true);
  });

  it('reports a missing account as not found', async () => {
    await expect(routes.getAccountAccessList(sb.auth, 404_404)).rejects.toThrow(DomoNotFoundError);
  });
});

describe('shareAccount', () => {
  it('PUTs the v2 payload; NO_ACCESS revokes', async () => {
    const user = participant();
    await routes.shareAccount(sb.auth, 3, { userId: user.id, accessLevel: AccessLevel.CAN_VIEW });
    await routes.shareAccount(sb.auth, 3, { groupId: group().id, accessLevel: AccessLevel.CAN_EDIT });
    await sb.settled();
    expect(sb.sent[0]!.url.pathname).toBe('/api/data/v2/accounts/share/3');
    expect(JSON.parse(sb.sent[0]!.body)).toEqual({ type: 'USER', id: String(user.id), accessLevel: 'CAN_VIEW' });
    expect(JSON.parse(sb.sent[1]!.body)).toEqual({ type: 'GROUP', id: group().id, accessLevel: 'CAN_EDIT' });
    expect(sb.state.accounts.get(3)!.shares).toContainEqual({ type: 'USER', id: user.id, accessLevel: 'CAN_VIEW' });
    await routes.shareAccount(sb.auth, 3, { userId: user.id, accessLevel: AccessLevel.NO_ACCESS });
    expect(sb.state.accounts.get(3)!.shares.some((s) => s.id === user.id)).toBe(false);
  });

  it('reports the 500 for an existing share as a server error with a hint, once (not retried)', async () => {
    const user = participant();
    await routes.shareAccount(sb.auth, 3, { userId: user.id, accessLevel: AccessLevel.CAN_VIEW });
    const error = (await routes
      .shareAccount(sb.auth, 3, { userId: user.id, accessLevel: AccessLevel.CAN_VIEW })
      .catch((e: unknown) => e)) as DomoServerError;
    expect(error).toBeInstanceOf(DomoServerError);
    expect(error.message).toContain('the principal may already have this access');
    expect(error.message).toContain('already has CAN_VIEW access');
    expect(sb.sent).toHaveLength(2);
  });

  it('still retries a share on 503', async () => {
    sb.server.use(
      http.put('*/api/data/v2/accounts/share/:id', () => new HttpResponse(null, { status: 503 }), { once: true }),
    );
    await routes.shareAccount(sb.auth, 3, { userId: participant().id, accessLevel: AccessLevel.CAN_VIEW });
    expect(sb.sent.length).toBe(2);
    expect(sb.state.accounts.get(3)!.shares).toContainEqual({
      type: 'USER',
      id: participant().id,
      accessLevel: 'CAN_VIEW',
    });
  });

  it('rejects bad input with no request sent', async () => {
    await expect(routes.shareAccount(sb.auth, 3, { userId: 1, accessLevel: 'ADMIN' as never })).rejects.toThrow(
      DomoInputError,
    );
    await expect(routes.shareAccount(sb.auth, 0, { userId: 1, accessLevel: 'CAN_VIEW' })).rejects.toThrow(
      DomoInputError,
    );
    const error = (await routes.shareAccount(sb.auth, 3, {} as never).catch((e: unknown) => e)) as DomoInputError;
    expect(error.route).toBe('shareAccount');
    expect(sb.sent).toHaveLength(0);
  });
});

describe('shareAccountV1', () => {
  it('PUTs the v1 payload', async () => {
    const user = participant();
    await routes.shareAccountV1(sb.auth, 3, { userId: user.id, accessLevel: AccessLevelV1.CAN_EDIT });
    await sb.settled();
    expect(sb.sent[0]!.url.pathname).toBe('/api/data/v1/accounts/3/share');
    expect(JSON.parse(sb.sent[0]!.body)).toEqual({ type: 'USER', id: user.id, permissions: ['WRITE'] });
    expect(sb.state.accounts.get(3)!.shares).toContainEqual({ type: 'USER', id: user.id, accessLevel: 'CAN_EDIT' });
  });
});

describe('OAuth template sharing', () => {
  it('reads templates/{id}/share and writes templates/share/{id}', async () => {
    const user = participant();
    expect((await routes.getOAuthAccountAccessList(sb.auth, 1)).data).toEqual([
      { type: 'USER', id: sb.state.adminUserId, accessLevel: 'OWNER', name: 'Sandbox Admin' },
    ]);
    await routes.shareOAuthAccount(sb.auth, 1, { userId: user.id, accessLevel: AccessLevel.CAN_VIEW });
    expect(sb.sent.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'GET /api/data/v2/accounts/templates/1/share',
      'PUT /api/data/v2/accounts/templates/share/1',
    ]);
    expect((await routes.getOAuthAccountAccessList(sb.auth, 1)).data).toHaveLength(2);
  });
});
