import { describe, expect, it } from 'vitest';
import { exportSpec } from '../../src/governance/export.js';
import { DomoPlanError, planSpec, renderPlan } from '../../src/governance/plan.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const writes = () => sb.sent.filter((r) => r.method !== 'GET' && r.url.pathname !== '/api/identity/v1/users/search');

describe('planSpec (roles and the default role)', () => {
  it('a fresh export of the roles plans no changes, and planning sends no change', async () => {
    const { roles, default_role } = await exportSpec(sb.auth, { only: ['roles'] });
    const plan = await planSpec(sb.auth, { roles, default_role });
    expect(plan.changes).toEqual([]);
    expect(renderPlan(plan)).toBe(`No changes: ${sb.state.instance} matches the spec.\n`);
    expect(writes()).toHaveLength(0);
  });

  it('lists creates, grant changes, moves, authoritative removals and the default role, destructive ones marked', async () => {
    const stewards = [...sb.state.roles.values()].find((r) => r.name === 'Data Stewards')!;
    const members = [...sb.state.users.values()].filter((u) => u.roleId === stewards.id);
    const newcomer = [...sb.state.users.values()].find((u) => u.roleId === 4 && !u.deleted && !u.locked)!;
    const plan = await planSpec(sb.auth, {
      roles: {
        Auditors: { grants: ['admin.audit.view', 'user.view'] },
        'data stewards': {
          description: 'Curates',
          grants: [...stewards.authorities.slice(0, -1), 'dataset.view', 'dataset.export'],
          members: [members[0]!.emailAddress, newcomer.emailAddress.toUpperCase()],
          membership: 'authoritative',
        },
        Editor: { grants: { add: ['dataset.export'] } },
      },
      default_role: 'Editor',
    });
    const kinds = plan.changes.map((c) => c.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'create-role',
        'update-role',
        'set-grants',
        'move-users',
        'remove-users',
        'set-default-role',
      ]),
    );
    const grants = plan.changes.find((c) => c.kind === 'set-grants' && c.role === 'data stewards')!;
    expect(grants).toMatchObject({ removed: [stewards.authorities.at(-1)], destructive: members.length > 0 });
    expect(plan.changes.find((c) => c.kind === 'move-users')).toMatchObject({
      users: [{ id: newcomer.id, fromRole: 'Participant' }],
    });
    expect(plan.changes.find((c) => c.kind === 'remove-users')).toMatchObject({
      users: members.slice(1).map((m) => ({ id: m.id })),
      toRole: 'Privileged',
    });
    expect(plan.destructive).toBe(true);
    const text = renderPlan(plan);
    expect(text).toContain('+ role "Auditors" with 2 grant(s): admin.audit.view, user.view');
    expect(text).toContain(`⇄ ${newcomer.emailAddress}: "Participant" → "data stewards"`);
    expect(text).toContain('~ default role: "Privileged" → "Editor"');
    expect(text).toMatch(
      /Plan: 1 to create, \d+ to update, 1 move\(s\), 1 to remove \(includes destructive changes\)\./,
    );
    expect(writes()).toHaveLength(0);
  });

  it('lists every unknown user, grant and role at once, with suggestions', async () => {
    const error = (await planSpec(sb.auth, {
      roles: {
        Auditors: { grants: ['dataset.mange'], members: ['ghost@sandbox.example', 'spook@sandbox.example'] },
        Editor: { grants: ['dataset.view'] },
      },
      default_role: 'Editorz',
    }).catch((e: unknown) => e)) as DomoPlanError;
    expect(error).toBeInstanceOf(DomoPlanError);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        'roles.Auditors.members[0]: no user ghost@sandbox.example',
        'roles.Auditors.members[1]: no user spook@sandbox.example',
        expect.stringContaining('unknown grant dataset.mange (did you mean dataset.manage'),
        expect.stringContaining('"Editor" is a system role: give grant deltas'),
        expect.stringContaining('default_role: no role is named "Editorz" (did you mean Editor'),
      ]),
    );
  });

  it('refuses another instance, and accounts that do not exist', async () => {
    await expect(planSpec(sb.auth, { instance: 'prod' })).rejects.toThrow(/the spec is for instance "prod"/);
    await expect(planSpec(sb.auth, { accounts: { 'No Such Account': {} } })).rejects.toThrow(
      /no account is named "No Such Account"/,
    );
  });
});

describe('planSpec details', () => {
  it('names users who would leave a role by email, and the default role may be one the spec creates', async () => {
    const stewards = [...sb.state.roles.values()].find((r) => r.name === 'Data Stewards')!;
    const members = [...sb.state.users.values()].filter((u) => u.roleId === stewards.id);
    const plan = await planSpec(sb.auth, {
      roles: { 'Data Stewards': { members: [], membership: 'authoritative' }, Reviewers: {} },
      default_role: 'reviewers',
    });
    const removal = plan.changes.find((c) => c.kind === 'remove-users')!;
    expect(removal).toMatchObject({ users: members.map((m) => ({ id: m.id, email: m.emailAddress })) });
    expect(plan.changes.find((c) => c.kind === 'set-default-role')).toMatchObject({ after: 'Reviewers' });
  });

  it('a member of an authoritative role listed under another role moves there, not to the default role', async () => {
    const stewards = [...sb.state.roles.values()].find((r) => r.name === 'Data Stewards')!;
    const [stay, go] = [...sb.state.users.values()].filter((u) => u.roleId === stewards.id);
    const plan = await planSpec(sb.auth, {
      roles: {
        'Data Stewards': { members: [stay!.emailAddress], membership: 'authoritative' },
        'Finance Editors': { members: [go!.emailAddress] },
      },
    });
    const removed = plan.changes.flatMap((c) => (c.kind === 'remove-users' ? c.users.map((u) => u.id) : []));
    const moved = plan.changes.flatMap((c) => (c.kind === 'move-users' ? c.users.map((u) => u.id) : []));
    expect(moved).toContain(go!.id);
    expect(removed).not.toContain(go!.id);
  });

  it('a grant set missing a dependency is a problem, before anything is sent', async () => {
    const error = await planSpec(sb.auth, { roles: { Auditors: { grants: ['dataset.export'] } } }).catch(
      (e: unknown) => e,
    );
    expect((error as DomoPlanError).problems).toEqual([
      'roles.Auditors.grants: missing grant dependencies: dataset.export needs dataset.view',
    ]);
    expect(writes()).toHaveLength(0);
  });

  it('a user listed under two roles is a problem (a user has one role)', async () => {
    const user = [...sb.state.users.values()].find((u) => u.roleId === 4 && !u.deleted && !u.locked)!;
    const error = await planSpec(sb.auth, {
      roles: { 'Data Stewards': { members: [user.emailAddress] }, Editor: { members: [user.emailAddress] } },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomoPlanError);
    expect((error as DomoPlanError).problems).toEqual([
      `roles.Editor.members: ${user.emailAddress} is also a member of "Data Stewards" (a user has one role)`,
    ]);
  });
});
