// The card family through the public API against the in-process sandbox, and the traps it reproduces: no read of
// one card by path (405), adminsummary ignoring owner filters, the search index lagging ownership writes.
import { describe, expect, it } from 'vitest';
import { DomoCard, DomoCards, DomoInputError, DomoNotFoundError } from '../../src/index.js';
import { BASE, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ datasets: 20, cards: 60 });
const cards = () => [...sb.state.cards.values()];
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);
const leaver = () => sb.state.users.get(cards().find((c) => c.owners[0]!.id !== sb.state.adminUserId)!.owners[0]!.id)!;
const raw = (path: string, init: RequestInit = {}) =>
  fetch(`${BASE}${path}`, {
    ...init,
    headers: { 'x-domo-developer-token': sb.state.adminToken, 'content-type': 'application/json' },
  });

describe('DomoCards', () => {
  it('get reads a card by urns (there is no read by path: the sandbox answers 405 as Domo does)', async () => {
    const seeded = cards()[4]!;
    const card = await new DomoCards(sb.auth).get(seeded.id);
    expect(card).toBeInstanceOf(DomoCard);
    expect(card).toMatchObject({ id: seeded.id, title: seeded.title, datasetIds: seeded.datasetIds });
    expect(card.owners.map((o) => [o.type, o.id])).toEqual(seeded.owners.map((o) => [o.type, o.id]));
    expect((await raw(`/api/content/v1/cards/${seeded.id}`)).status).toBe(405);
    await expect(new DomoCards(sb.auth).get(42)).rejects.toBeInstanceOf(DomoNotFoundError);
    await expect(new DomoCards(sb.auth).get({} as never)).rejects.toBeInstanceOf(DomoInputError);
  });

  it('ownedBy: the search answer, each card read back; adminsummary would have answered every card', async () => {
    const user = leaver();
    const expected = cards()
      .filter((c) => c.owners.some((o) => o.type === 'USER' && o.id === user.id))
      .map((c) => c.id);
    const owned = await new DomoCards(sb.auth).ownedBy(user.emailAddress);
    expect(owned.map((c) => c.id).sort()).toEqual(expected.sort());
    const summary = (await (
      await raw('/api/content/v2/cards/adminsummary', { method: 'POST', body: JSON.stringify({ ownerIds: [user.id] }) })
    ).json()) as { cardAdminSummaries: unknown[] };
    expect(summary.cardAdminSummaries).toHaveLength(cards().length); // the owner filter was ignored
  });

  it('transferOwnership --from: the new owner added, the old one removed, co-owners kept, read back', async () => {
    const seeded = cards().find((c) => c.owners.length === 2 && c.owners[0]!.id !== sb.state.adminUserId)!;
    const [from, coOwner] = seeded.owners;
    const to = live()[10]!;
    const card = await new DomoCards(sb.auth).get(seeded.id);
    const change = await card.transferOwnership(to.emailAddress, { from: from!.id });
    expect(change.added).toEqual([expect.objectContaining({ type: 'USER', id: to.id })]);
    expect(change.removed).toEqual([expect.objectContaining({ type: 'USER', id: from!.id })]);
    expect(sb.state.cards.get(seeded.id)!.owners).toEqual([coOwner, { type: 'USER', id: to.id }]);
    expect(await card.transferOwnership(to.id, { from: from!.id })).toEqual({ added: [], removed: [] });
  });

  it('to a group without --from: the group owns it alone', async () => {
    const seeded = cards()[0]!;
    const group = [...sb.state.groups.values()].find((g) => g.type === 'closed')!;
    await (await new DomoCards(sb.auth).get(seeded.id)).transferOwnership({ type: 'GROUP', id: group.id });
    expect(sb.state.cards.get(seeded.id)!.owners).toEqual([{ type: 'GROUP', id: group.id }]);
  });

  it('the search lags a transfer: the card still shows under the old owner in search, but ownedBy reads it back and leaves it out', async () => {
    const user = leaver();
    const mine = cards().filter((c) => c.owners.some((o) => o.id === user.id));
    const moved = mine[0]!;
    await (await new DomoCards(sb.auth).get(moved.id)).transferOwnership(live()[11]!.id, { from: user.id });
    const search = (await (
      await raw('/api/search/v1/query', {
        method: 'POST',
        body: JSON.stringify({
          entityList: [['card']],
          query: '*',
          count: 100,
          offset: 0,
          filters: [{ filterType: 'term', field: 'owned_by_id', value: `${user.id}:USER` }],
        }),
      })
    ).json()) as { searchResultsMap: { card: { databaseId: string }[] } };
    expect(search.searchResultsMap.card.map((r) => Number(r.databaseId))).toContain(moved.id);
    expect((await new DomoCards(sb.auth).ownedBy(user.id)).map((c) => c.id)).not.toContain(moved.id);
  });
});
