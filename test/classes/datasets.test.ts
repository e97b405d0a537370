// The dataset family through the public API against the in-process sandbox: read one and many, what a user owns,
// what an account loads, the access list, and ownership transfer proven by reading every dataset back.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  DomoAccount,
  DomoAmbiguousNameError,
  DomoDataset,
  DomoDatasets,
  DomoInputError,
  DomoNotFoundError,
  DomoPartialFailureError,
  DomoValidationError,
} from '../../src/index.js';
import { BASE, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ datasets: 130 });
const datasets = () => [...sb.state.datasets.values()];
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);
/** The user owning the most datasets after the admin: the leaver of these tests. */
function leaver() {
  const counts = new Map<number, number>();
  for (const d of datasets())
    if (d.ownerId !== sb.state.adminUserId) counts.set(d.ownerId, (counts.get(d.ownerId) ?? 0) + 1);
  const [id] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return sb.state.users.get(id)!;
}
const posts = (path: string) => sb.sent.filter((r) => r.method === 'POST' && r.url.pathname === path);

describe('DomoDatasets', () => {
  it('get reads one dataset: a UUID id, its one owner by id and name, its account, times as Dates', async () => {
    const seeded = datasets().find((d) => d.accountId !== null)!;
    const dataset = await new DomoDatasets(sb.auth).get(seeded.id.toUpperCase());
    expect(dataset).toBeInstanceOf(DomoDataset);
    expect(dataset).toMatchObject({
      id: seeded.id,
      name: seeded.name,
      ownerId: seeded.ownerId,
      accountId: seeded.accountId,
    });
    expect(dataset.ownerName).toBe(sb.state.users.get(seeded.ownerId)!.displayName);
    expect(dataset.createdAt).toEqual(new Date(seeded.createdAt));
    expect(String(dataset)).toContain(`DomoDataset ${seeded.id}`);
    await expect(new DomoDatasets(sb.auth).get('3a8e0000-0000-4000-a000-000000000000')).rejects.toBeInstanceOf(
      DomoNotFoundError,
    );
    await expect(new DomoDatasets(sb.auth).get(12 as never)).rejects.toBeInstanceOf(DomoInputError);
    await expect(new DomoDatasets(sb.auth).get('Sales dialy')).rejects.toThrow(
      /no such dataset: "Sales dialy" \(did you mean "Sales daily"\?\)/,
    );
  });

  it('ownedBy: every dataset a user owns, in bulk reads of 50 (one discovery, ⌈n/50⌉ reads)', async () => {
    const user = leaver();
    const expected = datasets()
      .filter((d) => d.ownerId === user.id)
      .map((d) => d.id)
      .sort();
    expect(expected.length).toBeGreaterThan(20);
    const owned = await new DomoDatasets(sb.auth).ownedBy(user.emailAddress);
    expect(owned.map((d) => d.id).sort()).toEqual(expected);
    expect(posts('/api/data/ui/v3/datasources/ownedBy')).toHaveLength(1);
    expect(posts('/api/data/v3/datasources/bulk')).toHaveLength(Math.ceil(expected.length / 50));
  });

  it('ownedBy re-checks what discovery answered: a dataset read back with another owner is left out', async () => {
    const user = leaver();
    const mine = datasets().filter((d) => d.ownerId === user.id);
    sb.server.use(
      http.post(`${BASE}/api/data/ui/v3/datasources/ownedBy`, () =>
        HttpResponse.json([
          {
            id: String(user.id),
            dataSourceIds: [...mine.map((d) => d.id), datasets().find((d) => d.ownerId !== user.id)!.id],
          },
        ]),
      ),
    );
    expect((await new DomoDatasets(sb.auth).ownedBy(user.id)).map((d) => d.id).sort()).toEqual(
      mine.map((d) => d.id).sort(),
    );
  });

  it('DomoAccount.datasets(): the datasets an account loads', async () => {
    const account = [...sb.state.accounts.values()].find((a) => datasets().some((d) => d.accountId === a.id))!;
    const used = await (await DomoAccount.get(sb.auth, account.id)).datasets();
    expect(used.map((d) => d.id).sort()).toEqual(
      datasets()
        .filter((d) => d.accountId === account.id)
        .map((d) => d.id)
        .sort(),
    );
    expect(used[0]).toBeInstanceOf(DomoDataset);
    expect(used[0]!.accountId).toBe(account.id);
  });

  it('getAccess: the owner as OWNER and every share, with ids as numbers', async () => {
    const shared = datasets().find((d) => d.shares.length > 0)!;
    const access = await (await new DomoDatasets(sb.auth).get(shared.id)).getAccess();
    expect(access[0]).toMatchObject({ type: 'USER', id: shared.ownerId, accessLevel: 'OWNER' });
    expect(access.slice(1).map((e) => [e.type, e.id, e.accessLevel])).toEqual(
      shared.shares.map((s) => [s.type, s.id, s.accessLevel]),
    );
  });
});

