import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { offboardUser, planOffboarding } from '../../src/audit/index.js';
import { DomoInputError, DomoPartialFailureError } from '../../src/index.js';
import { people } from '../helpers/audit.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 40, accounts: 6 });

/** A user who owns two accounts, an OAuth template and a group (and shares one account with someone else). */
function leaver() {
  const [user, next, other] = people(sb.state);
  for (const id of [1, 2]) {
    const account = sb.state.accounts.get(id)!;
    account.shares = [
      { type: 'USER', id: user!.id, accessLevel: 'OWNER' },
      ...account.shares.filter((s) => s.accessLevel !== 'OWNER'),
    ];
  }
  sb.state.accounts.get(2)!.shares.push({ type: 'USER', id: other!.id, accessLevel: 'CAN_VIEW' });
  const template = [...sb.state.templates.values()][0]!;
  template.shares = [{ type: 'USER', id: user!.id, accessLevel: 'OWNER' }];
  const group = [...sb.state.groups.values()].find((g) => g.type === 'closed')!;
  group.owners = [{ type: 'USER', id: user!.id }];
  return { user: user!, next: next!, template, group };
}

describe('offboarding', () => {
  it('plans everything the user owns, changing nothing', async () => {
    const { user, next, template, group } = leaver();
    const before = JSON.stringify([...sb.state.accounts.values()].map((a) => a.shares));
    const plan = await planOffboarding(sb.auth, user.emailAddress, { to: next.emailAddress, deleteUser: true });
    expect(plan.accounts.map((a) => a.id)).toEqual([1, 2]);
    expect(plan.templates.map((t) => t.id)).toEqual([template.id]);
    expect(plan.groups.map((g) => g.id)).toEqual([group.id]);
    expect(plan.user.role).toBe(sb.state.roles.get(user.roleId)!.name);
    expect(plan.steps).toHaveLength(5);
    expect(plan.steps.at(-1)).toContain(`delete user #${user.id}`);
    expect(JSON.stringify([...sb.state.accounts.values()].map((a) => a.shares))).toBe(before);
    // Reads sent as POSTs (searches, the datasets' owned-by discovery and bulk read, the pages' and apps' admin summaries, the
    // AppDB collection query) change nothing: none mutated.
    expect(sb.state.counters.mutations).toBe(0);
    expect(
      sb.sent.filter(
        (r) =>
          r.method !== 'GET' &&
          !/search|permissions|\/datasources\/ownedBy$|\/datasources\/bulk$|\/adminsummary$|\/collections\/query$/.test(
            r.url.pathname,
          ),
      ),
    ).toEqual([]);
  });

  it('hands everything to a user, verified, then deletes the leaver', async () => {
    const { user, next, template, group } = leaver();
    const progress: string[] = [];
    const { done } = await offboardUser(sb.auth, user.emailAddress, {
      to: next.emailAddress,
      deleteUser: true,
      onProgress: (_n, _t, step) => progress.push(step),
    });
    expect(done).toEqual(progress);
    expect(done).toHaveLength(5);
    for (const credential of [sb.state.accounts.get(1)!, sb.state.accounts.get(2)!, template]) {
      expect(credential.shares).toContainEqual({ type: 'USER', id: next.id, accessLevel: 'OWNER' });
      expect(credential.shares.some((s) => s.id === user.id)).toBe(false);
    }
    expect(sb.state.accounts.get(2)!.shares.some((s) => s.accessLevel === 'CAN_VIEW')).toBe(true); // others keep theirs
    expect(sb.state.groups.get(group.id)!.owners).toEqual([{ type: 'USER', id: next.id }]);
    expect(sb.state.users.get(user.id)!.deleted).toBe(true);
  });

  it('hands over to a group (group:<name>) and keeps the user when not asked to delete', async () => {
    const { user, group } = leaver();
    const finance = [...sb.state.groups.values()].find((g) => g.name === 'Finance')!;
    await offboardUser(sb.auth, user.id, { to: 'group:Finance' });
    expect(sb.state.accounts.get(1)!.shares).toContainEqual({ type: 'GROUP', id: finance.id, accessLevel: 'OWNER' });
    expect(sb.state.groups.get(group.id)!.owners).toEqual([{ type: 'GROUP', id: finance.id }]);
    expect(sb.state.users.get(user.id)!.deleted).toBeFalsy();
  });

  it('refuses a deleted, inactive or missing new owner, the leaver themself, and a system group', async () => {
    const { user } = leaver();
    const deleted = [...sb.state.users.values()].find((u) => u.deleted)!;
    const locked = [...sb.state.users.values()].find((u) => u.locked)!;
    const refusal = (to: string | number) =>
      planOffboarding(sb.auth, user.emailAddress, { to }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    expect(await refusal(deleted.id)).toBeInstanceOf(DomoInputError);
    expect((await refusal(deleted.id))!.message).toMatch(/is deleted/);
    expect((await refusal(locked.emailAddress))!.message).toMatch(/is inactive: choose an active user or a group/);
    expect((await refusal('ghost@sandbox.example'))!.message).toMatch(/the new owner: .*ghost@sandbox\.example/);
    expect((await refusal(user.emailAddress))!.message).toBe('the new owner is the user who is leaving');
    expect((await refusal('group:All Users'))!.message).toMatch(/system group/);
    expect((await refusal('group:Nope'))!.message).toMatch(/no group is named "Nope"/);
  });

  it("hands over a deleted user's orphaned content (the fix the audit names), but will not delete or sign them out", async () => {
    const { next } = leaver();
    const gone = [...sb.state.users.values()].find((u) => u.deleted)!;
    const datasets = [...sb.state.datasets.values()].slice(0, 2);
    for (const d of datasets) d.ownerId = d.indexedOwnerId = gone.id;
    await expect(planOffboarding(sb.auth, gone.id, { to: next.emailAddress, deleteUser: true })).rejects.toThrow(
      /is deleted already: offboarding can hand over what they still own, not delete them/,
    );
    const { done } = await offboardUser(sb.auth, gone.id, { to: next.emailAddress });
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(datasets.map((d) => sb.state.datasets.get(d.id)!.ownerId)).toEqual([next.id, next.id]);
  });

  it('a failure part-way says exactly what moved, and nothing after it is done', async () => {
    const { user, next } = leaver();
    sb.server.use(
      http.put('*/api/data/v2/accounts/share/2', () => HttpResponse.json({ message: 'nope' }, { status: 403 })),
    );
    const error = (await offboardUser(sb.authWith({ retry: 0 }), user.emailAddress, {
      to: next.emailAddress,
      deleteUser: true,
    }).catch((e: unknown) => e)) as DomoPartialFailureError;
    expect(error).toBeInstanceOf(DomoPartialFailureError);
    // The hand-overs run side by side: those already running when account #2 failed finished, and are listed.
    expect(error.completed).toContainEqual(expect.stringMatching(/^account #1 /));
    expect(error.completed.some((done) => done.startsWith('account #2 '))).toBe(false);
    expect(error.message).toMatch(
      new RegExp(`stopped at "account #2 .*" after ${error.completed.length} of 5 step\\(s\\)`),
    );
    const templateMoved = sb.state.templates.get(1)!.shares.some((s) => s.id === next.id && s.accessLevel === 'OWNER');
    expect(error.completed.some((done) => done.startsWith('OAuth template #1 '))).toBe(templateMoved);
    expect(sb.state.accounts.get(1)!.shares).toContainEqual({ type: 'USER', id: next.id, accessLevel: 'OWNER' });
    expect(sb.state.accounts.get(2)!.shares).toContainEqual({ type: 'USER', id: user.id, accessLevel: 'OWNER' });
    expect(sb.state.users.get(user.id)!.deleted).toBeFalsy();
  });
});
