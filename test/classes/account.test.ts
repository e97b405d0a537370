import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  AccessLevel,
  AccountConfig,
  DomoAccount,
  DomoAuthError,
  DomoInputError,
  DomoNotFoundError,
  DomoPartialFailureError,
  DomoServerError,
  DomoTokenAuth,
  Secret,
} from '../../src/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const idOf = (type: string) => [...sb.state.accounts.values()].find((a) => a.dataProviderType === type)!.id;
const participant = () => [...sb.state.users.values()].find((u) => u.roleId === 4 && !u.locked)!;
const sharesOf = (id: number) => sb.state.accounts.get(id)!.shares;

describe('DomoAccount.get', () => {
  it('hydrates typed fields, with auth and raw kept out of sight', async () => {
    const account = await DomoAccount.get(sb.auth, 1);
    expect(account).toBeInstanceOf(DomoAccount);
    expect(account).toMatchObject({
      id: 1,
      name: 'domo_creds',
      displayName: 'domo_creds',
      dataProviderType: 'abstract-credential-store',
      credentialsType: 'fields',
      valid: true,
      ownerId: sb.state.adminUserId,
    });
    expect(account.createdAt).toBeInstanceOf(Date);
    expect(account.createdAt!.getTime()).toBe(sb.state.accounts.get(1)!.createdAt);
    expect(account.auth).toBe(sb.auth);
    expect(account.raw).toMatchObject({ id: 1, accountId: 1 });
    expect(Object.keys(account)).not.toContain('auth');
    expect(Object.keys(account)).not.toContain('raw');
    expect(account.config).toBeUndefined();
    expect(sb.sent).toHaveLength(1);
  });

  it('prints a one-line summary', async () => {
    const account = await DomoAccount.get(sb.auth, 1);
    expect(inspect(account)).toBe('DomoAccount #1 "domo_creds" abstract-credential-store');
    expect(String(account)).toBe('DomoAccount #1 "domo_creds" abstract-credential-store');
  });

  it('reads the config masked by default, secrets as Secrets either way', async () => {
    const id = idOf('snowflake');
    const masked = await DomoAccount.get(sb.auth, id, { withConfig: true });
    expect(masked.config!.masked).toBe(true);
    expect(masked.config!.get('username')).toBe(sb.state.accounts.get(id)!.config.username);
    expect(masked.config!.get('password')).toBeInstanceOf(Secret);
    expect(() => masked.config!.reveal()).toThrow(/masked/);
    const clear = await DomoAccount.get(sb.auth, id, { withConfig: true, unmask: true });
    expect(clear.config!.reveal().password).toBe(sb.state.accounts.get(id)!.config.password);
    expect(clear.config!.secretKeys()).toEqual(['password']);
  });

  it('reports "no stored config" for OAuth-credential accounts without a request', async () => {
    const account = await DomoAccount.get(sb.auth, idOf('google-spreadsheets'), { withConfig: true });
    expect(account.config!.stored).toBe(false);
    expect(inspect(account.config)).toContain('no stored config');
    expect(sb.sent).toHaveLength(1);
  });

  it('throws DomoNotFoundError for a missing account', async () => {
    await expect(DomoAccount.get(sb.auth, 999)).rejects.toThrow(DomoNotFoundError);
  });
});

