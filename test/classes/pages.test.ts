// The page family (DomoDashboard) through the public API against the in-process sandbox: the admin summary's
// `pageId` rows read as ids, a page with its cards, what a user owns, and ownership moves proven by a read-back.
import { describe, expect, it } from 'vitest';
import { DomoDashboard, DomoDashboards, DomoNotFoundError } from '../../src/index.js';
import { BASE, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ datasets: 20, cards: 60, pages: 15 });
const pages = () => [...sb.state.pages.values()];
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);

describe('DomoDashboards', () => {
  it('get reads a page with its owners and the cards on it; the admin summary answers pageId, read as id', async () => {
    const seeded = pages()[2]!;
    const page = await new DomoDashboards(sb.auth).get(seeded.id);
    expect(page).toBeInstanceOf(DomoDashboard);
    expect(page).toMatchObject({ id: seeded.id, title: seeded.title, cardIds: seeded.cardIds });
    const rows = (await (
      await fetch(`${BASE}/api/content/v1/pages/adminsummary`, {
        method: 'POST',
        headers: { 'x-domo-developer-token': sb.state.adminToken, 'content-type': 'application/json' },
        body: '{}',
      })
    ).json()) as { pageAdminSummaries: Record<string, unknown>[] };
    expect(rows.pageAdminSummaries[0]).toHaveProperty('pageId');
    expect(rows.pageAdminSummaries[0]).not.toHaveProperty('id');
    const listed = await new DomoDashboards(sb.auth).list().toArray({ max: 100 });
    expect(listed.map((p) => p.id).sort()).toEqual(
      pages()
        .map((p) => p.id)
        .sort(),
    );
    await expect(new DomoDashboards(sb.auth).get(7)).rejects.toBeInstanceOf(DomoNotFoundError);
    expect((await new DomoDashboards(sb.auth).get(seeded.title.toUpperCase())).id).toBe(seeded.id);
  });

  it('ownedBy: every page a user owns, re-checked from each row', async () => {
    const owner = pages().find((p) => p.owners[0]!.id !== sb.state.adminUserId)!.owners[0]!.id;
    const expected = pages()
      .filter((p) => p.owners.some((o) => o.id === owner))
      .map((p) => p.id);
    expect((await new DomoDashboards(sb.auth).ownedBy(owner)).map((p) => p.id).sort()).toEqual(expected.sort());
  });

  it('transferOwnership --from keeps co-owners; to a group alone; read back each time', async () => {
    const seeded = pages()[0]!;
    const group = [...sb.state.groups.values()].find((g) => g.type === 'closed')!;
    seeded.owners = [...seeded.owners, { type: 'GROUP', id: group.id }];
    const [from] = seeded.owners;
    const to = live()[12]!;
    const page = await new DomoDashboards(sb.auth).get(seeded.id);
    const change = await page.transferOwnership(to.emailAddress, { from: from!.id });
    expect(change.removed).toEqual([expect.objectContaining({ type: 'USER', id: from!.id })]);
    expect(sb.state.pages.get(seeded.id)!.owners).toEqual([
      { type: 'GROUP', id: group.id },
      { type: 'USER', id: to.id },
    ]);
    await page.transferOwnership({ type: 'GROUP', id: group.id });
    expect(sb.state.pages.get(seeded.id)!.owners).toEqual([{ type: 'GROUP', id: group.id }]);
  });
});
