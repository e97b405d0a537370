// The alert family through the public API against the in-process sandbox: the list's owner filter re-checked,
// ownership moved and read back, the card it watches unchanged.
import { describe, expect, it } from 'vitest';
import { DomoAlert, DomoAlerts, DomoNotFoundError, DomoUser } from '../../src/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({
  datasets: 10,
  cards: 30,
  pages: 0,
  dataflows: 0,
  beastModes: 0,
  appDbCollections: 0,
  alerts: 60,
});
const all = () => [...sb.state.alerts.values()];
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);

describe('DomoAlerts', () => {
  it('get by id or name: owner and the card it watches; list pages a bare array until a short page', async () => {
    const seeded = all()[7]!;
    const manager = new DomoAlerts(sb.auth);
    const alert = await manager.get(seeded.id);
    expect(alert).toBeInstanceOf(DomoAlert);
    expect(alert).toMatchObject({ id: seeded.id, name: seeded.name, ownerId: seeded.ownerId, cardId: seeded.cardId });
    expect((await manager.get(seeded.name)).id).toBe(seeded.id);
    await expect(manager.get(1)).rejects.toBeInstanceOf(DomoNotFoundError);
    expect(await manager.list().toArray({ max: 1000 })).toHaveLength(60); // 50 + 10: two pages
  });

  it('ownedBy and owned(); transfer moves each and reads it back', async () => {
    const owner = all()[0]!.ownerId;
    const mine = all().filter((a) => a.ownerId === owner);
    const manager = new DomoAlerts(sb.auth);
    expect((await manager.ownedBy(owner)).map((a) => a.id).sort()).toEqual(mine.map((a) => a.id).sort());
    expect((await (await DomoUser.get(sb.auth, owner)).owned()).alerts).toHaveLength(mine.length);
    const to = live().find((u) => u.id !== owner)!;
    const result = await manager.transfer(
      mine.map((a) => a.id),
      to.emailAddress,
    );
    expect(result.moved).toHaveLength(mine.length);
    for (const a of mine) expect(sb.state.alerts.get(a.id)).toMatchObject({ ownerId: to.id, cardId: a.cardId });
    expect(await manager.ownedBy(owner)).toEqual([]);
  });
});
