// Restoring an offboarding from its snapshot: property-style over random ownership mixes (fast-check, fixed seed) —
// offboard, then restore, and every owner, co-owner, credential share and group membership is as it was — and the
// cases a restore must refuse or leave alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  executeOffboarding,
  loadOffboardingSnapshot,
  offboardingSnapshot,
  offboardUser,
  planOffboarding,
  planOffboardingRestore,
  restoreOffboarding,
} from '../../src/audit/index.js';
import { DomoPartialFailureError } from '../../src/index.js';
import { createSandboxHandlers, type SandboxState, type SandboxStateOptions } from '../../src/sandbox/index.js';
import { ownedCount } from '../../src/classes/ownership.js';
import { useSandbox } from '../helpers/sandbox.js';
import { http, HttpResponse } from 'msw';

const OPTIONS: SandboxStateOptions = {
  users: 30,
  accounts: 5,
  datasets: 6,
  cards: 6,
  pages: 2,
  dataflows: 3,
  beastModes: 3,
  appDbCollections: 2,
  alerts: 3,
  eachOtherContent: 2,
  apps: 3,
};
const RUNS = Number(process.env.PROPERTY_RUNS ?? 5);
const SEED = Number(process.env.PROPERTY_SEED ?? 20261206);
const sb = useSandbox({ users: 12, accounts: 3, datasets: 4, cards: 4, dataflows: 2 });

type Principal = { type: string; id: number; accessLevel?: string };
const principals = (list: readonly Principal[]) =>
  list
    .map((p) => `${p.type}:${p.id}${p.accessLevel ? `:${p.accessLevel}` : ''}`)
    .sort()
    .join(',');

/** Who owns and can reach what, everywhere an offboarding writes (not the dataflow input shares, which stay). */
function fingerprint(s: SandboxState): string[] {
  const single: [string, Map<unknown, { ownerId: number }>][] = [
    ['datasets', s.datasets],
    ['dataflows', s.dataflows],
    ['beastModes', s.beastModes],
    ['appDbCollections', s.appDbCollections],
    ['alerts', s.alerts],
    ['workflows', s.workflows],
    ['codePackages', s.codePackages],
    ['jupyterWorkspaces', s.jupyterWorkspaces],
    ['filesets', s.filesets],
    ['reportSchedules', s.reportSchedules],
  ];
  const shared: [string, Map<number, { owners: Principal[] }>][] = [
    ['cards', s.cards],
    ['pages', s.pages],
    ['apps', s.apps],
  ];
  return [
    ...single.flatMap(([name, m]) => [...m].map(([id, t]) => `${name}:${String(id)}:${t.ownerId}`)),
    ...shared.flatMap(([name, m]) => [...m].map(([id, t]) => `${name}:${id}:${principals(t.owners)}`)),
    ...[...s.accounts].map(([id, a]) => `account:${id}:${principals(a.shares)}`),
    ...[...s.templates].map(([id, a]) => `template:${id}:${principals(a.shares)}`),
    ...[...s.groups].map(([id, g]) => `group:${id}:${principals(g.owners)}|${[...g.userIds].sort().join(',')}`),
  ];
}

/** A fresh seeded instance behind the msw server for one run. */
const instance = () => sb.reseed(OPTIONS);

const mixes = fc.record({
  owned: fc.array(fc.boolean(), { minLength: 50, maxLength: 50 }),
  /** What the new owner has of each thing before: 0 nothing, 1 a share or co-ownership, 2 OWNER. */
  had: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 50, maxLength: 50 }),
  toGroup: fc.boolean(),
  removeAccess: fc.boolean(),
});

