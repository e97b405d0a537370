// renamed_from on roles and groups: a rename (id, grants and members kept, nobody moved), not create + move; the
// likely rename a spec did not say; the way back; what cannot be renamed.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DomoPlanError,
  applySpec,
  loadSnapshot,
  planSpec,
  renderPlan,
  restoreSnapshot,
  validateSpec,
  type Spec,
  type SpecRole,
} from '../../src/governance/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const writes = () => sb.sent.filter((r) => r.method !== 'GET' && r.url.pathname !== '/api/identity/v1/users/search');
const roleNamed = (name: string) => [...sb.state.roles.values()].find((r) => r.name === name);
const membersOf = (id: number) =>
  [...sb.state.users.values()].filter((u) => u.roleId === id && !u.deleted).map((u) => u.emailAddress);

/** Finance Editors as a spec names it, under a new name. */
function financeAs(name: string, extra: Partial<SpecRole> = {}): Spec {
  const finance = roleNamed('Finance Editors')!;
  return {
    roles: {
      [name]: {
        renamed_from: 'Finance Editors',
        grants: [...finance.authorities],
        members: membersOf(finance.id),
        membership: 'authoritative',
        ...extra,
      },
    },
  };
}

describe('renaming a role', () => {
  it('plans a rename — not create and move — and applying it keeps the id, grants and members', async () => {
    const finance = roleNamed('Finance Editors')!;
    const members = membersOf(finance.id);
    expect(members.length).toBeGreaterThan(0);
    const spec = financeAs('Finance Team');
    const plan = await planSpec(sb.auth, spec);
    expect(plan.changes).toEqual([
      { kind: 'rename-role', role: 'Finance Team', from: 'Finance Editors', roleId: finance.id, destructive: false },
    ]);
    expect(renderPlan(plan)).toContain('~ role "Finance Editors" renamed to "Finance Team" (same role');
    expect(plan.destructive).toBe(false);
    const before = writes().length;
    await applySpec(sb.auth, spec);
    expect(
      writes()
        .slice(before)
        .map((r) => `${r.method} ${r.url.pathname}`),
    ).toEqual([`PUT /api/authorization/v1/roles/${finance.id}`]);
    expect(roleNamed('Finance Team')!.id).toBe(finance.id);
    expect(roleNamed('Finance Editors')).toBeUndefined();
    expect(membersOf(finance.id)).toEqual(members);
    // renamed_from is harmless once done: the next plan is empty
    expect((await planSpec(sb.auth, spec)).changes).toEqual([]);
  });

  it('a rename with other changes: renamed first, then the grants of the role under its new name', async () => {
    const spec = financeAs('Finance Team', { grants: ['dataset.view', 'card.view'] });
    const report = await applySpec(sb.auth, spec, { allowDestructive: true });
    expect(report.applied[0]).toBe('renamed role "Finance Editors" to "Finance Team"');
    expect([...roleNamed('Finance Team')!.authorities].sort()).toEqual(['card.view', 'dataset.view']);
  });

  it('the default role renamed stays the default: no default-role change', async () => {
    const finance = roleNamed('Finance Editors')!;
    sb.state.defaultRoleId = finance.id;
    const plan = await planSpec(sb.auth, { ...financeAs('Finance Team'), default_role: 'Finance Team' });
    expect(plan.changes.map((c) => c.kind)).toEqual(['rename-role']);
  });

  it('both names existing is a problem; neither, a warning and a new role; a system role is not renamed', async () => {
    const both = await planSpec(sb.auth, { roles: { 'Data Stewards': { renamed_from: 'Finance Editors' } } }).catch(
      (e: unknown) => e,
    );
    expect(both).toBeInstanceOf(DomoPlanError);
    expect((both as DomoPlanError).problems).toEqual([
      'roles.Data Stewards.renamed_from: both "Data Stewards" and "Finance Editors" exist: remove renamed_from if the rename is done, or delete one of them',
    ]);
    const neither = await planSpec(sb.auth, { roles: { Brand: { renamed_from: 'Ghost', grants: ['user.view'] } } });
    expect(neither.changes.map((c) => c.kind)).toEqual(['create-role']);
    expect(neither.warnings).toContain('roles.Brand.renamed_from: no "Ghost" exists (nor "Brand"): "Brand" is created');
    const system = await planSpec(sb.auth, { roles: { Editors: { renamed_from: 'Editor' } } }).catch((e: unknown) => e);
    expect((system as DomoPlanError).problems).toEqual([
      'roles.Editors.renamed_from: "Editor" is a system role: it cannot be renamed',
    ]);
  });

  it('a role written under a new name with the same grants and all the members is reported as a likely rename', async () => {
    const spec = financeAs('Finance Team');
    delete spec.roles!['Finance Team']!.renamed_from;
    const plan = await planSpec(sb.auth, spec);
    expect(plan.changes.map((c) => c.kind)).toEqual(['create-role', 'move-users']);
    expect(plan.warnings).toContainEqual(
      expect.stringMatching(
        /^roles\.Finance Team: looks like a rename of "Finance Editors" \(the same grants, and all \d+ of its members move here, leaving it empty\): .* add renamed_from: Finance Editors$/,
      ),
    );
    // other grants: not a rename
    spec.roles!['Finance Team']!.grants = ['dataset.view'];
    expect((await planSpec(sb.auth, spec)).warnings.some((w) => w.includes('looks like a rename'))).toBe(false);
  });

  it('restore renames it back (the same role) and puts its grants back', async () => {
    const finance = roleNamed('Finance Editors')!;
    const grants = [...finance.authorities].sort();
    const dir = mkdtempSync(join(tmpdir(), 'renames-'));
    const report = await applySpec(sb.auth, financeAs('Finance Team', { grants: ['dataset.view'] }), {
      snapshotDir: dir,
      allowDestructive: true,
    });
    const snapshot = loadSnapshot(readFileSync(report.snapshot!, 'utf8'));
    expect(snapshot.spec.roles!['Finance Editors']).toMatchObject({ renamed_from: 'Finance Team' });
    await restoreSnapshot(sb.auth, snapshot, { allowDestructive: true });
    expect(roleNamed('Finance Editors')!.id).toBe(finance.id);
    expect([...roleNamed('Finance Editors')!.authorities].sort()).toEqual(grants);
  });
});

