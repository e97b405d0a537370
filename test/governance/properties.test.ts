// Property-style tests over random specs against the in-process sandbox (fast-check, fixed seed):
//   after apply, planning again is empty and the instance says what the spec says;
//   after restoring the snapshot taken before the apply, the instance is exactly as it was.
import fc from 'fast-check';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applySpec,
  DomoPlanError,
  exportSpec,
  loadSnapshot,
  planSpec,
  restoreSnapshot,
  type Spec,
  type SpecAccount,
  type SpecGroup,
  type SpecRole,
} from '../../src/governance/index.js';
import { createSandboxState, type SandboxState, type SandboxStateOptions } from '../../src/sandbox/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const OPTIONS: SandboxStateOptions = { users: 40, accounts: 6 };
// PROPERTY_RUNS and PROPERTY_SEED explore further (npm test keeps the fixed seed).
const RUNS = Number(process.env.PROPERTY_RUNS ?? 20);
const SEED = Number(process.env.PROPERTY_SEED ?? 20261202);
const sb = useSandbox(OPTIONS);

/** Names and emails of the seeded instance (the same seed gives the same instance every run). */
const template = createSandboxState(OPTIONS);
const defaultRoleName = template.roles.get(template.defaultRoleId)!.name;
const emails = [...template.users.values()]
  .filter((u) => !u.deleted && !u.locked && u.id !== template.adminUserId)
  .map((u) => u.emailAddress);
const grants = [...template.authorities.values()]
  .filter((a) => a.dependsOnAuthorities.length === 0)
  .map((a) => a.authority);
const customRoles = [...template.roles.values()].filter((r) => r.id > 5).map((r) => r.name);
const groups = [...template.groups.values()]
  .filter((g) => ['open', 'closed', 'adHoc'].includes(g.type))
  .map((g) => g.name);
const accounts = [...template.accounts.values()].map((a) => a.displayName);
const NEW_ROLES = ['Gen Auditors', 'Gen Stewards'];
const NEW_GROUPS = ['Gen Crew', 'Gen Analysts'];

const mode = fc.constantFrom('additive' as const, 'authoritative' as const);
const someOf = <T>(items: readonly T[], max: number) => fc.uniqueArray(fc.constantFrom(...items), { maxLength: max });
const text = fc.constantFrom('', 'Curates datasets', 'Reads the logs');

