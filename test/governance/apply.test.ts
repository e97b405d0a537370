import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { DomoPartialFailureError } from '../../src/index.js';
import { applyPlan, applySpec } from '../../src/governance/apply.js';
import { planSpec } from '../../src/governance/plan.js';
import type { Spec } from '../../src/governance/spec.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.roleId === 4);
const roleNamed = (name: string) =>
  [...sb.state.roles.values()].find((r) => r.name.toLowerCase() === name.toLowerCase());

function spec(): Spec {
  const [a, b] = live();
  return {
    roles: {
      Auditors: {
        description: 'Read the logs',
        grants: ['admin.audit.view', 'user.view'],
        members: [a!.emailAddress, b!.emailAddress],
        membership: 'authoritative',
      },
      Editor: { grants: { add: ['dataset.export'] } },
    },
    default_role: 'Auditors',
  };
}

describe('applySpec (roles and the default role)', () => {
  it('applies in dependency order, then the next plan is empty (idempotent)', async () => {
    const [a, b] = live();
    const wanted = spec();
    const progress: string[] = [];
    const report = await applySpec(sb.auth, wanted, { onProgress: (_done, _total, change) => progress.push(change) });
    const auditors = roleNamed('Auditors')!;
    expect(auditors).toMatchObject({ description: 'Read the logs' });
    expect([...auditors.authorities].sort()).toEqual(['admin.audit.view', 'user.view']);
    expect([a, b].map((u) => sb.state.users.get(u!.id)!.roleId)).toEqual([auditors.id, auditors.id]);
    expect(sb.state.defaultRoleId).toBe(auditors.id);
    expect(roleNamed('Editor')!.authorities).toContain('dataset.export');
    expect(report.applied).toEqual(progress);
    expect(progress[0]).toBe('created role "Auditors"');
    expect((await planSpec(sb.auth, wanted)).changes).toEqual([]);
    expect((await applySpec(sb.auth, wanted)).applied).toEqual([]);
  });

  it('refuses destructive changes unless allowed, applying nothing', async () => {
    const stewards = roleNamed('Data Stewards')!;
    const before = JSON.stringify([...sb.state.users.values()].map((u) => u.roleId));
    const destructive: Spec = { roles: { 'Data Stewards': { members: [], membership: 'authoritative' } } };
    await expect(applySpec(sb.auth, destructive)).rejects.toThrow(/destructive change\(s\); nothing was applied/);
    expect(JSON.stringify([...sb.state.users.values()].map((u) => u.roleId))).toBe(before);
    await applySpec(sb.auth, destructive, { allowDestructive: true });
    expect([...sb.state.users.values()].filter((u) => u.roleId === stewards.id)).toHaveLength(0);
  });

  it('a failure part-way says exactly what was applied, and the next plan shows what remains', async () => {
    const wanted = spec();
    const plan = await planSpec(sb.auth, wanted);
    sb.server.use(
      http.put('*/api/authorization/v1/roles/settings', () => HttpResponse.json({ message: 'nope' }, { status: 403 })),
    );
    const error = (await applyPlan(sb.auth, plan).catch((e: unknown) => e)) as DomoPartialFailureError;
    expect(error).toBeInstanceOf(DomoPartialFailureError);
    expect(error.completed[0]).toBe('created role "Auditors"');
    expect(error.message).toContain('apply stopped at "made "Auditors" the default role"');
    sb.server.resetHandlers(...(await import('../../src/sandbox/index.js')).createSandboxHandlers(sb.state));
    const remaining = await planSpec(sb.auth, wanted);
    expect(remaining.changes.map((c) => c.kind)).toEqual(['move-users', 'set-default-role']);
  });
});