describe('renaming a group', () => {
  it('renames it in place (owners and members kept); an account shared with it by its new name is unchanged', async () => {
    const group = [...sb.state.groups.values()].find((g) => g.type === 'closed')!;
    const account = sb.state.accounts.get(3)!;
    account.shares.push({ type: 'GROUP', id: group.id, accessLevel: 'CAN_VIEW' });
    const oldName = group.name;
    const spec: Spec = {
      groups: { 'Renamed Crew': { renamed_from: oldName } },
      accounts: { [account.displayName]: { share: { 'group:Renamed Crew': 'CAN_VIEW' } } },
    };
    const plan = await planSpec(sb.auth, spec);
    expect(plan.changes).toEqual([
      { kind: 'rename-group', group: 'Renamed Crew', from: oldName, groupId: group.id, destructive: false },
    ]);
    await applySpec(sb.auth, spec);
    expect(sb.state.groups.get(group.id)!.name).toBe('Renamed Crew');
  });
});

describe('renamed_from offline', () => {
  it('an old name the spec also defines, or two entries renamed from one name, are errors', () => {
    const { errors } = validateSpec({
      roles: { A: { renamed_from: 'B' }, B: {}, C: { renamed_from: 'Old' }, D: { renamed_from: 'old' } },
    });
    expect(errors).toEqual([
      'roles.A.renamed_from: "B" is also in this spec\'s roles: a rename leaves one',
      'roles.D.renamed_from: "C" is renamed from "old" too: only one can be',
    ]);
  });
});
