// Two instances on loopback: no msw in this file.
import { afterEach, describe, expect, it } from 'vitest';
import { DomoAccount, DomoTokenAuth } from '../../src/index.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';

const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sb) => sb.close()));
});

async function instance(name: string, seed: number) {
  const sb = await startSandbox({ instance: name, seed });
  running.push(sb);
  return { sb, auth: new DomoTokenAuth({ instance: name, token: sb.token, baseUrl: sb.url }) };
}

describe('DomoAccount.copyTo', () => {
  it('creates the account in the target instance, then updates it there on the next copy', async () => {
    const source = await instance('source', 1);
    const target = await instance('target', 2);
    const account = await DomoAccount.get(source.auth, 3);
    const copy = await account.copyTo(target.auth);
    expect(copy.auth).toBe(target.auth);
    expect(copy.displayName).toBe(account.displayName);
    const stored = target.sb.state.accounts.get(copy.id)!;
    expect(stored.config).toEqual(source.sb.state.accounts.get(3)!.config);
    source.sb.state.accounts.get(3)!.config.role = 'CHANGED';
    const again = await account.copyTo(target.auth);
    expect(again.id).toBe(copy.id);
    expect(target.sb.state.accounts.get(copy.id)!.config.role).toBe('CHANGED');
    expect([...target.sb.state.accounts.values()].filter((a) => a.displayName === account.displayName)).toHaveLength(1);
  });

  it('copies under another name', async () => {
    const source = await instance('source', 1);
    const target = await instance('target', 2);
    const copy = await (await DomoAccount.get(source.auth, 4)).copyTo(target.auth, { name: 'S3 from source' });
    expect(copy.displayName).toBe('S3 from source');
  });
});

describe('DomoAccount.toAuth across instances', () => {
  it('derives an auth for the instance an abstract-credential-store account names', async () => {
    const home = await instance('home', 1);
    const other = await instance('other', 5);
    const id = [...home.sb.state.accounts.values()].find((a) => a.dataProviderType === 'abstract-credential-store')!.id;
    home.sb.state.accounts.get(id)!.config = {
      credentials: JSON.stringify({
        DOMO_INSTANCE: 'other',
        DOMO_BASE_URL: other.sb.url,
        DOMO_ACCESS_TOKEN: other.sb.token,
      }),
    };
    const derived = await (await DomoAccount.get(home.auth, id)).toAuth();
    expect(derived).toBeInstanceOf(DomoTokenAuth);
    expect(derived.instance).toBe('other');
    expect(derived.baseUrl).toBe(other.sb.url);
    expect((await derived.whoAmI()).id).toBe(other.sb.state.adminUserId);
    expect(other.sb.state.requests.length).toBeGreaterThan(0);
  });
});