describe('dataset ownership transfer', () => {
  it('transferOwnership: reassigns, reads back, reports the change; the same owner again sends nothing', async () => {
    const seeded = datasets().find((d) => d.ownerId === sb.state.adminUserId)!;
    const to = live()[5]!;
    const dataset = await new DomoDatasets(sb.auth).get(seeded.id);
    const change = await dataset.transferOwnership(to.emailAddress);
    expect(change).toEqual({
      added: [{ type: 'USER', id: to.id, name: to.displayName }],
      removed: [
        { type: 'USER', id: sb.state.adminUserId, name: sb.state.users.get(sb.state.adminUserId)!.displayName },
      ],
    });
    expect(sb.state.datasets.get(seeded.id)!.ownerId).toBe(to.id);
    expect(dataset.ownerId).toBe(to.id);
    const before = posts('/api/data/v1/ui/bulk/reassign').length;
    expect(await dataset.transferOwnership(to.id)).toEqual({ added: [], removed: [] });
    expect(posts('/api/data/v1/ui/bulk/reassign')).toHaveLength(before);
  });

  it('a read-back that does not show the new owner is an error, not a success (Domo answered 200 and changed nothing)', async () => {
    const seeded = datasets()[0]!;
    sb.server.use(http.post(`${BASE}/api/data/v1/ui/bulk/reassign`, () => HttpResponse.json({ successCount: 1 })));
    const error = await (
      await new DomoDatasets(sb.auth).get(seeded.id)
    )
      .transferOwnership(live()[6]!.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomoValidationError);
    expect(String((error as Error).message)).toMatch(/read-back after the transfer: the owner is user \d+, not \d+/);
  });

  it('refuses a deleted user as the new owner before anything is sent', async () => {
    const deleted = [...sb.state.users.values()].find((u) => u.deleted)!;
    await expect(
      (await new DomoDatasets(sb.auth).get(datasets()[0]!.id)).transferOwnership(deleted.id),
    ).rejects.toBeInstanceOf(DomoInputError);
    expect(posts('/api/data/v1/ui/bulk/reassign')).toHaveLength(0);
  });

  it('transfer in bulk: batches of 50, every dataset read back; already-owned ones left alone', async () => {
    const user = leaver();
    const to = live()[7]!;
    const mine = datasets().filter((d) => d.ownerId === user.id);
    const theirs = datasets().find((d) => d.ownerId === to.id);
    const ids = [...mine.map((d) => d.id), ...(theirs ? [theirs.id] : [])];
    const result = await new DomoDatasets(sb.auth).transfer(ids, to.emailAddress);
    expect(result.moved.map((m) => m.id).sort()).toEqual(mine.map((d) => d.id).sort());
    expect(result.unchanged).toEqual(theirs ? [theirs.id] : []);
    expect(mine.every((d) => sb.state.datasets.get(d.id)!.ownerId === to.id)).toBe(true);
    expect(posts('/api/data/v1/ui/bulk/reassign')).toHaveLength(Math.ceil(mine.length / 50));
  });

  it('a batch failing after others moved is a DomoPartialFailureError naming exactly what moved', async () => {
    const user = leaver();
    const mine = datasets().filter((d) => d.ownerId === user.id);
    const extra = datasets()
      .filter((d) => d.ownerId === sb.state.adminUserId)
      .slice(0, 55 - mine.length);
    const ids = [...mine, ...extra].map((d) => d.id);
    expect(ids.length).toBeGreaterThan(50);
    let calls = 0;
    sb.server.use(
      http.post(`${BASE}/api/data/v1/ui/bulk/reassign`, () => {
        calls += 1;
        return calls === 2 ? HttpResponse.json({ message: 'boom' }, { status: 400 }) : undefined;
      }),
    );
    const error = (await new DomoDatasets(sb.auth)
      .transfer(ids, live()[8]!.id)
      .catch((e: unknown) => e)) as DomoPartialFailureError;
    expect(error).toBeInstanceOf(DomoPartialFailureError);
    expect(error.completed).toHaveLength(50);
    const moved = ids.filter((id) => sb.state.datasets.get(id)!.ownerId === live()[8]!.id);
    expect(moved).toHaveLength(50);
    for (const id of moved) expect(error.completed.some((line) => line.includes(id))).toBe(true);
  });

  it('the search index lags a transfer (the sandbox reproduces it): list still shows the old owner, get the new one', async () => {
    const seeded = datasets().find((d) => d.ownerId === sb.state.adminUserId)!;
    const to = live()[9]!;
    await (await new DomoDatasets(sb.auth).get(seeded.id)).transferOwnership(to.id);
    const listed = (await new DomoDatasets(sb.auth).list({ text: seeded.name }).toArray({ max: 1000 })).find(
      (d) => d.id === seeded.id,
    )!;
    expect(listed.ownerId).toBe(sb.state.adminUserId);
    expect((await new DomoDatasets(sb.auth).get(seeded.id)).ownerId).toBe(to.id);
  });
});

describe('datasets by name', () => {
  it('list pages the search until its total; get and resolve by exact name; a shared name is ambiguous', async () => {
    const manager = new DomoDatasets(sb.auth);
    expect(await manager.list().toArray({ max: 1000 })).toHaveLength(130);
    const one = datasets()[3]!;
    expect((await manager.get(one.name.toUpperCase())).id).toBe(one.id);
    const twin = datasets()[4]!;
    sb.state.datasets.get(twin.id)!.name = one.name;
    await expect(manager.get(one.name)).rejects.toBeInstanceOf(DomoAmbiguousNameError);
    const error = (await manager.resolve(['Nothing like it', one.id]).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(DomoNotFoundError);
    expect(error.message).toContain('"Nothing like it"');
  });
});
