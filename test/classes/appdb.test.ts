// The AppDB family through the public API against the in-process sandbox, and its trap: datastore owner writes
// answer 200 and change nothing — so a transfer is judged by its read-back, never by the answer.
import { describe, expect, it } from 'vitest';
import {
  DomoAppDbCollection,
  DomoAppDbCollections,
  DomoNotFoundError,
  DomoUser,
  DomoValidationError,
} from '../../src/index.js';
import { BASE, useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ datasets: 6, cards: 0, pages: 0, dataflows: 0, beastModes: 0, appDbCollections: 12 });
const all = () => [...sb.state.appDbCollections.values()];
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);
const send = (method: string, path: string, body?: unknown) =>
  fetch(`${BASE}${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    headers: { 'x-domo-developer-token': sb.state.adminToken, 'content-type': 'application/json' },
  });

describe('DomoAppDbCollections', () => {
  it('get by id (a UUID, any case) or exact name; list pages by number; ownedBy re-checks rows', async () => {
    const seeded = all()[3]!;
    const manager = new DomoAppDbCollections(sb.auth);
    const collection = await manager.get(seeded.id.toUpperCase());
    expect(collection).toBeInstanceOf(DomoAppDbCollection);
    expect(collection).toMatchObject({ id: seeded.id, name: seeded.name, ownerId: seeded.ownerId });
    expect(collection.datastoreId).toBe(seeded.datastoreId);
    expect((await manager.get(seeded.name)).id).toBe(seeded.id);
    await expect(manager.get('00000000-0000-4000-a000-000000000000')).rejects.toBeInstanceOf(DomoNotFoundError);
    expect(await manager.list().toArray({ max: 100 })).toHaveLength(all().length);
    const owned = await manager.ownedBy(seeded.ownerId);
    expect(owned.map((c) => c.id).sort()).toEqual(
      all()
        .filter((c) => c.ownerId === seeded.ownerId)
        .map((c) => c.id)
        .sort(),
    );
    expect((await (await DomoUser.get(sb.auth, seeded.ownerId)).owned()).appDbCollections).toHaveLength(owned.length);
  });

  it('a datastore owner write answers 200 and changes nothing (Domo); the datastore owner is read, not moved', async () => {
    const seeded = all()[0]!;
    const store = sb.state.datastores.get(seeded.datastoreId)!;
    const to = live().find((u) => u.id !== store.ownerId)!;
    const answer = await send('PUT', `/api/datastores/v1/${store.id}`, { id: store.id, owner: to.id });
    expect(answer.status).toBe(200);
    expect(sb.state.datastores.get(store.id)!.ownerId).toBe(store.ownerId);
    const collection = await new DomoAppDbCollections(sb.auth).get(seeded.id);
    expect(await collection.datastoreOwnerId()).toBe(store.ownerId);
  });

  it('transferOwnership moves a collection, read back; an ignored write (200, nothing changed) is an error', async () => {
    const [first, second] = all();
    const to = live().find((u) => u.id !== first!.ownerId && u.id !== second!.ownerId)!;
    const manager = new DomoAppDbCollections(sb.auth);
    await (await manager.get(first!.id)).transferOwnership(to.id);
    expect(sb.state.appDbCollections.get(first!.id)!.ownerId).toBe(to.id);
    sb.state.traps.collectionOwnerWritesIgnored = true;
    const before = second!.ownerId;
    const error = await (await manager.get(second!.id)).transferOwnership(to.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomoValidationError);
    expect(String(error)).toMatch(/Domo answered the write but did not do it/);
    expect(sb.state.appDbCollections.get(second!.id)!.ownerId).toBe(before);
  });
});