/** A spec that can be applied: every user in at most one role, the default role never authoritative. */
const specs = fc
  .record({
    roleNames: someOf([...customRoles, ...NEW_ROLES], 3),
    editor: fc.option(fc.record({ add: someOf(grants, 2), remove: someOf(grants, 2) }), { nil: undefined }),
    members: fc.shuffledSubarray(emails, { minLength: 0, maxLength: 9 }),
    roleSpecs: fc.array(
      fc.record({
        description: fc.option(text, { nil: undefined }),
        grants: fc.option(someOf(grants, 4), { nil: undefined }),
        mode,
      }),
      { minLength: 3, maxLength: 3 },
    ),
    defaultRole: fc.option(fc.constantFrom(...customRoles, ...NEW_ROLES), { nil: undefined }),
    groupNames: someOf([...groups, ...NEW_GROUPS], 3),
    groupSpecs: fc.array(
      fc.record({
        type: fc.option(fc.constantFrom('open' as const, 'closed' as const, 'adHoc' as const), { nil: undefined }),
        description: fc.option(text, { nil: undefined }),
        owners: fc.option(fc.uniqueArray(fc.constantFrom(...emails), { minLength: 1, maxLength: 2 }), {
          nil: undefined,
        }),
        members: fc.option(someOf(emails, 4), { nil: undefined }),
        mode,
      }),
      { minLength: 3, maxLength: 3 },
    ),
    accountNames: someOf(accounts, 2),
    accountSpecs: fc.array(
      fc.record({
        share: fc.dictionary(
          fc.constantFrom(...emails.slice(0, 12), ...[...groups, ...NEW_GROUPS].map((g) => `group:${g}`)),
          fc.constantFrom('CAN_VIEW' as const, 'CAN_EDIT' as const, 'CAN_SHARE' as const),
          { maxKeys: 3 },
        ),
        owner: fc.option(fc.constantFrom(...emails.slice(12, 16)), { nil: undefined }),
        mode,
      }),
      { minLength: 2, maxLength: 2 },
    ),
  })
  .map((r): Spec => {
    const roles: Record<string, SpecRole> = {};
    const defaults = new Set([defaultRoleName, r.defaultRole].filter(Boolean).map((n) => n!.toLowerCase()));
    r.roleNames.forEach((name, i) => {
      const s = r.roleSpecs[i]!;
      roles[name] = {
        ...(s.description === undefined ? {} : { description: s.description }),
        ...(s.grants === undefined ? {} : { grants: s.grants }),
        members: r.members.slice(i * 3, i * 3 + 3),
        membership: defaults.has(name.toLowerCase()) ? 'additive' : s.mode,
      };
    });
    if (r.editor)
      roles.Editor = {
        grants: { add: r.editor.add, remove: r.editor.remove.filter((g) => !r.editor!.add.includes(g)) },
      };
    const groupSpecs: Record<string, SpecGroup> = {};
    r.groupNames.forEach((name, i) => {
      const s = r.groupSpecs[i]!;
      groupSpecs[name] = {
        ...(s.type === undefined ? {} : { type: s.type }),
        ...(s.description === undefined ? {} : { description: s.description }),
        ...(s.owners === undefined ? {} : { owners: s.owners }),
        ...(s.members === undefined ? {} : { members: s.members }),
        membership: s.mode,
      };
    });
    const created = new Set(r.groupNames.map((n) => n.toLowerCase()));
    const accountSpecs: Record<string, SpecAccount> = {};
    r.accountNames.forEach((name, i) => {
      const s = r.accountSpecs[i]!;
      // A share to a group that neither exists nor is created by this spec would be a (reported) problem.
      const share = Object.fromEntries(
        Object.entries(s.share).filter(
          ([key]) => !key.startsWith('group:Gen') || created.has(key.slice(6).toLowerCase()),
        ),
      );
      accountSpecs[name] = { share, ...(s.owner ? { owner: s.owner } : {}), sharing: s.mode };
    });
    return {
      ...(Object.keys(roles).length ? { roles } : {}),
      ...(r.defaultRole && (customRoles.includes(r.defaultRole) || r.roleNames.includes(r.defaultRole))
        ? { default_role: r.defaultRole }
        : {}),
      ...(Object.keys(groupSpecs).length ? { groups: groupSpecs } : {}),
      ...(Object.keys(accountSpecs).length ? { accounts: accountSpecs } : {}),
    };
  });

/** A fresh seeded instance behind the msw server for one run. */
const freshInstance = () => sb.reseed(OPTIONS);

