// Revoking access tokens from a plan, through the public API against the in-process sandbox: the selection (expired,
// owner deleted, one owner's, by name), the saved plan and its stale check, and the exact report of a revocation
// that stops part-way.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  applyTokenRevocationPlan,
  DomoStaleTokenPlanError,
  executeTokenRevocation,
  loadTokenRevocationPlan,
  planTokenRevocation,
  saveTokenRevocationPlan,
} from '../../src/audit/index.js';
import { DomoInputError, DomoPartialFailureError } from '../../src/index.js';
import { BASE, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 20, accounts: 3, riskyTokens: false });
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);
const named = (name: string) => [...sb.state.accessTokens.values()].find((t) => t.name === name);

describe('revoking access tokens from a plan', () => {
  it('selects expired tokens, those of deleted owners, one owner’s and named ones, each with why', async () => {
    const [a, b, c] = live();
    sb.state.issueToken(a!.id, { name: 'expired', expires: Date.now() - 1 });
    sb.state.issueToken(b!.id, { name: 'orphan' });
    b!.deleted = true;
    b!.emailAddress += '_deleted_1700000000000';
    sb.state.issueToken(c!.id, { name: 'c one' });
    sb.state.issueToken(c!.id, { name: 'c two' });
    sb.state.issueToken(a!.id, { name: 'kept' });
    const plan = await planTokenRevocation(sb.auth, { expired: true, ownerDeleted: true, owner: c!.emailAddress });
    expect(plan.tokens.map((t) => [t.name, t.reason])).toEqual([
      ['expired', 'expired'],
      ['orphan', 'owner deleted'],
      ['c one', `owned by ${c!.emailAddress}`],
      ['c two', `owned by ${c!.emailAddress}`],
    ]);
    const byName = await planTokenRevocation(sb.auth, { tokens: ['KEPT'] });
    expect(byName.tokens.map((t) => [t.name, t.reason])).toEqual([['kept', 'named']]);
    await expect(planTokenRevocation(sb.auth, {})).rejects.toBeInstanceOf(DomoInputError);
    expect(sb.state.counters.mutations).toBe(0);
    expect(await executeTokenRevocation(sb.auth, plan)).toHaveLength(4);
    expect(named('kept')).toBeDefined();
    for (const name of ['expired', 'orphan', 'c one', 'c two']) expect(named(name)).toBeUndefined();
  });

  it('a revocation that stops part-way names exactly the tokens revoked; the rest still work', async () => {
    const owner = live()[3]!;
    for (const name of ['t1', 't2', 't3']) sb.state.issueToken(owner.id, { name });
    const plan = await planTokenRevocation(sb.auth, { owner: owner.id });
    const second = named('t2')!.id;
    sb.server.use(
      http.delete(`${BASE}/api/data/v1/accesstokens/${second}`, () =>
        HttpResponse.json({ message: 'Internal Server Error' }, { status: 500 }),
      ),
    );
    const error = (await executeTokenRevocation(sb.authWith({ retry: 0 }), plan).catch(
      (e: unknown) => e,
    )) as DomoPartialFailureError;
    expect(error).toBeInstanceOf(DomoPartialFailureError);
    expect(error.completed).toEqual([`revoked token ${plan.tokens[0]!.id}`]);
    expect(named('t1')).toBeUndefined();
    expect(error.message).toMatch(/stopped at token \d+ "t2" after 1 of 3/);
    expect(named('t2')).toBeDefined();
    expect(named('t3')).toBeDefined();
  });

  it('a saved plan applies while it holds, and is refused (nothing revoked) once the selection names others', async () => {
    const owner = live()[4]!;
    sb.state.issueToken(owner.id, { name: 'x1' });
    const file = loadTokenRevocationPlan(
      JSON.stringify(saveTokenRevocationPlan(await planTokenRevocation(sb.auth, { owner: owner.emailAddress }))),
      { file: 'plan.json' },
    );
    sb.state.issueToken(owner.id, { name: 'x2' });
    const stale = (await applyTokenRevocationPlan(sb.auth, file).catch((e: unknown) => e)) as DomoStaleTokenPlanError;
    expect(stale).toBeInstanceOf(DomoStaleTokenPlanError);
    expect(stale.differences).toEqual([expect.stringMatching(/^token \d+ "x2" is selected now$/)]);
    expect(named('x1')).toBeDefined();
    sb.state.revokeAccessToken(named('x2')!.id);
    expect((await applyTokenRevocationPlan(sb.auth, file)).revoked).toHaveLength(1);
    expect(named('x1')).toBeUndefined();
  });
});
