// --to-container-owner: a dataflow goes to its output dataset's owner, a card to its page's owner; the rest to --to.
// --end-sessions: the leaver's sessions end, read back.
import { describe, expect, it } from 'vitest';
import { applyOffboardingPlan, offboardUser, planOffboarding, saveOffboardingPlan } from '../../src/audit/index.js';
import { DomoInputError, DomoUser } from '../../src/index.js';
import { endSession } from '../../src/routes/index.js';
import { BASE, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({
  datasets: 20,
  cards: 40,
  pages: 10,
  dataflows: 12,
  beastModes: 0,
  appDbCollections: 0,
  alerts: 0,
  eachOtherContent: 0,
  apps: 0,
});
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);

/** A leaver owning a dataflow whose output another user owns, and a card on a page another user owns. */
function setUp() {
  const flow = [...sb.state.dataflows.values()].find((f) => !f.deleted)!;
  const leaver = sb.state.users.get(flow.ownerId)!;
  const [pageOwner, outputOwner, to] = live().filter((u) => u.id !== leaver.id);
  sb.state.datasets.get(flow.outputIds[0]!)!.ownerId = outputOwner!.id;
  const card = [...sb.state.cards.values()].find((c) => c.pageId !== null)!;
  card.owners = [{ type: 'USER', id: leaver.id }];
  sb.state.pages.get(card.pageId!)!.owners = [{ type: 'USER', id: pageOwner!.id }];
  return { flow, card, leaver, pageOwner: pageOwner!, outputOwner: outputOwner!, to: to! };
}

describe('offboarding to each container owner', () => {
  it('plans and moves a dataflow to its output owner and a card to its page owner; the rest to --to', async () => {
    const { flow, card, leaver, pageOwner, outputOwner, to } = setUp();
    const plan = await planOffboarding(sb.auth, leaver.id, { to: to.emailAddress, toContainerOwner: true });
    expect(plan.recipients?.[`dataflow:${flow.id}`]).toMatchObject({ id: outputOwner.id });
    expect(plan.recipients?.[`card:${card.id}`]).toMatchObject({ id: pageOwner.id });
    expect(plan.steps.find((s) => s.startsWith(`card #${card.id}`))).toContain("(its container's owner)");
    expect(sb.state.counters.mutations).toBe(0);
    await applyOffboardingPlan(sb.auth, saveOffboardingPlan(plan));
    expect(sb.state.dataflows.get(flow.id)!.ownerId).toBe(outputOwner.id);
    expect(sb.state.cards.get(card.id)!.owners).toEqual([{ type: 'USER', id: pageOwner.id }]);
    for (const d of sb.state.datasets.values()) expect(d.ownerId).not.toBe(leaver.id);
    expect(plan.datasets.every((d) => sb.state.datasets.get(d.id)!.ownerId === to.id)).toBe(true);
  });

  it('without the option everything goes to --to', async () => {
    const { flow, card, leaver, to } = setUp();
    const { plan } = await offboardUser(sb.auth, leaver.id, { to: to.emailAddress });
    expect(plan.recipients).toBeUndefined();
    expect(sb.state.dataflows.get(flow.id)!.ownerId).toBe(to.id);
    expect(sb.state.cards.get(card.id)!.owners).toEqual([{ type: 'USER', id: to.id }]);
  });
});

describe('ending the leaver’s sessions', () => {
  it('--end-sessions: every session of the user ends (its token stops working), read back; others stay', async () => {
    const leaver = live()[3]!;
    const other = live()[4]!;
    const tokens = [sb.state.openSession(leaver.id), sb.state.openSession(leaver.id)];
    const kept = sb.state.openSession(other.id);
    const me = (token: string) =>
      fetch(`${BASE}/api/content/v2/users/me`, { headers: { 'x-domo-authentication': token } }).then((r) => r.status);
    expect(await me(tokens[0]!)).toBe(200);
    const user = await DomoUser.get(sb.auth, leaver.id);
    expect(await user.sessions()).toHaveLength(2);
    const { plan, done } = await offboardUser(sb.auth, leaver.id, { to: other.emailAddress, endSessions: true });
    expect(plan.steps.at(-1)).toMatch(/end the 2 open session\(s\)/);
    expect(done).toHaveLength(plan.steps.length);
    for (const token of tokens) expect(await me(token)).toBe(401);
    expect(await me(kept)).toBe(200);
    expect(await user.sessions()).toEqual([]);
    await expect(endSession(sb.auth, '../x')).rejects.toBeInstanceOf(DomoInputError);
  });
});

describe('removing the leaver’s other access', () => {
  it('--remove-access: out of every group they are a member of, every direct credential share gone, read back', async () => {
    const leaver = live()[5]!;
    const heir = live()[6]!;
    const groups = [...sb.state.groups.values()].filter((g) => g.type !== 'system').slice(0, 2);
    for (const g of groups) if (!g.userIds.includes(leaver.id)) g.userIds.push(leaver.id);
    const account = sb.state.accounts.get(2)!;
    account.shares = account.shares.filter((s) => !(s.type === 'USER' && s.id === leaver.id));
    account.shares.push({ type: 'USER', id: leaver.id, accessLevel: 'CAN_VIEW' });
    const plan = await planOffboarding(sb.auth, leaver.id, { to: heir.emailAddress, removeAccess: true });
    expect(plan.steps).toContain(`remove ${leaver.emailAddress} from group #${groups[0]!.id} "${groups[0]!.name}"`);
    expect(plan.steps.some((s) => s.startsWith(`unshare account #2`))).toBe(true);
    expect(sb.state.counters.mutations).toBe(0);
    await applyOffboardingPlan(sb.auth, saveOffboardingPlan(plan));
    for (const g of groups) expect(sb.state.groups.get(g.id)!.userIds).not.toContain(leaver.id);
    expect(sb.state.accounts.get(2)!.shares.some((s) => s.type === 'USER' && s.id === leaver.id)).toBe(false);
  });
});