/** The instance says what the spec says (read from the sandbox's own state, not through the library). */
function expectMatches(state: SandboxState, spec: Spec): void {
  const user = (email: string | number) => [...state.users.values()].find((u) => u.emailAddress === email)!;
  const role = (name: string) => [...state.roles.values()].find((r) => r.name.toLowerCase() === name.toLowerCase())!;
  const group = (name: string) => [...state.groups.values()].find((g) => g.name.toLowerCase() === name.toLowerCase())!;
  for (const [name, wanted] of Object.entries(spec.roles ?? {})) {
    const r = role(name);
    expect(r, name).toBeDefined();
    if (wanted.description !== undefined) expect(r.description).toBe(wanted.description);
    if (Array.isArray(wanted.grants)) expect([...r.authorities].sort()).toEqual([...new Set(wanted.grants)].sort());
    else if (wanted.grants) {
      for (const g of wanted.grants.add ?? []) expect(r.authorities).toContain(g);
      for (const g of wanted.grants.remove ?? []) expect(r.authorities).not.toContain(g);
    }
    const ids = (wanted.members ?? []).map((m) => user(m).id);
    for (const id of ids) expect(state.users.get(id)!.roleId, `${name} member ${id}`).toBe(r.id);
    if (wanted.membership === 'authoritative')
      expect(
        [...state.users.values()]
          .filter((u) => u.roleId === r.id)
          .map((u) => u.id)
          .sort(),
      ).toEqual(ids.sort());
  }
  if (spec.default_role) expect(state.defaultRoleId).toBe(role(spec.default_role).id);
  for (const [name, wanted] of Object.entries(spec.groups ?? {})) {
    const g = group(name);
    expect(g, name).toBeDefined();
    if (wanted.type) expect(g.type).toBe(wanted.type);
    if (wanted.description !== undefined) expect(g.description).toBe(wanted.description);
    const members = (wanted.members ?? []).map((m) => user(m).id).sort();
    const owners = (wanted.owners ?? []).map((m) => user(m).id).sort();
    const ownerIds = g.owners
      .filter((o) => o.type === 'USER')
      .map((o) => o.id)
      .sort();
    if (wanted.membership === 'authoritative') {
      if (wanted.members) expect([...g.userIds].sort()).toEqual(members);
      if (wanted.owners) expect(ownerIds).toEqual(owners);
    } else {
      expect(g.userIds).toEqual(expect.arrayContaining(members));
      expect(ownerIds).toEqual(expect.arrayContaining(owners));
    }
  }
  for (const [name, wanted] of Object.entries(spec.accounts ?? {})) {
    const account = [...state.accounts.values()].find((a) => a.displayName === name)!;
    const principal = (key: string) =>
      key.startsWith('group:') ? { type: 'GROUP', id: group(key.slice(6)).id } : { type: 'USER', id: user(key).id };
    const level = (p: { type: string; id: number }) =>
      account.shares.find((s) => s.type === p.type && s.id === p.id)?.accessLevel;
    const listed = Object.entries(wanted.share ?? {}).map(([key, l]) => ({ ...principal(key), level: l }));
    for (const p of listed) expect([p.level, 'OWNER'], `${name} ${p.type} ${p.id}`).toContain(level(p));
    if (wanted.owner) expect(level({ type: 'USER', id: user(wanted.owner).id })).toBe('OWNER');
    if (wanted.sharing === 'authoritative')
      for (const s of account.shares)
        if (s.accessLevel !== 'OWNER')
          expect(
            listed.some((p) => p.type === s.type && p.id === s.id),
            `${name} extra ${s.type} ${s.id}`,
          ).toBe(true);
  }
}

/**
 * Runs an apply. A spec the planner refuses (a grant without its dependencies, say) must be refused before any
 * change is sent; returns whether it was applied.
 */
async function appliedOrRefused(state: SandboxState, apply: () => Promise<unknown>): Promise<boolean> {
  try {
    await apply();
    return true;
  } catch (error) {
    if (!(error instanceof DomoPlanError)) throw error;
    expect(state.requests.filter((r) => r.mutated)).toEqual([]);
    refused += 1;
    return false;
  }
}
let refused = 0;

describe('governance properties over random specs', () => {
  it(
    'after apply, the next plan is empty and the instance says what the spec says',
    async () => {
      await fc.assert(
        fc.asyncProperty(specs, async (spec) => {
          const { state, auth } = freshInstance();
          if (!(await appliedOrRefused(state, () => applySpec(auth, spec, { allowDestructive: true })))) return;
          expect((await planSpec(auth, spec)).changes).toEqual([]);
          expectMatches(state, spec);
        }),
        { numRuns: RUNS, seed: SEED },
      );
      expect(refused, 'most random specs can be applied').toBeLessThan(RUNS / 4);
    },
    RUNS * 2_000,
  );

  it(
    'after restoring the snapshot taken before an apply, the instance is exactly as it was',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'domo-admin-properties-'));
      try {
        await fc.assert(
          fc.asyncProperty(specs, async (spec) => {
            const { state, auth } = freshInstance();
            const before = await exportSpec(auth);
            let report: Awaited<ReturnType<typeof applySpec>> | undefined;
            const apply = async () => {
              report = await applySpec(auth, spec, { allowDestructive: true, snapshotDir: dir });
            };
            if (!(await appliedOrRefused(state, apply)) || !report?.snapshot) return; // the spec already held: nothing was applied, nothing to restore
            const snapshot = loadSnapshot(await readFile(report.snapshot, 'utf8'));
            await restoreSnapshot(auth, snapshot, { allowDestructive: true });
            expect(await exportSpec(auth)).toEqual(before);
          }),
          { numRuns: RUNS, seed: SEED + 1 },
        );
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    RUNS * 2_000,
  );
});
