// Offboarding the families Domo moves in bulk (dataflows, beast modes): one owner write per batch, each object read
// before it (one someone else took since the plan is left alone) and after it (a write Domo answers but does not do
// is caught), and the partial report names exactly what moved.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { executeOffboarding, planOffboarding } from '../../src/audit/index.js';
import { DomoPartialFailureError } from '../../src/index.js';
import { people } from '../helpers/audit.js';
import { BASE, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ users: 40, datasets: 20, cards: 0, pages: 0, dataflows: 12, beastModes: 12 });

/** A user who owns six dataflows and seven beast modes (and nothing else), long enough for the index to know. */
function leaver() {
  const [user, next, other] = people(sb.state);
  const flows = [...sb.state.dataflows.values()].filter((f) => !f.deleted).slice(0, 6);
  const beastModes = [...sb.state.beastModes.values()].slice(0, 7);
  for (const thing of [...flows, ...beastModes]) thing.ownerId = thing.indexedOwnerId = user!.id;
  for (const d of sb.state.datasets.values()) if (d.ownerId === user!.id) d.ownerId = d.indexedOwnerId = other!.id;
  for (const a of sb.state.accounts.values()) a.shares = a.shares.filter((s) => s.id !== user!.id);
  for (const t of sb.state.templates.values()) t.shares = t.shares.filter((s) => s.id !== user!.id);
  for (const g of sb.state.groups.values()) g.owners = g.owners.filter((o) => o.id !== user!.id);
  return { user: user!, next: next!, other: other!, flows, beastModes };
}
const sent = (method: string, path: string) =>
  sb.state.requests.filter((r) => r.method === method && r.path === path).length;

describe('offboarding dataflows and beast modes in bulk', () => {
  it('one write per batch for each family, every object read back: owner changed, links and formula kept', async () => {
    const { user, next, flows, beastModes } = leaver();
    const links = beastModes.map((b) => JSON.stringify(b.links));
    const plan = await planOffboarding(sb.auth, user.emailAddress, { to: next.emailAddress });
    expect(plan.dataflows).toHaveLength(6);
    expect(plan.beastModes).toHaveLength(7);
    const done = await executeOffboarding(sb.auth, plan);
    expect(done).toHaveLength(plan.steps.length);
    expect(sent('PUT', '/api/dataprocessing/v1/dataflows/bulk/patch')).toBe(1);
    expect(sent('POST', '/api/query/v1/functions/bulk/template')).toBe(1);
    for (const f of flows) expect(sb.state.dataflows.get(f.id)!.ownerId).toBe(next.id);
    for (const [i, b] of beastModes.entries()) {
      expect(sb.state.beastModes.get(b.id)!.ownerId).toBe(next.id);
      expect(JSON.stringify(sb.state.beastModes.get(b.id)!.links)).toBe(links[i]);
    }
  });

  it('a beast mode someone took after the plan is left alone; the rest of its batch moves, named exactly', async () => {
    const { user, next, other, beastModes } = leaver();
    const plan = await planOffboarding(sb.auth, user.emailAddress, { to: next.emailAddress });
    const stolen = beastModes[2]!;
    sb.server.use(
      http.get(`${BASE}/api/query/v1/functions/template/${stolen.id}`, () => {
        stolen.ownerId = other.id;
        return undefined;
      }),
    );
    const error = (await executeOffboarding(sb.auth, plan).catch((e: unknown) => e)) as DomoPartialFailureError;
    expect(error).toBeInstanceOf(DomoPartialFailureError);
    expect(error.message).toContain(
      `beast mode ${stolen.id}: owned by user ${other.id} now, not ${user.id}; left alone`,
    );
    expect(sb.state.beastModes.get(stolen.id)!.ownerId).toBe(other.id);
    expect(error.completed.some((step) => step.includes(`#${stolen.id} `))).toBe(false);
    for (const b of beastModes.filter((b) => b !== stolen)) {
      expect(sb.state.beastModes.get(b.id)!.ownerId).toBe(next.id);
      expect(error.completed).toContainEqual(expect.stringContaining(`#${b.id} `));
    }
  });

  it('a bulk write Domo answers but does not do is caught by the read-back: nothing of it reported as moved', async () => {
    const { user, next, flows } = leaver();
    const plan = await planOffboarding(sb.auth, user.emailAddress, { to: next.emailAddress });
    sb.server.use(http.put(`${BASE}/api/dataprocessing/v1/dataflows/bulk/patch`, () => HttpResponse.json({})));
    const error = (await executeOffboarding(sb.auth, plan).catch((e: unknown) => e)) as DomoPartialFailureError;
    expect(error).toBeInstanceOf(DomoPartialFailureError);
    expect(error.message).toMatch(/the owner is user \d+, not \d+ \(Domo answered the write but did not do it\)/);
    for (const f of flows) {
      expect(sb.state.dataflows.get(f.id)!.ownerId).toBe(user.id);
      expect(error.completed.some((step) => step.startsWith(`dataflow #${f.id} `))).toBe(false);
    }
    expect(error.completed).toContainEqual(expect.stringMatching(/^dataflows .*: written to be user/));
  });

  it("a dataflow's inputs the new owner takes in the same offboarding are not shared with them, nor read", async () => {
    const { user, next, flows } = leaver();
    const inputs = flows[0]!.inputIds;
    for (const id of inputs) {
      const d = sb.state.datasets.get(id)!;
      d.ownerId = d.indexedOwnerId = user.id;
      d.shares = d.shares.filter((share) => share.id !== next.id);
    }
    const plan = await planOffboarding(sb.auth, user.emailAddress, { to: next.emailAddress });
    await executeOffboarding(sb.auth, plan);
    for (const id of inputs) {
      expect(sb.state.datasets.get(id)!.ownerId).toBe(next.id);
      expect(sb.state.datasets.get(id)!.shares.some((share) => share.id === next.id)).toBe(false);
      expect(sent('GET', `/api/data/v3/datasources/${id}/permissions`)).toBe(0);
    }
  });

  it('a bulk write that fails without an answer names every object of its batch (any of them may have moved)', async () => {
    const { user, next, beastModes } = leaver();
    const plan = await planOffboarding(sb.auth, user.emailAddress, { to: next.emailAddress });
    sb.server.use(
      http.post(`${BASE}/api/query/v1/functions/bulk/template`, () => {
        // Applied, then the answer is lost.
        for (const b of beastModes) sb.state.beastModes.get(b.id)!.ownerId = next.id;
        return HttpResponse.json({ message: 'Service Unavailable' }, { status: 503 });
      }),
    );
    const error = (await executeOffboarding(sb.authWith({ retry: 0 }), plan).catch(
      (e: unknown) => e,
    )) as DomoPartialFailureError;
    expect(error).toBeInstanceOf(DomoPartialFailureError);
    expect(error.message).toMatch(/and 6 more of its batch: beast mode #\d+/);
    for (const b of beastModes) expect(error.message).toContain(`beast mode #${b.id}`);
    expect(error.completed.some((step) => step.startsWith('beast mode'))).toBe(false);
  });
});
