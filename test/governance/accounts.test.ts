import { describe, expect, it } from 'vitest';
import { applySpec } from '../../src/governance/apply.js';
import { exportSpec } from '../../src/governance/export.js';
import { DomoPlanError, planSpec, renderPlan } from '../../src/governance/plan.js';
import type { Spec } from '../../src/governance/spec.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);

describe('planning and applying account sharing', () => {
  it('a fresh export of everything plans no changes', async () => {
    const spec = await exportSpec(sb.auth);
    expect((await planSpec(sb.auth, spec)).changes).toEqual([]);
  });

  it('grants and changes shares by email and group name, sets the owner, revokes the unlisted when authoritative, and converges', async () => {
    const account = sb.state.accounts.get(3)!;
    const [dana, svc] = live().filter((u) => !account.shares.some((s) => s.id === u.id));
    const spec: Spec = {
      accounts: {
        [account.displayName.toUpperCase()]: {
          share: { 'group:Finance': 'CAN_VIEW', [dana!.emailAddress]: 'CAN_EDIT' },
          owner: svc!.emailAddress,
          sharing: 'authoritative',
        },
      },
    };
    const plan = await planSpec(sb.auth, spec);
    expect(plan.destructive).toBe(true);
    const text = renderPlan(plan);
    expect(text).toContain(`+ group:Finance NONE → CAN_VIEW`);
    expect(text).toContain(`+ ${dana!.emailAddress} NONE → CAN_EDIT`);
    expect(text).toContain(`→ ${svc!.emailAddress}`);
    await expect(applySpec(sb.auth, spec)).rejects.toThrow(/destructive/);
    await applySpec(sb.auth, spec, { allowDestructive: true });
    const finance = [...sb.state.groups.values()].find((g) => g.name === 'Finance')!;
    expect([...sb.state.accounts.get(3)!.shares].sort((a, b) => a.id - b.id)).toEqual(
      [
        { type: 'GROUP', id: finance.id, accessLevel: 'CAN_VIEW' },
        { type: 'USER', id: dana!.id, accessLevel: 'CAN_EDIT' },
        { type: 'USER', id: svc!.id, accessLevel: 'OWNER' },
      ].sort((a, b) => a.id - b.id),
    );
    expect((await planSpec(sb.auth, spec)).changes).toEqual([]);
  });

  it('additive sharing grants without revoking; unknown groups and users are listed', async () => {
    const account = sb.state.accounts.get(3)!;
    const before = account.shares.length;
    const [dana] = live().filter((u) => !account.shares.some((s) => s.id === u.id));
    await applySpec(sb.auth, { accounts: { [account.displayName]: { share: { [dana!.emailAddress]: 'CAN_VIEW' } } } });
    expect(sb.state.accounts.get(3)!.shares).toHaveLength(before + 1);
    const error = (await planSpec(sb.auth, {
      accounts: {
        [account.displayName]: {
          share: { 'group:Nope': 'CAN_VIEW', 'group:Finanse': 'CAN_VIEW', 'ghost@sandbox.example': 'CAN_VIEW' },
        },
      },
    }).catch((e: unknown) => e)) as DomoPlanError;
    expect(error.problems).toEqual(
      expect.arrayContaining([
        `accounts.${account.displayName}.share.ghost@sandbox.example: no user ghost@sandbox.example`,
        expect.stringContaining('no group is named "Nope"'),
        expect.stringContaining('no group is named "Finanse" (did you mean Finance'),
      ]),
    );
  });

  it('an owner also listed under share is a problem', async () => {
    const account = sb.state.accounts.get(3)!;
    const [dana] = live();
    const error = (await planSpec(sb.auth, {
      accounts: { [account.displayName]: { owner: dana!.emailAddress, share: { [dana!.emailAddress]: 'CAN_VIEW' } } },
    }).catch((e: unknown) => e)) as DomoPlanError;
    expect(error.problems).toEqual([
      `accounts.${account.displayName}: ${dana!.emailAddress} is the owner and also listed under share; list them once`,
    ]);
  });
});
