// A leaver's access tokens in an offboarding, through the public API against the in-process sandbox: revoked by
// default (each acts as them), re-issued for another user with `tokens: { reissueFor }` (same name and expiry, the
// value told once), or left; a saved plan is stale when their tokens changed; a caller who cannot read tokens gets a
// plan that says so.
import { describe, expect, it } from 'vitest';
import {
  applyOffboardingPlan,
  DomoStaleOffboardingError,
  loadOffboardingPlan,
  offboardUser,
  planOffboarding,
  saveOffboardingPlan,
} from '../../src/audit/index.js';
import { DomoInputError, type DomoAccessToken } from '../../src/index.js';
import { whoAmI } from '../../src/routes/index.js';
import { people } from '../helpers/audit.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 30, accounts: 3 });
const works = async (value: string) => (await whoAmI(sb.authWith({ token: value, retry: 0 }))).data.id;

/** A user with two tokens (one expiring in 40 days), and who takes over. */
function leaver() {
  const [user, next, keeper] = people(sb.state);
  const a = sb.state.issueToken(user!.id, { name: 'etl' });
  const b = sb.state.issueToken(user!.id, { name: 'sync', expires: Date.now() + 40 * 86_400_000 });
  return { user: user!, next: next!, keeper: keeper!, values: [a, b] };
}

describe('offboarding and access tokens', () => {
  it("revokes the leaver's tokens by default: listed in the plan, gone after, recorded as not undoable", async () => {
    const { user, next, values } = leaver();
    const plan = await planOffboarding(sb.auth, user.emailAddress, { to: next.emailAddress });
    expect(plan.accessTokens?.map((t) => t.name)).toEqual(['etl', 'sync']);
    expect(plan.steps.filter((s) => s.startsWith('access token'))).toEqual([
      expect.stringMatching(/^access token #\d+ "etl" of .*: revoked/),
      expect.stringMatching(/^access token #\d+ "sync" of .*: revoked/),
    ]);
    const { snapshot } = await offboardUser(sb.auth, user.emailAddress, { to: next.emailAddress });
    for (const value of values) await expect(works(value)).rejects.toThrow(/401/);
    expect([...sb.state.accessTokens.values()].some((t) => t.ownerId === user.id)).toBe(false);
    expect(snapshot.notUndone.filter((line) => line.includes('revoked'))).toHaveLength(2);
    expect(JSON.stringify(snapshot)).not.toContain(values[0]);
  });

  it('re-issues them for another user: same names, the expiry kept, each value told once; the old ones revoked', async () => {
    const { user, next, keeper, values } = leaver();
    const issued: DomoAccessToken[] = [];
    const { plan, snapshot } = await offboardUser(sb.auth, user.emailAddress, {
      to: next.emailAddress,
      tokens: { reissueFor: keeper.emailAddress },
      onTokenIssued: (token) => issued.push(token),
    });
    expect(
      plan.steps.filter((s) => s.includes(`a new token of the same name for ${keeper.emailAddress}`)),
    ).toHaveLength(2);
    expect(issued.map((t) => t.name).sort()).toEqual(['etl', 'sync']);
    for (const token of issued) expect(await works(token.value!.reveal())).toBe(keeper.id);
    expect(issued.find((t) => t.name === 'sync')!.expiresInDays()).toBe(40);
    for (const value of values) await expect(works(value)).rejects.toThrow(/401/);
    const printed = JSON.stringify({ plan, snapshot });
    for (const token of issued) expect(printed).not.toContain(token.value!.reveal());
    expect(snapshot.notUndone).toContainEqual(expect.stringMatching(/issued for .*\(revoke it by id to undo\)/));
  });

  it("tokens: 'leave' leaves them; a group cannot be given tokens", async () => {
    const { user, next, values } = leaver();
    const { plan } = await offboardUser(sb.auth, user.emailAddress, { to: next.emailAddress, tokens: 'leave' });
    expect(plan.steps.some((s) => s.startsWith('access token'))).toBe(false);
    for (const value of values) expect(await works(value)).toBe(user.id);
    const group = [...sb.state.groups.values()].find((g) => g.type === 'closed')!;
    await expect(
      planOffboarding(sb.auth, user.emailAddress, {
        to: next.emailAddress,
        tokens: { reissueFor: `group:${group.name}` },
      }),
    ).rejects.toBeInstanceOf(DomoInputError);
  });

  it('a saved plan is refused once the user has another token, and applies while it holds', async () => {
    const { user, next } = leaver();
    const text = JSON.stringify(
      saveOffboardingPlan(await planOffboarding(sb.auth, user.emailAddress, { to: next.emailAddress })),
    );
    const extra = sb.state.issueToken(user.id, { name: 'late' });
    const error = await applyOffboardingPlan(sb.auth, loadOffboardingPlan(text)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomoStaleOffboardingError);
    expect((error as Error).message).toMatch(/1 more access token\(s\) now/);
    expect(await works(extra)).toBe(user.id);
    sb.state.revokeAccessToken(sb.state.accessTokenOf(extra)!.id);
    const { done } = await applyOffboardingPlan(sb.auth, loadOffboardingPlan(text));
    expect(done.filter((d) => d.startsWith('access token'))).toHaveLength(2);
  });

  it('a caller who cannot read tokens: the plan says they are left; a re-issue is refused', async () => {
    const { user, next, keeper, values } = leaver();
    // An admin in all but the token grants: a role with every Admin grant except those two.
    const admin = sb.state.roles.get(1)!;
    const noTokens = ['admin.authentication.manage', 'admin.settings.manage'];
    sb.state.roles.set(999, {
      ...admin,
      id: 999,
      name: 'Admin without tokens',
      authorities: admin.authorities.filter((a) => !noTokens.includes(a)),
    });
    const manager = [...sb.state.users.values()].find(
      (u) => !u.deleted && !u.locked && u.roleId === 4 && u.id !== user.id && u.id !== next.id && u.id !== keeper.id,
    )!;
    manager.roleId = 999;
    const auth = sb.authWith({ token: sb.state.issueToken(manager.id) });
    const plan = await planOffboarding(auth, user.emailAddress, { to: next.emailAddress });
    expect(plan.tokensUnread).toMatch(/403|admin\.authentication\.manage/);
    expect(plan.accessTokens).toBeUndefined();
    await expect(
      planOffboarding(auth, user.emailAddress, { to: next.emailAddress, tokens: { reissueFor: keeper.id } }),
    ).rejects.toThrow(/cannot be read to re-issue them/);
    expect(await works(values[0]!)).toBe(user.id);
  });

  it('the signed-in user: their tokens are left (revoking them would cut off the offboarding), a re-issue refused', async () => {
    const [, next, keeper] = people(sb.state);
    const me = sb.state.adminUserId;
    const plan = await planOffboarding(sb.auth, me, { to: next!.emailAddress });
    expect(plan.tokensUnread).toMatch(/signed-in user/);
    expect(plan.steps.some((s) => s.startsWith('access token'))).toBe(false);
    await expect(
      planOffboarding(sb.auth, me, { to: next!.emailAddress, tokens: { reissueFor: keeper!.id } }),
    ).rejects.toThrow(/signed-in user/);
  });
});
