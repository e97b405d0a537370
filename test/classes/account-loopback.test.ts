// Two instances on loopback: no msw in this file.
import { afterEach, describe, expect, it } from 'vitest';
import { DomoAccount, DomoInputError, DomoRoles, DomoTokenAuth } from '../../src/index.js';
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

describe('DomoRole.copyTo', () => {
  const named = (sb: RunningSandbox, name: string) => [...sb.state.roles.values()].find((r) => r.name === name);

  it('creates the role there with the grants and description, then updates it (members kept) on the next copy', async () => {
    const source = await instance('source', 1);
    const target = await instance('target', 2);
    const finance = await new DomoRoles(source.auth).getByName('Finance Editors');
    const existing = named(target.sb, 'Finance Editors')!;
    target.sb.state.roles.delete(existing.id);
    const copy = await finance.copyTo(target.auth, { name: 'Finance Editors' });
    expect(copy.auth).toBe(target.auth);
    expect(named(target.sb, 'Finance Editors')).toMatchObject({ description: finance.description });
    expect([...named(target.sb, 'Finance Editors')!.authorities].sort()).toEqual(
      [...named(source.sb, 'Finance Editors')!.authorities].sort(),
    );
    const stewards = named(source.sb, 'Data Stewards')!;
    stewards.description = 'copied words';
    const member = [...target.sb.state.users.values()].find((u) => !u.deleted && u.id !== target.sb.state.adminUserId)!;
    member.roleId = copy.id;
    const again = await (
      await new DomoRoles(source.auth).getByName('Data Stewards')
    ).copyTo(target.auth, {
      name: 'finance editors',
    });
    expect(again.id).toBe(copy.id);
    expect(target.sb.state.roles.get(copy.id)).toMatchObject({ description: 'copied words' });
    expect([...target.sb.state.roles.get(copy.id)!.authorities].sort()).toEqual([...stewards.authorities].sort());
    expect(member.roleId).toBe(copy.id);
  });

  it('refuses a system role there, and a grant the target does not know, sending nothing', async () => {
    const source = await instance('source', 1);
    const target = await instance('target', 2);
    const finance = await new DomoRoles(source.auth).getByName('Finance Editors');
    await expect(finance.copyTo(target.auth, { name: 'Editor' })).rejects.toThrow(
      /"Editor" is a system role in target/,
    );
    const other = await instance('other', 3);
    const grant = named(source.sb, 'Finance Editors')!.authorities[0]!;
    other.sb.state.authorities.delete(grant);
    const before = named(other.sb, 'Finance Editors')!.authorities.length;
    await expect(finance.copyTo(other.auth)).rejects.toThrow(DomoInputError);
    expect(named(other.sb, 'Finance Editors')!.authorities).toHaveLength(before);
  });
});
