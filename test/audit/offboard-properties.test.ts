// Property-style test of offboarding over random ownership mixes (fast-check, fixed seed): whatever a leaver owns,
// of every type, offboarding leaves them owning nothing and every object with exactly its planned owner, and
// touches nothing else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offboardUser } from '../../src/audit/index.js';
import { DomoUser } from '../../src/index.js';
import { ownedCount } from '../../src/classes/ownership.js';
import type { SandboxState, SandboxStateOptions } from '../../src/sandbox/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const OPTIONS: SandboxStateOptions = {
  users: 30,
  accounts: 4,
  datasets: 8,
  cards: 8,
  pages: 2,
  dataflows: 4,
  beastModes: 4,
  appDbCollections: 3,
  alerts: 4,
  eachOtherContent: 3,
  apps: 3,
};
const RUNS = Number(process.env.PROPERTY_RUNS ?? 6);
const SEED = Number(process.env.PROPERTY_SEED ?? 20261206);
const sb = useSandbox({ users: 5 });

type Single = { ownerId: number; indexedOwnerId: number };
/** The single-owner collections of the sandbox, by name. */
const SINGLE = (s: SandboxState): [string, Map<unknown, Single>][] => [
  ['datasets', s.datasets],
  ['dataflows', s.dataflows],
  ['beastModes', s.beastModes],
  ['appDbCollections', s.appDbCollections],
  ['alerts', s.alerts],
  ['workflows', s.workflows],
  ['codePackages', s.codePackages],
  ['jupyterWorkspaces', s.jupyterWorkspaces],
  ['filesets', s.filesets],
];
const SHARED = (s: SandboxState): [string, Map<unknown, { owners: { type: string; id: number }[] }>][] => [
  ['cards', s.cards],
  ['pages', s.pages],
  ['apps', s.apps],
];

/** A mix: for each object of each type, whether the leaver owns it (a co-owner for shared ones); and the new owner. */
const mixes = fc.record({
  picks: fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
  toGroup: fc.boolean(),
});

/** A fresh seeded instance behind the msw server for one run. */
const instance = () => sb.reseed(OPTIONS);

describe('offboarding any ownership mix', () => {
  it('leaves the user owning nothing, every object with its planned owner, everything else as it was', async () => {
    await fc.assert(
      fc.asyncProperty(mixes, async ({ picks, toGroup }) => {
        const { state, auth } = instance();
        const people = [...state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== state.adminUserId);
        const [leaver, heir, fallback] = people.slice(-3);
        const group = [...state.groups.values()].find((g) => g.type === 'closed')!;
        let n = 0;
        const mine = new Set<unknown>();
        for (const [, things] of SINGLE(state))
          for (const [id, thing] of things) {
            if ((thing as { deleted?: boolean }).deleted) continue;
            if (picks[n++ % picks.length]) {
              thing.ownerId = thing.indexedOwnerId = leaver!.id; // the search index has caught up
              mine.add(thing);
            } else if (thing.ownerId === leaver!.id) thing.ownerId = thing.indexedOwnerId = state.adminUserId;
            void id;
          }
        for (const [, things] of SHARED(state))
          for (const thing of things.values()) {
            thing.owners = thing.owners.filter((o) => !(o.type === 'USER' && o.id === leaver!.id));
            if (picks[n++ % picks.length]) {
              thing.owners.push({ type: 'USER', id: leaver!.id });
              mine.add(thing);
            }
            if (thing.owners.length === 0) thing.owners.push({ type: 'USER', id: state.adminUserId });
            (thing as { indexedOwners?: unknown }).indexedOwners &&= thing.owners.map((o) => ({ ...o }));
          }
        const before = new Map(
          [...SINGLE(state), ...SHARED(state)].flatMap(([, things]) =>
            [...things.values()].map((t) => [t, JSON.stringify('owners' in t ? t.owners : t.ownerId)] as const),
          ),
        );
        expect(mine.size).toBeGreaterThan(0);
        await offboardUser(auth, leaver!.id, {
          to: toGroup ? `group:${group.name}` : heir!.emailAddress,
          ...(toGroup ? { fallbackTo: fallback!.emailAddress } : {}),
        });
        for (const [name, things] of SINGLE(state))
          for (const thing of things.values()) {
            if (!mine.has(thing)) expect(JSON.stringify(thing.ownerId), name).toBe(before.get(thing));
            else expect(thing.ownerId, name).toBe(toGroup ? fallback!.id : heir!.id);
          }
        for (const [name, things] of SHARED(state))
          for (const thing of things.values()) {
            if (!mine.has(thing)) expect(JSON.stringify(thing.owners), name).toBe(before.get(thing));
            else {
              expect(
                thing.owners.some((o) => o.type === 'USER' && o.id === leaver!.id),
                name,
              ).toBe(false);
              expect(thing.owners, name).toContainEqual(
                toGroup ? { type: 'GROUP', id: group.id } : { type: 'USER', id: heir!.id },
              );
            }
          }
        expect(ownedCount(await (await DomoUser.get(auth, leaver!.id)).owned())).toBe(0);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