describe('DomoAccount.create', () => {
  it('creates after checking the config against the provider', async () => {
    const account = await DomoAccount.create(sb.auth, {
      name: 'S3 landing',
      dataProviderType: 'amazon-s3',
      config: { accessKey: 'AKIA', secretKey: new Secret('s3-secret'), bucket: 'b' },
    });
    expect(account).toMatchObject({ id: 13, displayName: 'S3 landing' });
    expect(sb.state.accounts.get(13)!.config).toEqual({ accessKey: 'AKIA', secretKey: 's3-secret', bucket: 'b' });
    expect(account.config!.get('secretKey')).toBeInstanceOf(Secret);
  });

  it.each([
    [{ accessKey: 'A', bucket: 'b' }, /missing required keys: secretKey/],
    [
      { accessKey: 'A', secretKey: 'S', bucket: 'b', nope: 1 },
      /unknown amazon-s3 config keys: nope; valid keys: accessKey, secretKey, bucket, region, allowExternalUse/,
    ],
    [{ accessKey: 'A', secretKey: '{encrypted}abc', bucket: 'b' }, /placeholders/],
  ])('rejects %j with no request', async (config, message) => {
    await expect(DomoAccount.create(sb.auth, { name: 'x', dataProviderType: 'amazon-s3', config })).rejects.toThrow(
      message,
    );
    expect(sb.sent).toHaveLength(0);
  });
});

describe('DomoAccount mutations', () => {
  it('renames (display name only) and refreshes, returning itself', async () => {
    const account = await DomoAccount.get(sb.auth, 1);
    expect(await account.rename('Finance creds')).toBe(account);
    expect(account).toMatchObject({ displayName: 'Finance creds', name: 'domo_creds' });
    sb.state.accounts.get(1)!.displayName = 'changed elsewhere';
    await account.refresh();
    expect(account.displayName).toBe('changed elsewhere');
  });

  it('deletes', async () => {
    const account = await DomoAccount.get(sb.auth, 4);
    await account.delete();
    expect(sb.state.accounts.has(4)).toBe(false);
  });

  it('updateConfig merges with the current config so no secret is wiped', async () => {
    const id = idOf('snowflake');
    const before = { ...sb.state.accounts.get(id)!.config };
    const account = await DomoAccount.get(sb.auth, id);
    expect(await account.updateConfig({ role: 'LOADER', username: undefined })).toBe(account);
    expect(sb.state.accounts.get(id)!.config).toEqual({ ...before, role: 'LOADER' });
    expect(account.config!.masked).toBe(true);
  });

  it('updateConfig with null clears a field, and replace: true replaces the whole config', async () => {
    const id = idOf('snowflake');
    const account = await DomoAccount.get(sb.auth, id);
    await account.updateConfig({ role: null });
    expect(sb.state.accounts.get(id)!.config.role).toBeNull();
    await account.updateConfig({ account: 'a1', username: 'u1', password: new Secret('p1') }, { replace: true });
    expect(sb.state.accounts.get(id)!.config).toEqual({ account: 'a1', username: 'u1', password: 'p1' });
  });

  it('updateConfig refuses, with no write, a replace that lacks required keys or a key the provider lacks', async () => {
    const id = idOf('snowflake');
    const before = { ...sb.state.accounts.get(id)!.config };
    const account = await DomoAccount.get(sb.auth, id);
    sb.sent.length = 0;
    await expect(account.updateConfig({ role: 'X' }, { replace: true })).rejects.toThrow(
      /missing required keys: account, username, password/,
    );
    await expect(account.updateConfig({ pasword: 'typo' })).rejects.toThrow(DomoInputError);
    expect(sb.sent).toHaveLength(0);
    expect(sb.state.accounts.get(id)!.config).toEqual(before);
  });

  it('updateConfig notices a field Domo did not keep', async () => {
    const id = idOf('amazon-s3');
    sb.server.use(
      http.get(`*/api/data/v1/providers/amazon-s3/account/${id}`, ({ request }) =>
        new URL(request.url).searchParams.get('unmask') === 'false' ? HttpResponse.json({ accessKey: 'x' }) : undefined,
      ),
    );
    const account = await DomoAccount.get(sb.auth, id);
    await expect(account.updateConfig({ region: 'eu-west-1' })).rejects.toThrow(/did not keep/);
  });
});