/** Gives the leaver a random mix of everything, and the new owner (`heir`) a random prior hold of some of it. */
function mix(
  state: SandboxState,
  leaver: number,
  heir: { type: 'USER' | 'GROUP'; id: number },
  owned: boolean[],
  had: number[],
): void {
  let n = 0;
  const next = () => [owned[n % owned.length]!, had[n++ % had.length]!] as const;
  const without = <P extends Principal>(list: P[], type: string, id: number) =>
    list.filter((p) => !(p.type === type && p.id === id));
  const onPages = new Map([...state.reportSchedules].filter(([, r]) => r.pageId !== 0)); // what discovery can find
  for (const things of [
    state.datasets,
    state.dataflows,
    state.beastModes,
    state.alerts,
    state.workflows,
    onPages,
  ] as Map<unknown, { ownerId: number; indexedOwnerId: number; deleted?: boolean }>[])
    for (const thing of things.values()) {
      if (thing.deleted) continue;
      const [mine] = next();
      if (mine) thing.ownerId = thing.indexedOwnerId = leaver;
      else if (thing.ownerId === leaver) thing.ownerId = thing.indexedOwnerId = state.adminUserId;
    }
  for (const things of [state.cards, state.pages, state.apps] as Map<number, { owners: Principal[] }>[])
    for (const thing of things.values()) {
      const [mine, prior] = next();
      thing.owners = without(without(thing.owners, 'USER', leaver), heir.type, heir.id);
      if (mine) thing.owners.push({ type: 'USER', id: leaver });
      if (prior > 0) thing.owners.push({ ...heir });
      if (thing.owners.length === 0) thing.owners.push({ type: 'USER', id: state.adminUserId });
      (thing as { indexedOwners?: unknown }).indexedOwners &&= thing.owners.map((o) => ({ ...o }));
    }
  for (const things of [state.accounts, state.templates])
    for (const account of things.values()) {
      const [mine, prior] = next();
      account.shares = without(without(account.shares, 'USER', leaver), heir.type, heir.id);
      if (!account.shares.some((s) => s.accessLevel === 'OWNER'))
        account.shares.push({ type: 'USER', id: state.adminUserId, accessLevel: 'OWNER' });
      if (mine) account.shares.push({ type: 'USER', id: leaver, accessLevel: 'OWNER' });
      if (prior > 0) account.shares.push({ ...heir, accessLevel: prior === 2 ? 'OWNER' : 'CAN_VIEW' });
    }
  for (const group of state.groups.values()) {
    if (group.type === 'system' || group.id === heir.id) continue;
    const [mine, prior] = next();
    group.owners = without(without(group.owners, 'USER', leaver), heir.type, heir.id);
    if (mine) group.owners.push({ type: 'USER', id: leaver });
    if (prior > 0) group.owners.push({ ...heir });
    if (prior === 2 && !group.userIds.includes(leaver)) group.userIds.push(leaver);
  }
}

