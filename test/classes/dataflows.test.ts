// The dataflow family through the public API against the in-process sandbox, and its trap: a deleted dataflow
// answers 200 with `deleted: true` (read here as not found), the search index lagging ownership writes.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  DomoDataflow,
  DomoDataflows,
  DomoInputError,
  DomoNotFoundError,
  DomoPartialFailureError,
  DomoUser,
  DomoValidationError,
} from '../../src/index.js';
import { offboardUser } from '../../src/audit/index.js';
import { shareDataset } from '../../src/routes/index.js';
import { BASE, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ datasets: 20, cards: 0, pages: 0, dataflows: 12 });
const flows = () => [...sb.state.dataflows.values()];
const liveFlows = () => flows().filter((f) => !f.deleted);
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);
const raw = (path: string) => fetch(`${BASE}${path}`, { headers: { 'x-domo-developer-token': sb.state.adminToken } });

describe('DomoDataflows', () => {
  it('get by id or exact name: owner, inputs and outputs; a deleted one (200, deleted: true) is not found', async () => {
    const seeded = liveFlows()[1]!;
    const manager = new DomoDataflows(sb.auth);
    const flow = await manager.get(seeded.id);
    expect(flow).toBeInstanceOf(DomoDataflow);
    expect(flow).toMatchObject({
      id: seeded.id,
      name: seeded.name,
      ownerId: seeded.ownerId,
      inputDatasetIds: seeded.inputIds,
      outputDatasetIds: seeded.outputIds,
    });
    expect((await manager.get(seeded.name.toUpperCase())).id).toBe(seeded.id);
    const deleted = flows().find((f) => f.deleted)!;
    const answer = (await (await raw(`/api/dataprocessing/v1/dataflows/${deleted.id}`)).json()) as { deleted: boolean };
    expect(answer.deleted).toBe(true); // Domo's answer: 200, and deleted
    await expect(manager.get(deleted.id)).rejects.toThrow(/deleted/);
    await expect(manager.get(deleted.id)).rejects.toBeInstanceOf(DomoNotFoundError);
    await expect(manager.get(999_999)).rejects.toBeInstanceOf(DomoNotFoundError);
    await expect(manager.get('No such flow at all')).rejects.toBeInstanceOf(DomoNotFoundError);
    await expect(manager.resolve('x' as never)).rejects.toBeInstanceOf(DomoInputError);
  });

  it('list pages the search; ownedBy re-checks every row and skips deleted dataflows', async () => {
    const manager = new DomoDataflows(sb.auth);
    expect((await manager.list().toArray({ max: 1000 })).map((f) => f.id).sort()).toEqual(
      liveFlows()
        .map((f) => f.id)
        .sort(),
    );
    const owner = liveFlows()[0]!.ownerId;
    const owned = await manager.ownedBy(owner);
    expect(owned.map((f) => f.id).sort()).toEqual(
      liveFlows()
        .filter((f) => f.ownerId === owner)
        .map((f) => f.id)
        .sort(),
    );
  });

  it('transferOwnership: read back; the search still shows the old owner a while (never trusted for it)', async () => {
    const seeded = liveFlows()[2]!;
    const from = seeded.ownerId;
    const to = live().find((u) => u.id !== from)!;
    const flow = await new DomoDataflows(sb.auth).get(seeded.id);
    const change = await flow.transferOwnership(to.emailAddress);
    expect(change.added).toEqual([expect.objectContaining({ type: 'USER', id: to.id })]);
    expect(change.removed).toEqual([expect.objectContaining({ type: 'USER', id: from })]);
    expect(sb.state.dataflows.get(seeded.id)!.ownerId).toBe(to.id);
    expect(flow.ownerId).toBe(to.id);
    // The index lags: the old owner's search still lists it, but ownedBy re-checks and the read is the truth.
    const stillIndexed = (await new DomoDataflows(sb.auth).ownedBy(from)).some((f) => f.id === seeded.id);
    expect(stillIndexed).toBe(true);
    expect((await flow.owners())[0]).toMatchObject({ id: to.id });
    expect(await flow.transferOwnership(to.id)).toEqual({ added: [], removed: [] });
    await expect(flow.transferOwnership(live()[30]!.id, { from })).rejects.toBeInstanceOf(DomoValidationError);
    expect(sb.state.dataflows.get(seeded.id)!.ownerId).toBe(to.id);
  });

  it('transfer many: a failure part-way names exactly what moved', async () => {
    const [a, b] = liveFlows().filter((f) => f.ownerId !== live()[5]!.id);
    const to = live()[5]!;
    let writes = 0;
    sb.server.use(
      http.put('*/api/dataprocessing/v1/dataflows/bulk/patch', () => {
        writes += 1;
        return writes === 2 ? HttpResponse.json({ message: 'Bad Request' }, { status: 400 }) : undefined;
      }),
    );
    const error = await new DomoDataflows(sb.auth).transfer([a!.id, b!.id], to.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomoPartialFailureError);
    expect((error as DomoPartialFailureError).completed).toEqual([expect.stringContaining(`dataflow ${a!.id}`)]);
  });

  it('offboarding hands a dataflow over and shares its inputs with the new owner where they lack access', async () => {
    // A dataflow reading datasets its owner does not own (those would move to the new owner anyway).
    const flow = liveFlows().find((f) => f.inputIds.every((id) => sb.state.datasets.get(id)!.ownerId !== f.ownerId))!;
    const leaver = sb.state.users.get(flow.ownerId)!;
    const to = live().find(
      (u) => u.id !== leaver.id && ![...sb.state.datasets.values()].some((d) => d.ownerId === u.id),
    )!;
    for (const id of flow.inputIds) {
      const d = sb.state.datasets.get(id)!;
      d.shares = d.shares.filter((share) => !(share.type === 'USER' && share.id === to.id));
    }
    const { plan } = await offboardUser(sb.auth, leaver.emailAddress, { to: to.emailAddress });
    expect(plan.steps.find((step) => step.startsWith(`dataflow #${flow.id}`))).toContain('input datasets shared');
    expect(sb.state.dataflows.get(flow.id)!.ownerId).toBe(to.id);
    for (const id of flow.inputIds)
      expect(sb.state.datasets.get(id)!.shares).toContainEqual({ type: 'USER', id: to.id, accessLevel: 'CAN_VIEW' });
    await expect(
      shareDataset(sb.auth, flow.inputIds[0]!, [{ type: 'USER', id: to.id, accessLevel: 'OWNER' as never }]),
    ).rejects.toBeInstanceOf(DomoInputError);
  });

  it('owned() lists dataflows with how their discovery works', async () => {
    const owner = liveFlows()[0]!.ownerId;
    const owned = await (await DomoUser.get(sb.auth, owner)).owned();
    expect(owned.dataflows.map((f) => f.id).sort()).toEqual(
      liveFlows()
        .filter((f) => f.ownerId === owner)
        .map((f) => f.id)
        .sort(),
    );
    expect(owned.discovery?.dataflows.exhaustive).toBe(true);
  });
});