describe('DomoAccount sharing', () => {
  it('shares with CAN_VIEW by default, changes the level, and unshares', async () => {
    const user = participant();
    const account = await DomoAccount.get(sb.auth, 3);
    await account.share({ userId: user.id });
    expect(sharesOf(3)).toContainEqual({ type: 'USER', id: user.id, accessLevel: 'CAN_VIEW' });
    await account.share({ userId: user.id, accessLevel: AccessLevel.CAN_EDIT });
    expect(sharesOf(3)).toContainEqual({ type: 'USER', id: user.id, accessLevel: 'CAN_EDIT' });
    const group = [...sb.state.groups.values()][4]!;
    await account.share({ groupId: group.id, accessLevel: 'CAN_SHARE' });
    expect(sharesOf(3)).toContainEqual({ type: 'GROUP', id: group.id, accessLevel: 'CAN_SHARE' });
    await account.unshare({ userId: user.id });
    expect(sharesOf(3).some((s) => s.id === user.id)).toBe(false);
    const access = await account.getAccess();
    expect(access).toBe(account.access);
    expect(access.find((row) => row.id === group.id)).toMatchObject({ type: 'GROUP', name: group.name });
  });

  it('share and unshare report what changed; an access already there sends nothing', async () => {
    const user = participant();
    const account = await DomoAccount.get(sb.auth, 3);
    const viewer = { type: 'USER', id: user.id, accessLevel: 'CAN_VIEW' };
    const editor = { ...viewer, accessLevel: 'CAN_EDIT' };
    expect(await account.share({ userId: user.id })).toEqual({ added: [viewer], removed: [] });
    const sent = sb.sent.length;
    expect(await account.share({ userId: user.id })).toEqual({ added: [], removed: [] });
    expect(sb.sent.slice(sent).map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'GET /api/data/v2/accounts/share/3',
    ]);
    expect(await account.share({ userId: user.id, accessLevel: 'CAN_EDIT' })).toEqual({
      added: [editor],
      removed: [viewer],
    });
    expect(account.access?.find((e) => e.id === user.id)?.accessLevel).toBe('CAN_EDIT');
    expect(await account.unshare({ userId: user.id })).toEqual({ added: [], removed: [editor] });
    expect(await account.unshare({ userId: user.id })).toEqual({ added: [], removed: [] });
  });

  it('a 500 for an access given meanwhile (the read was stale) succeeds, verified by re-reading', async () => {
    const user = participant();
    const account = await DomoAccount.get(sb.auth, 3);
    await account.share({ userId: user.id });
    sb.server.use(http.get('*/api/data/v2/accounts/share/:id', () => HttpResponse.json({ list: [] }), { once: true }));
    await account.share({ userId: user.id });
    expect(sb.sent.map((r) => `${r.method} ${r.url.pathname}`).slice(-4)).toEqual([
      'GET /api/data/v2/accounts/share/3',
      'POST /api/identity/v1/users/search', // the user is live
      'PUT /api/data/v2/accounts/share/3',
      'GET /api/data/v2/accounts/share/3',
    ]);
  });

  it('a 500 that did not share stays an error', async () => {
    sb.server.use(
      http.put(
        '*/api/data/v2/accounts/share/:id',
        () => new HttpResponse(null, { status: 500, statusText: 'Internal Server Error' }),
      ),
    );
    const account = await DomoAccount.get(sb.auth, 3);
    await expect(account.share({ userId: participant().id })).rejects.toThrow(DomoServerError);
  });

  it('transfers ownership: new owner first, then the old one removed', async () => {
    const user = participant();
    const account = await DomoAccount.get(sb.auth, 1);
    await account.transferOwnership({ toUserId: user.id });
    expect(sharesOf(1)).toContainEqual({ type: 'USER', id: user.id, accessLevel: 'OWNER' });
    expect(sharesOf(1).some((s) => s.type === 'USER' && s.id === sb.state.adminUserId)).toBe(false);
    expect(account.access!.some((row) => row.id === user.id && row.accessLevel === 'OWNER')).toBe(true);
  });

  it('reports a half-done transfer: the new owner added, the old one kept', async () => {
    const user = participant();
    sb.server.use(
      http.put('*/api/data/v2/accounts/share/:id', async ({ request }) => {
        const body = (await request.clone().json()) as { accessLevel: string };
        return body.accessLevel === 'NONE'
          ? HttpResponse.json({ message: 'revoke refused' }, { status: 403 })
          : undefined;
      }),
    );
    const account = await DomoAccount.get(sb.auth, 1);
    const error = (await account
      .transferOwnership({ toUserId: user.id, fromUserId: sb.state.adminUserId })
      .catch((e: unknown) => e)) as DomoPartialFailureError;
    expect(error).toBeInstanceOf(DomoPartialFailureError);
    expect(error.message).toMatch(
      new RegExp(
        `user ${user.id} is now an owner of account 1, but removing user ${sb.state.adminUserId} failed, so they kept their access`,
      ),
    );
    expect(error.completed).toEqual([`granted OWNER to user ${user.id}`]);
    expect(
      sharesOf(1)
        .filter((s) => s.accessLevel === 'OWNER')
        .map((s) => s.id)
        .sort(),
    ).toEqual([sb.state.adminUserId, user.id].sort());
  });

  it('refuses a transfer to the same user', async () => {
    const account = await DomoAccount.get(sb.auth, 1);
    await expect(
      account.transferOwnership({ toUserId: sb.state.adminUserId, fromUserId: sb.state.adminUserId }),
    ).rejects.toThrow(DomoInputError);
  });
});

