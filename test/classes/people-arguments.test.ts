// Every user argument takes an id, an email or a DomoUser; groups an id, an exact name or a DomoGroup.
import { describe, expect, it } from 'vitest';
import { AccessLevel, DomoAccount, DomoGroups, DomoNotFoundError, DomoRole, DomoUsers } from '../../src/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const live = () => [...sb.state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sb.state.adminUserId);
const writes = () => sb.sent.filter((r) => r.method !== 'GET' && r.url.pathname !== '/api/identity/v1/users/search');

describe('role membership by email', () => {
  it('addMembers and removeMembers take emails, ids and DomoUsers', async () => {
    const role = await DomoRole.get(sb.auth, 3);
    const [a, b, c] = live().filter((u) => u.roleId === 4);
    const cUser = await new DomoUsers(sb.auth).get(c!.id);
    await role.addMembers([a!.emailAddress.toUpperCase(), b!.id, cUser]);
    expect([a, b, c].map((u) => sb.state.users.get(u!.id)!.roleId)).toEqual([3, 3, 3]);
    await role.removeMembers([a!.emailAddress], { toRoleId: 4 });
    expect(sb.state.users.get(a!.id)!.roleId).toBe(4);
  });

  it('an unknown email is a DomoNotFoundError listing every unknown one, and nothing moves', async () => {
    const role = await DomoRole.get(sb.auth, 3);
    const [a] = live().filter((u) => u.roleId === 4);
    const error = (await role
      .addMembers([a!.emailAddress, 'ghost@sandbox.example', 'spook@sandbox.example'])
      .catch((e: unknown) => e)) as DomoNotFoundError;
    expect(error).toBeInstanceOf(DomoNotFoundError);
    expect(error.message).toContain('no such users: ghost@sandbox.example, spook@sandbox.example');
    expect(sb.state.users.get(a!.id)!.roleId).toBe(4);
    expect(writes()).toHaveLength(0);
  });
});

describe('sharing and ownership by email and group name', () => {
  it('share({ user: email }), share({ group: name }), unshare, transferOwnership({ to: email })', async () => {
    const account = await DomoAccount.get(sb.auth, 3);
    const [a, b] = live();
    await account.share({ user: a!.emailAddress, accessLevel: AccessLevel.CAN_EDIT });
    expect(sb.state.accounts.get(3)!.shares).toContainEqual({ type: 'USER', id: a!.id, accessLevel: 'CAN_EDIT' });
    const finance = await new DomoGroups(sb.auth).getByName('Finance');
    await account.share({ group: 'finance' });
    expect(sb.state.accounts.get(3)!.shares).toContainEqual({ type: 'GROUP', id: finance.id, accessLevel: 'CAN_VIEW' });
    await account.unshare({ group: finance });
    expect(sb.state.accounts.get(3)!.shares.some((s) => s.type === 'GROUP' && s.id === finance.id)).toBe(false);
    const owner = sb.state.accounts.get(3)!.shares.find((s) => s.type === 'USER' && s.accessLevel === 'OWNER')!.id;
    const ownerEmail = sb.state.users.get(owner)!.emailAddress;
    await account.transferOwnership({ to: b!.emailAddress, from: ownerEmail });
    const owners = sb.state.accounts
      .get(3)!
      .shares.filter((s) => s.accessLevel === 'OWNER')
      .map((s) => s.id);
    expect(owners).toEqual([b!.id]);
  });

  it('an unknown group name or email shares with nobody', async () => {
    const account = await DomoAccount.get(sb.auth, 3);
    const before = JSON.stringify(sb.state.accounts.get(3)!.shares);
    await expect(account.share({ group: 'No Such Group' })).rejects.toThrow(/no such group: "No Such Group"/);
    await expect(account.share({ user: 'ghost@sandbox.example' })).rejects.toThrow(
      /no such user: ghost@sandbox.example/,
    );
    await expect(account.transferOwnership({ to: 'ghost@sandbox.example' })).rejects.toBeInstanceOf(DomoNotFoundError);
    expect(JSON.stringify(sb.state.accounts.get(3)!.shares)).toBe(before);
  });
});
