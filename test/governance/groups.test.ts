import { describe, expect, it } from 'vitest';
import { applySpec } from '../../src/governance/apply.js';
import { exportSpec } from '../../src/governance/export.js';
import { DomoPlanError, planSpec, renderPlan } from '../../src/governance/plan.js';
import type { Spec } from '../../src/governance/spec.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);
const groupNamed = (name: string) =>
  [...sb.state.groups.values()].find((g) => g.name.toLowerCase() === name.toLowerCase());

describe('planning and applying groups', () => {
  it('a fresh export of roles and groups plans no changes', async () => {
    const { roles, default_role, groups } = await exportSpec(sb.auth, { only: ['roles', 'groups'] });
    expect((await planSpec(sb.auth, { roles, default_role, groups })).changes).toEqual([]);
  });

  it('creates a group with owners and members, makes another authoritative, and converges (the next plan is empty)', async () => {
    const [a, b, c] = live();
    const finance = groupNamed('Finance')!;
    const spec: Spec = {
      groups: {
        Reviewers: {
          type: 'closed',
          description: 'Peer review',
          owners: [a!.emailAddress],
          members: [a!.emailAddress, b!.emailAddress],
        },
        finance: { description: 'FP&A', members: [c!.emailAddress], membership: 'authoritative' },
      },
    };
    const plan = await planSpec(sb.auth, spec);
    const text = renderPlan(plan);
    expect(text).toContain('+ group "Reviewers" (closed) with 2 member(s)');
    expect(text).toContain('~ group "finance": description');
    expect(text).toMatch(/~ group "finance" members: .*− .*\(destructive\)/);
    await expect(applySpec(sb.auth, spec)).rejects.toThrow(/destructive/);
    await applySpec(sb.auth, spec, { allowDestructive: true });
    const reviewers = groupNamed('Reviewers')!;
    expect(reviewers).toMatchObject({ type: 'closed', description: 'Peer review' });
    expect(reviewers.userIds.sort()).toEqual([a!.id, b!.id].sort());
    expect(reviewers.owners.map((o) => o.id)).toContain(a!.id);
    expect(groupNamed('Finance')).toMatchObject({ description: 'FP&A', userIds: [c!.id] });
    expect(finance.id).toBe(groupNamed('Finance')!.id);
    expect((await planSpec(sb.auth, spec)).changes).toEqual([]);
  });

  it("refuses to manage a system group's members", async () => {
    const error = (await planSpec(sb.auth, { groups: { 'All Users': { members: [live()[0]!.emailAddress] } } }).catch(
      (e: unknown) => e,
    )) as DomoPlanError;
    expect(error).toBeInstanceOf(DomoPlanError);
    expect(error.problems[0]).toContain('is a system group: its members are managed by Domo');
  });
});