describe('DomoAccount.toAuth', () => {
  it('turns a domo-access-token account into a working token auth', async () => {
    const derived = await (await DomoAccount.get(sb.auth, idOf('domo-access-token'))).toAuth();
    expect(derived).toBeInstanceOf(DomoTokenAuth);
    expect(derived.instance).toBe(sb.state.instance);
    expect((await derived.whoAmI()).id).toBe(sb.state.adminUserId);
  });

  it('turns an abstract-credential-store account with a username and password into a session auth', async () => {
    const derived = await (await DomoAccount.get(sb.auth, idOf('abstract-credential-store'))).toAuth();
    expect(derived.kind).toBe('full');
    expect(derived.userId).toBe(sb.state.adminUserId);
  });

  it('fails clearly for refused credentials and other providers', async () => {
    const id = idOf('domo-access-token');
    sb.state.accounts.get(id)!.config.domoAccessToken = 'revoked-token';
    await expect((await DomoAccount.get(sb.auth, id)).toAuth()).rejects.toThrow(DomoAuthError);
    await expect((await DomoAccount.get(sb.auth, idOf('snowflake'))).toAuth()).rejects.toThrow(
      /holds no Domo credentials/,
    );
  });
});

describe('secrets', () => {
  it('never shows a config secret in inspect, JSON, String or errors', async () => {
    const CANARY = 'canary-config-secret-9x8y';
    const id = idOf('snowflake');
    sb.state.accounts.get(id)!.config.password = CANARY;
    const account = await DomoAccount.get(sb.auth, id, { withConfig: true, unmask: true });
    const config = account.config as AccountConfig;
    const shown = [
      inspect(account, { depth: 5, showHidden: false }),
      JSON.stringify(account),
      String(account),
      inspect(config),
      JSON.stringify(config),
      String(config),
      inspect([account]),
      JSON.stringify({ list: [account] }),
    ];
    for (const text of shown) expect(text).not.toContain(CANARY);
    expect(config.reveal().password).toBe(CANARY);
    sb.server.use(
      http.put('*/api/data/v1/providers/snowflake/account/:id', () =>
        HttpResponse.json({ message: `rejected password ${CANARY}` }, { status: 400 }),
      ),
    );
    const error = (await account.updateConfig({ role: 'X' }).catch((e: unknown) => e)) as Error;
    expect(`${inspect(error)} ${JSON.stringify(error)} ${error.stack}`).not.toContain(CANARY);
  });
});
