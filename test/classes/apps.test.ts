// The App Studio family through the public API against the in-process sandbox, and its trap: apps answer with
// `dataAppId`, not `id` (read as id here); the admin summary has no owner filter (rows checked on the client).
import { describe, expect, it } from 'vitest';
import { DomoApp, DomoApps, DomoNotFoundError, DomoUser } from '../../src/index.js';
import { BASE, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({
  datasets: 4,
  cards: 0,
  pages: 0,
  dataflows: 0,
  beastModes: 0,
  appDbCollections: 0,
  alerts: 0,
  eachOtherContent: 0,
  apps: 40,
});
const all = () => [...sb.state.apps.values()];
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);

describe('DomoApps', () => {
  it('reads dataAppId as id; get by id or title; list pages the admin summary; access list', async () => {
    const seeded = all().find((a) => a.viewers.length > 0)!;
    const raw = (await (
      await fetch(`${BASE}/api/content/v1/dataapps/${seeded.id}`, {
        headers: { 'x-domo-developer-token': sb.state.adminToken },
      })
    ).json()) as Record<string, unknown>;
    expect(raw.dataAppId).toBe(seeded.id);
    expect(raw.id).toBeUndefined();
    const manager = new DomoApps(sb.auth);
    const app = await manager.get(seeded.id);
    expect(app).toBeInstanceOf(DomoApp);
    expect(app).toMatchObject({ id: seeded.id, title: seeded.title });
    expect((await manager.get(seeded.title)).id).toBe(seeded.id);
    await expect(manager.get(1)).rejects.toBeInstanceOf(DomoNotFoundError);
    expect(await manager.list().toArray({ max: 1000 })).toHaveLength(40);
    const access = await app.getAccess();
    expect(access.map((e) => e.accessLevel)).toContain('CAN_VIEW');
  });

  it('ownedBy checks every row; transfer keeps co-owners and reads back; owned() lists apps', async () => {
    const shared = all().find((a) => a.owners.length === 2)!;
    const [leaver, group] = shared.owners;
    const mine = all().filter((a) => a.owners.some((o) => o.type === 'USER' && o.id === leaver!.id));
    const manager = new DomoApps(sb.auth);
    expect((await manager.ownedBy(leaver!.id)).map((a) => a.id).sort()).toEqual(mine.map((a) => a.id).sort());
    expect((await (await DomoUser.get(sb.auth, leaver!.id)).owned()).apps).toHaveLength(mine.length);
    const to = live().find((u) => u.id !== leaver!.id)!;
    await (await manager.get(shared.id)).transferOwnership(to.emailAddress, { from: leaver!.id });
    expect(sb.state.apps.get(shared.id)!.owners).toEqual([group, { type: 'USER', id: to.id }]);
  });
});
