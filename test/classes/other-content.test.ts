// Workflows, Code Engine packages, Jupyter workspaces and filesets through the public API against the in-process
// sandbox: each discovered through its own call (the search index for the first two, lagging ownership writes),
// moved and read back; a workflow's whole definition goes back with the owner swapped.
import { describe, expect, it } from 'vitest';
import {
  DomoCodeEnginePackages,
  DomoFilesets,
  DomoJupyterWorkspaces,
  DomoNotFoundError,
  DomoUser,
  DomoWorkflows,
  type DomoAuth,
  type DomoOwnedObjects,
  type DomoOwnedObject,
} from '../../src/index.js';
import type { SandboxState } from '../../src/sandbox/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({
  datasets: 4,
  cards: 0,
  pages: 0,
  dataflows: 0,
  beastModes: 0,
  appDbCollections: 0,
  alerts: 0,
  eachOtherContent: 12,
});
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);

const FAMILIES: [
  string,
  keyof Awaited<ReturnType<DomoUser['owned']>>,
  (auth: DomoAuth) => DomoOwnedObjects<DomoOwnedObject>,
  (s: SandboxState) => Map<string, { id: string; name: string; ownerId: number }>,
][] = [
  ['workflows', 'workflows', (auth) => new DomoWorkflows(auth), (s) => s.workflows],
  ['Code Engine packages', 'codeEnginePackages', (auth) => new DomoCodeEnginePackages(auth), (s) => s.codePackages],
  ['Jupyter workspaces', 'jupyterWorkspaces', (auth) => new DomoJupyterWorkspaces(auth), (s) => s.jupyterWorkspaces],
  ['filesets', 'filesets', (auth) => new DomoFilesets(auth), (s) => s.filesets],
];

describe.each(FAMILIES)('%s', (_name, key, manager, store) => {
  it('get by id or name, list, ownedBy and owned() agree with the instance; transfer reads each back', async () => {
    const all = [...store(sb.state).values()];
    const seeded = all[5]!;
    const things = manager(sb.auth);
    const one = await things.get(seeded.id);
    expect(one).toMatchObject({ id: seeded.id, name: seeded.name, ownerId: seeded.ownerId });
    expect((await things.get(seeded.name)).id).toBe(seeded.id);
    await expect(things.get('00000000-0000-4000-a000-000000000000')).rejects.toBeInstanceOf(DomoNotFoundError);
    expect(await things.list().toArray({ max: 1000 })).toHaveLength(all.length);
    const mine = all.filter((t) => t.ownerId === seeded.ownerId).map((t) => t.id);
    expect((await things.ownedBy(seeded.ownerId)).map((t) => t.id).sort()).toEqual(mine.sort());
    const owned = await (await DomoUser.get(sb.auth, seeded.ownerId)).owned();
    expect((owned[key] as { id: string }[]).map((t) => t.id).sort()).toEqual(mine.sort());
    const to = live().find((u) => u.id !== seeded.ownerId)!;
    const result = await things.transfer(mine, to.emailAddress);
    expect(result.moved).toHaveLength(mine.length);
    for (const id of mine) expect(store(sb.state).get(id)!.ownerId).toBe(to.id);
  });
});

describe('DomoWorkflows', () => {
  it('an ownership write sends the whole model back (a partial one is refused): the steps survive', async () => {
    const seeded = [...sb.state.workflows.values()][0]!;
    const steps = [...seeded.steps];
    const to = live().find((u) => u.id !== seeded.ownerId)!;
    const workflow = await new DomoWorkflows(sb.auth).get(seeded.id);
    await workflow.transferOwnership(to.id);
    expect(sb.state.workflows.get(seeded.id)).toMatchObject({ ownerId: to.id, steps });
  });
});