describe('restoring an offboarding', () => {
  it('puts every owner, co-owner, share and membership back, whatever the mix', async () => {
    await fc.assert(
      fc.asyncProperty(mixes, async ({ owned, had, toGroup, removeAccess }) => {
        const { state, auth } = instance();
        const people = [...state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== state.adminUserId);
        const [leaver, heirUser, fallback] = people.slice(-3);
        const group = [...state.groups.values()].find((g) => g.type === 'closed')!;
        const heir = toGroup ? { type: 'GROUP' as const, id: group.id } : { type: 'USER' as const, id: heirUser!.id };
        mix(state, leaver!.id, heir, owned, had);
        const before = fingerprint(state);
        const plan = await planOffboarding(auth, leaver!.id, {
          to: toGroup ? `group:${group.name}` : heirUser!.emailAddress,
          ...(toGroup ? { fallbackTo: fallback!.emailAddress } : {}),
          removeAccess,
        });
        const snapshot = offboardingSnapshot(plan);
        await executeOffboarding(auth, plan, { snapshot });
        if (ownedCount(plan) > 0) expect(fingerprint(state)).not.toEqual(before);
        // The snapshot goes through its file form, as `domo-admin restore` reads it.
        const { plan: back } = await restoreOffboarding(auth, loadOffboardingSnapshot(JSON.stringify(snapshot)));
        expect(back.actions.length).toBe(
          snapshot.moved.length + (plan.removeAccess?.groups.length ?? 0) + (plan.removeAccess?.shares.length ?? 0),
        );
        expect(fingerprint(state)).toEqual(before);
        // A second restore finds everything back and changes nothing.
        const again = await planOffboardingRestore(auth, snapshot);
        expect(again.actions).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 60_000); // many runs of a whole offboarding: 5 s alone, three times that on a busy 2-core machine

  it('leaves alone what someone else took since, and says so', async () => {
    const { state, auth } = sb;
    const [leaver, heir, other] = [...state.users.values()].filter((u) => !u.deleted && !u.locked).slice(-3);
    const dataset = [...state.datasets.values()][0]!;
    dataset.ownerId = dataset.indexedOwnerId = leaver!.id;
    const { snapshot } = await offboardUser(auth, leaver!.id, { to: heir!.emailAddress });
    const moved = snapshot.moved.find((m) => m.kind === 'dataset' && m.id === dataset.id);
    expect(moved).toMatchObject({ to: { type: 'USER', id: heir!.id }, recipientHad: null });
    dataset.ownerId = other!.id; // someone moved it on since
    const plan = await planOffboardingRestore(auth, snapshot);
    expect(plan.actions.some((a) => a.what === 'owner' && a.id === dataset.id)).toBe(false);
    expect(plan.left.join('\n')).toContain(
      `dataset #${dataset.id} "${dataset.name}": ${heir!.emailAddress} no longer owns it (user ${other!.id} does); left alone`,
    );
    await restoreOffboarding(auth, plan);
    expect(dataset.ownerId).toBe(other!.id);
  });

  it('refuses a user the offboarding deleted, and a snapshot of another instance', async () => {
    const { state, auth } = sb;
    const [leaver, heir] = [...state.users.values()].filter((u) => !u.deleted && !u.locked).slice(-2);
    const { snapshot } = await offboardUser(auth, leaver!.id, { to: heir!.emailAddress, deleteUser: true });
    expect(snapshot.deleted).toBe(true);
    await expect(planOffboardingRestore(auth, snapshot)).rejects.toMatchObject({
      name: 'DomoInputError',
      field: 'user',
      message: `${snapshot.user.email} was deleted: Domo cannot bring a deleted user back, so nothing can be handed back to them`,
    });
    await expect(planOffboardingRestore(auth, { ...snapshot, instance: 'elsewhere' })).rejects.toThrow(
      /the snapshot is of instance "elsewhere"/,
    );
  });

  it('keeps what moved before a failure in the snapshot, and restores it', async () => {
    const { state, auth, server } = sb;
    const [leaver, heir] = [...state.users.values()].filter((u) => !u.deleted && !u.locked).slice(-2);
    for (const a of state.alerts.values()) if (a.ownerId === leaver!.id) a.ownerId = a.indexedOwnerId = heir!.id;
    const alerts = [...state.alerts.values()].slice(0, 3);
    for (const a of alerts) a.ownerId = a.indexedOwnerId = leaver!.id;
    const plan = await planOffboarding(auth, leaver!.id, { to: heir!.emailAddress });
    const snapshot = offboardingSnapshot(plan);
    let writes = 0;
    server.use(
      http.patch(/\/api\/social\/v4\/alerts\//, () =>
        ++writes === 2 ? HttpResponse.json({ message: 'no' }, { status: 400 }) : undefined,
      ),
    );
    const failure = await executeOffboarding(auth, plan, { snapshot }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DomoPartialFailureError);
    // The three began side by side; the second write failed, the other two were done.
    expect(snapshot.moved.filter((m) => m.kind === 'alert')).toHaveLength(3);
    expect((failure as DomoPartialFailureError).completed.filter((step) => step.startsWith('alert '))).toHaveLength(2);
    server.resetHandlers(...createSandboxHandlers(state));
    const { done, plan: back } = await restoreOffboarding(auth, snapshot);
    expect(done.filter((step) => step.startsWith('alert '))).toHaveLength(2);
    expect(back.left.join('\n')).toMatch(/alert #\d+ .*: already back/);
    expect(alerts.map((a) => a.ownerId)).toEqual([leaver!.id, leaver!.id, leaver!.id]);
  });
});
