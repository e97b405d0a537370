// Offboarding and deleting a user who owns datasets: discovered with everything else, moved to the new owner (or,
// when that is a group, to the fallback user: a group cannot own a dataset), each proven by reading it back; the
// user deleted only when a fresh read shows nothing owned.
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { offboardUser, executeOffboarding, planOffboarding } from '../../src/audit/index.js';
import { DomoInputError, DomoPartialFailureError, DomoUser } from '../../src/index.js';
import { people } from '../helpers/audit.js';
import { BASE, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 40, accounts: 6, datasets: 30 });

/** A user who owns an account and six datasets. */
function leaver() {
  const [user, next, fallback] = people(sb.state);
  const account = sb.state.accounts.get(1)!;
  account.shares = [{ type: 'USER', id: user!.id, accessLevel: 'OWNER' }];
  const datasets = [...sb.state.datasets.values()].slice(0, 6);
  for (const dataset of datasets) dataset.ownerId = user!.id;
  return { user: user!, next: next!, fallback: fallback!, datasets };
}
const ownerOf = (id: string) => sb.state.datasets.get(id)!.ownerId;

describe('offboarding a user who owns datasets', () => {
  it('owned() lists the datasets with everything else', async () => {
    const { user, datasets } = leaver();
    const owned = await (await DomoUser.get(sb.auth, user.id)).owned();
    expect(owned.datasets.map((d) => d.id).sort()).toEqual(datasets.map((d) => d.id).sort());
    expect(owned.accounts.map((a) => a.id)).toEqual([1]);
  });

  it('to a user: every dataset moves to them and is read back; then the user is deleted', async () => {
    const { user, next, datasets } = leaver();
    const plan = await planOffboarding(sb.auth, user.emailAddress, { to: next.emailAddress, deleteUser: true });
    expect(plan.datasets).toHaveLength(6);
    expect(plan.steps.filter((s) => s.startsWith('dataset'))).toHaveLength(6);
    const { done } = await offboardUser(sb.auth, user.emailAddress, { to: next.emailAddress, deleteUser: true });
    expect(done).toHaveLength(plan.steps.length);
    for (const d of datasets) expect(ownerOf(d.id)).toBe(next.id);
    expect(sb.state.users.get(user.id)!.deleted).toBe(true);
  });

  it('to a group: refused before anything changes without a fallback user; with one, datasets go to them', async () => {
    const { user, fallback, datasets } = leaver();
    const group = [...sb.state.groups.values()].find((g) => g.type === 'closed')!;
    const to = `group:${group.name}`;
    await expect(planOffboarding(sb.auth, user.emailAddress, { to })).rejects.toThrow(
      /owns 6 dataset\(s\) and only a user can own a dataset.*fallbackTo/,
    );
    await expect(offboardUser(sb.auth, user.emailAddress, { to })).rejects.toBeInstanceOf(DomoInputError);
    expect(sb.state.counters.mutations).toBe(0);
    const { plan } = await offboardUser(sb.auth, user.emailAddress, { to, fallbackTo: fallback.emailAddress });
    expect(plan.datasetsTo).toMatchObject({ type: 'USER', id: fallback.id });
    for (const d of datasets) expect(ownerOf(d.id)).toBe(fallback.id);
    expect(sb.state.accounts.get(1)!.shares).toContainEqual({ type: 'GROUP', id: group.id, accessLevel: 'OWNER' });
  });

  it('a dataset that changed owner after the plan is left alone: a partial failure naming exactly what moved', async () => {
    const { user, next, fallback, datasets } = leaver();
    const plan = await planOffboarding(sb.auth, user.emailAddress, { to: next.emailAddress });
    const order = plan.datasets.map((d) => d.id);
    const stolen = order[3]!;
    // Someone else takes it between the plan's reads and its hand-over (the batch's read shows the new owner).
    sb.server.use(
      http.post(`${BASE}/api/data/v3/datasources/bulk`, () => {
        sb.state.datasets.get(stolen)!.ownerId = fallback.id;
        return undefined;
      }),
    );
    const error = (await executeOffboarding(sb.auth, plan).catch((e: unknown) => e)) as DomoPartialFailureError;
    expect(error).toBeInstanceOf(DomoPartialFailureError);
    expect(error.message).toContain(`stopped at "dataset #${stolen}`);
    // The account, then the other datasets: they move in one batch, the stolen one left out of it.
    expect(error.completed).toHaveLength(1 + 5);
    expect(error.completed.some((step) => step.includes(stolen))).toBe(false);
    expect(ownerOf(stolen)).toBe(fallback.id);
    for (const id of order.filter((id) => id !== stolen)) expect(ownerOf(id)).toBe(next.id);
    expect(datasets).toHaveLength(6);
  });

  it('cards move with the rest: the new owner added, the user removed, co-owners kept', async () => {
    const { user, next } = leaver();
    const group = [...sb.state.groups.values()].find((g) => g.type === 'closed')!;
    const [solo, shared] = [...sb.state.cards.values()];
    // Owned for long: the search index has caught up.
    solo!.owners = [{ type: 'USER', id: user.id }];
    shared!.owners = [
      { type: 'USER', id: user.id },
      { type: 'GROUP', id: group.id },
    ];
    for (const card of [solo!, shared!]) card.indexedOwners = card.owners.map((o) => ({ ...o }));
    const plan = await planOffboarding(sb.auth, user.emailAddress, { to: next.emailAddress, deleteUser: true });
    expect(plan.cards.map((c) => c.id).sort()).toEqual([solo!.id, shared!.id].sort());
    await offboardUser(sb.auth, user.emailAddress, { to: next.emailAddress, deleteUser: true });
    expect(sb.state.cards.get(solo!.id)!.owners).toEqual([{ type: 'USER', id: next.id }]);
    expect(sb.state.cards.get(shared!.id)!.owners).toEqual([
      { type: 'GROUP', id: group.id },
      { type: 'USER', id: next.id },
    ]);
    expect(sb.state.users.get(user.id)!.deleted).toBe(true);
  });

  it('pages move with the rest: the new owner added, the user removed', async () => {
    const { user, next } = leaver();
    const page = [...sb.state.pages.values()][0]!;
    page.owners = [{ type: 'USER', id: user.id }];
    const plan = await planOffboarding(sb.auth, user.emailAddress, { to: next.emailAddress });
    expect(plan.pages.map((p) => p.id)).toEqual([page.id]);
    await offboardUser(sb.auth, user.emailAddress, { to: next.emailAddress });
    expect(sb.state.pages.get(page.id)!.owners).toEqual([{ type: 'USER', id: next.id }]);
  });

  it('DomoUser.delete hands the datasets to transferTo, then deletes', async () => {
    const { user, next, datasets } = leaver();
    const entity = await DomoUser.get(sb.auth, user.id);
    await expect(entity.delete()).rejects.toThrow(/owns 1 account .*6 datasets/);
    await entity.delete({ transferTo: next.emailAddress });
    for (const d of datasets) expect(ownerOf(d.id)).toBe(next.id);
    expect(sb.state.users.get(user.id)!.deleted).toBe(true);
  });
});
