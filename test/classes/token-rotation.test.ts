// Rotating an access token without downtime, through the public API against the in-process sandbox: create → store
// in the credential account → prove it works → revoke the old one; and each of the four steps failing, which must
// leave the old token working, the account holding a working token, and an exact report naming what exists.
import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { DomoAccessTokens, DomoAccount, DomoRotationError } from '../../src/index.js';
import { whoAmI } from '../../src/routes/index.js';
import { BASE, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 20, accounts: 12 });

/** The seeded `domo-access-token` account and the token it holds. */
function storedToken() {
  const account = [...sb.state.accounts.values()].find((a) => a.dataProviderType === 'domo-access-token')!;
  const value = account.config.domoAccessToken as string;
  const record = sb.state.accessTokenOf(value)!;
  return { account, value, record };
}
const works = async (value: string) => (await whoAmI(sb.authWith({ token: value, retry: 0 }))).data.id;
const held = (accountId: number) => sb.state.accounts.get(accountId)!.config.domoAccessToken as string;

describe('DomoAccessToken.rotate', () => {
  it('creates the successor, stores it in the account, proves it, then revokes the old one', async () => {
    const { account, value: oldValue, record } = storedToken();
    const token = await new DomoAccessTokens(sb.auth).get(String(record.id));
    const result = await token.rotate({ storeIn: await DomoAccount.get(sb.auth, account.id), lifetimeDays: 60 });
    expect(result.done).toEqual([
      expect.stringMatching(/^created token \d+$/),
      `stored token ${result.token.id} in account ${account.id} (domoAccessToken)`,
      `token ${result.token.id} works as user ${record.ownerId}`,
      `revoked token ${record.id}`,
    ]);
    expect(result.token.name).toBe(record.name);
    expect(result.token.expiresInDays()).toBe(60);
    expect(result.token.value).toBeUndefined(); // it went into the account: nothing to print
    expect(result.storedIn).toEqual({ id: account.id, name: account.displayName, field: 'domoAccessToken' });
    const newValue = held(account.id);
    expect(newValue).not.toBe(oldValue);
    expect(await works(newValue)).toBe(record.ownerId);
    await expect(works(oldValue)).rejects.toThrow(/401/);
    const printed = JSON.stringify(result) + inspect(result, { depth: 6 });
    expect(printed).not.toContain(newValue);
    expect(printed).not.toContain(oldValue);
  });

  it('without an account: the new token carries its value (a Secret), and the old one is revoked', async () => {
    const owner = [...sb.state.users.values()].find((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId)!;
    const oldValue = sb.state.issueToken(owner.id, { name: 'script' });
    const result = await new DomoAccessTokens(sb.auth).rotate('script');
    expect(await works(result.token.value!.reveal())).toBe(owner.id);
    await expect(works(oldValue)).rejects.toThrow(/401/);
  });

  it('create fails: nothing made, the old token works, the account untouched', async () => {
    const { account, value, record } = storedToken();
    sb.server.use(http.post(`${BASE}/api/data/v1/accesstokens`, () => HttpResponse.json({}, { status: 500 })));
    const error = await rotate(account.id, record.id);
    expect(error.step).toBe('create');
    expect(error.newTokenId).toBeUndefined();
    expect(error.completed).toEqual([]);
    expect(error.message).toMatch(/stopped at "create".*the old token \d+ still works; no new token was made/);
    expect(held(account.id)).toBe(value);
    expect(await works(value)).toBe(record.ownerId);
  });

  it('the config write fails: the old token works and is still in the account; the new one named to revoke', async () => {
    const { account, value, record } = storedToken();
    sb.server.use(
      http.put(`${BASE}/api/data/v1/providers/domo-access-token/account/${account.id}`, () =>
        HttpResponse.json({ message: 'nope' }, { status: 500 }),
      ),
    );
    const error = await rotate(account.id, record.id);
    expect(error.step).toBe('store');
    expect(error.newTokenId).toMatch(/^\d+$/);
    expect(error.completed).toEqual([`created token ${error.newTokenId}`]);
    expect(error.message).toContain(`revoke it by id (domo-admin tokens revoke ${error.newTokenId})`);
    expect(held(account.id)).toBe(value);
    expect(await works(value)).toBe(record.ownerId);
  });

  it('the new token is refused: the account is put back to the old token, which still works', async () => {
    const { account, value, record } = storedToken();
    // Every token but the admin's and the old one is refused, as if the new token did not work.
    sb.server.use(
      http.get(`${BASE}/api/content/v2/users/me`, ({ request }) => {
        const token = request.headers.get('x-domo-developer-token');
        return token === sb.state.adminToken || token === value
          ? undefined
          : HttpResponse.json({ message: 'Invalid or expired credentials' }, { status: 401 });
      }),
    );
    const error = await rotate(account.id, record.id);
    expect(error.step).toBe('verify');
    expect(error.message).toContain(`account ${account.id} holds the old token again`);
    expect(held(account.id)).toBe(value);
    expect(await works(value)).toBe(record.ownerId);
    expect(sb.state.accessTokens.has(Number(error.newTokenId))).toBe(true); // named, to revoke by hand
  });

  it('the revoke fails: both work, the account holds the new one, and the report says to revoke the old by id', async () => {
    const { account, value, record } = storedToken();
    sb.server.use(
      http.delete(`${BASE}/api/data/v1/accesstokens/${record.id}`, () => HttpResponse.json({}, { status: 500 })),
    );
    const error = await rotate(account.id, record.id);
    expect(error.step).toBe('revoke');
    expect(error.completed).toHaveLength(3);
    expect(error.message).toMatch(
      /the old token \d+ still works too \(revoke it by id\); the new token \d+ works and is in account/,
    );
    expect(await works(value)).toBe(record.ownerId);
    expect(await works(held(account.id))).toBe(record.ownerId);
  });
});

async function rotate(accountId: number, tokenId: number): Promise<DomoRotationError> {
  const auth = sb.authWith({ retry: 0 });
  const token = await new DomoAccessTokens(auth).get(String(tokenId));
  const error = await token.rotate({ storeIn: await DomoAccount.get(auth, accountId) }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DomoRotationError);
  for (const value of [...sb.state.accessTokens.values()].map((t) => t.value))
    expect(String((error as Error).message)).not.toContain(value);
  return error as DomoRotationError;
}
