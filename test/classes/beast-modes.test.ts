// The beast-mode family through the public API against the in-process sandbox, and its traps: the ownership write
// needs the links echoed back (500 without them), and the function search sorted by name moves rows between pages.
import { describe, expect, it } from 'vitest';
import { DomoBeastMode, DomoBeastModes, DomoInputError, DomoUser } from '../../src/index.js';
import { setBeastModeOwner } from '../../src/routes/index.js';
import { BASE, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ datasets: 20, cards: 20, pages: 0, dataflows: 0, beastModes: 260 });
const all = () => [...sb.state.beastModes.values()];
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);
const post = (path: string, body: unknown) =>
  fetch(`${BASE}${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'x-domo-developer-token': sb.state.adminToken, 'content-type': 'application/json' },
  });

describe('DomoBeastModes', () => {
  it('get: owner, formula, the datasets and cards it is linked to', async () => {
    const seeded = all().find((b) => b.links.length === 2)!;
    const beastMode = await new DomoBeastModes(sb.auth).get(seeded.id);
    expect(beastMode).toBeInstanceOf(DomoBeastMode);
    expect(beastMode).toMatchObject({
      id: seeded.id,
      name: seeded.name,
      ownerId: seeded.ownerId,
      expression: seeded.expression,
      datasetIds: [seeded.links[0]!.resource.id],
      cardIds: [seeded.links[1]!.resource.id],
    });
  });

  it('the owner write without links answers 500 (Domo); transferOwnership echoes them and reads back', async () => {
    const seeded = all().find((b) => b.links.length === 2)!;
    const to = live().find((u) => u.id !== seeded.ownerId)!;
    const bare = await post('/api/query/v1/functions/bulk/template', { update: [{ id: seeded.id, owner: to.id }] });
    expect(bare.status).toBe(500);
    expect(sb.state.beastModes.get(seeded.id)!.ownerId).not.toBe(to.id);
    const links = structuredClone(seeded.links);
    const beastMode = await new DomoBeastModes(sb.auth).get(seeded.id);
    const change = await beastMode.transferOwnership(to.emailAddress);
    expect(change.added).toEqual([expect.objectContaining({ id: to.id })]);
    expect(sb.state.beastModes.get(seeded.id)).toMatchObject({ ownerId: to.id, links });
    await expect(setBeastModeOwner(sb.auth, seeded.id, to.id, undefined as never)).rejects.toBeInstanceOf(
      DomoInputError,
    );
  });

  it('ownedBy reads the unstable search until every id is seen, each once', async () => {
    for (const b of all()) b.name = 'Profit Margin'; // one name: every page boundary falls inside a tie
    const owner = all()[0]!.ownerId;
    const expected = all()
      .filter((b) => b.ownerId === owner)
      .map((b) => b.id)
      .sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(100); // more than one page, names repeating: the order moves
    const owned = await new DomoBeastModes(sb.auth).ownedBy(owner);
    expect(owned.map((b) => b.id).sort((a, b) => a - b)).toEqual(expected);
    const everyOne = await new DomoBeastModes(sb.auth).list().toArray({ max: 10_000 });
    expect(new Set(everyOne.map((b) => b.id)).size).toBe(everyOne.length);
    const user = await DomoUser.get(sb.auth, owner);
    expect((await user.owned()).beastModes).toHaveLength(expected.length);
  });
});
