// --to-container-owner: a dataflow goes to its output dataset's owner, a card to its page's owner; the rest to --to.
import { describe, expect, it } from 'vitest';
import { applyOffboardingPlan, offboardUser, planOffboarding, saveOffboardingPlan } from '../../src/audit/index.js';
import { useSandbox } from '../helpers/sandbox.js';

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
