// The access-token family through the public API against the in-process sandbox: the list (owners read with it,
// never a value), create (the value once, as a Secret), get/resolve by id or name, revoke proven by the list, and a
// token that stops working when revoked or expired — Domo's 401.
import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  DomoAccessToken,
  DomoAccessTokens,
  DomoAmbiguousNameError,
  DomoAuthError,
  DomoInputError,
  DomoNotFoundError,
  DomoUser,
  Secret,
} from '../../src/index.js';
import { whoAmI } from '../../src/routes/index.js';
import { BASE, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 20, accounts: 4 });
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);
const as = (token: string) => sb.authWith({ token, retry: 0 });

describe('DomoAccessTokens', () => {
  it('lists every token with its owner (email, deleted, active), never a value', async () => {
    const [grace, gone] = live();
    sb.state.issueToken(grace!.id, { name: 'etl nightly' });
    sb.state.issueToken(gone!.id, { name: 'old sync' });
    gone!.locked = true;
    const page = await new DomoAccessTokens(sb.auth).list();
    expect(page.length).toBe(sb.state.accessTokens.size);
    const etl = page.find((t) => t.name === 'etl nightly')!;
    expect(etl).toBeInstanceOf(DomoAccessToken);
    expect(etl.owner).toBeInstanceOf(DomoUser);
    expect(etl.owner).toMatchObject({ id: grace!.id, email: grace!.emailAddress, active: true });
    expect(page.find((t) => t.name === 'old sync')!.owner?.active).toBe(false);
    expect(etl.expiresInDays()).toBe(365);
    expect(etl.value).toBeUndefined();
    const printed = JSON.stringify(page) + inspect(page, { depth: 5 }) + page.map(String).join();
    for (const record of sb.state.accessTokens.values()) expect(printed).not.toContain(record.value);
  });

  it("owners are read once for the list (one search), not once per token; a deleted owner's token stays listed", async () => {
    const owner = live()[2]!;
    for (let i = 0; i < 5; i += 1) sb.state.issueToken(owner.id, { name: `bot ${i}` });
    owner.deleted = true; // as Domo leaves it: the tokens of a deleted user stay listed
    owner.emailAddress = `${owner.emailAddress}_deleted_1700000000000`;
    sb.sent.length = 0;
    const tokens = await new DomoAccessTokens(sb.auth).list();
    expect(sb.sent.filter((r) => r.url.pathname === '/api/identity/v1/users/search')).toHaveLength(1);
    const mine = tokens.filter((t) => t.ownerId === owner.id);
    expect(mine).toHaveLength(5);
    for (const t of mine) {
      expect(t.owner?.isDeleted).toBe(true);
      expect(t.ownerName).toBeNull(); // Domo's list: null once the owner is deleted
    }
  });

  it('create: the value once, as a Secret that never prints; it works as its owner until revoked', async () => {
    const owner = live()[3]!;
    const tokens = new DomoAccessTokens(sb.auth);
    const token = await tokens.create({ name: 'ci', owner: owner.emailAddress, lifetimeDays: 30 });
    expect(token.value).toBeInstanceOf(Secret);
    const value = token.value!.reveal();
    expect(value).toMatch(/^sbx-/);
    for (const shown of [JSON.stringify(token), inspect(token, { depth: 5 }), String(token), JSON.stringify(token.raw)])
      expect(shown).not.toContain(value);
    expect(token.expiresInDays()).toBe(30);
    expect((await whoAmI(as(value))).data.id).toBe(owner.id);
    expect(await token.revoke()).toBe(true);
    await expect(whoAmI(as(value))).rejects.toBeInstanceOf(DomoAuthError);
    expect(sb.state.accessTokens.has(Number(token.id))).toBe(false);
    expect(await token.revoke()).toBe(false); // gone already: not an error
  });

  it('create refuses a bad name, lifetime or owner before anything is sent', async () => {
    const tokens = new DomoAccessTokens(sb.auth);
    const deleted = [...sb.state.users.values()].find((u) => u.deleted)!;
    const owner = live()[0]!.id;
    for (const input of [
      { name: ' ', owner, lifetimeDays: 30 },
      { name: 'x', owner, lifetimeDays: 0 },
      { name: 'x', owner, lifetimeDays: 3651 },
      { name: 'x', owner, lifetimeDays: 1.5 },
      { name: 'x', owner: deleted.id, lifetimeDays: 30 },
    ])
      await expect(tokens.create(input)).rejects.toBeInstanceOf(DomoInputError);
    expect(sb.state.counters.mutations).toBe(0);
  });

  it('an expired token answers 401 and stays listed; get finds one by id or exact name', async () => {
    const owner = live()[4]!;
    const value = sb.state.issueToken(owner.id, { name: 'Expired Sync', expires: Date.now() - 86_400_000 });
    await expect(whoAmI(as(value))).rejects.toBeInstanceOf(DomoAuthError);
    const tokens = new DomoAccessTokens(sb.auth);
    const byName = await tokens.get('expired sync');
    expect(byName.isExpired()).toBe(true);
    expect(byName.expiresInDays()).toBe(-1);
    expect((await tokens.get(byName.id)).name).toBe('Expired Sync');
    expect((await (await DomoUser.get(sb.auth, owner.id)).accessTokens()).map((t) => t.id)).toEqual([byName.id]);
  });

  it('a name two tokens share is ambiguous; unknown ones are all named, with close matches', async () => {
    const [a, b] = live();
    sb.state.issueToken(a!.id, { name: 'shared' });
    sb.state.issueToken(b!.id, { name: 'Shared' });
    const tokens = new DomoAccessTokens(sb.auth);
    await expect(tokens.get('shared')).rejects.toBeInstanceOf(DomoAmbiguousNameError);
    const error = (await tokens.resolve(['sharex', '999999']).catch((e: unknown) => e)) as DomoNotFoundError;
    expect(error).toBeInstanceOf(DomoNotFoundError);
    expect(error.message).toContain('"sharex" (did you mean "shared"');
    expect(error.message).toContain('"999999"');
  });

  it('a revoke Domo answers but does not do is caught by reading the list again', async () => {
    const owner = live()[5]!;
    sb.state.issueToken(owner.id, { name: 'sticky' });
    sb.server.use(http.delete(`${BASE}/api/data/v1/accesstokens/:id`, () => new HttpResponse(null, { status: 204 })));
    const token = await new DomoAccessTokens(sb.auth).get('sticky');
    await expect(token.revoke()).rejects.toThrow(/answered the revoke but still lists the token/);
  });
});
