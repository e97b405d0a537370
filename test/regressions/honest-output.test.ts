// Issue 24 §2: what the CLI prints after a change is true on a real instance — owners, counts, users by id, and one
// rule for emails that differ only by case.
import { describe, expect, it } from 'vitest';
import { userAccess, auditAccess } from '../../src/audit/index.js';
import { DomoAmbiguousNameError, DomoTokenAuth, DomoUsers } from '../../src/index.js';
import { useLoopbackCli } from '../helpers/loopback.js';

const { cli, sandbox } = useLoopbackCli();
const people = () =>
  [...sandbox().state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== sandbox().state.adminUserId);

describe('accounts list OWNER', () => {
  it('is the owner from the access list, not the creator, and follows an offboarding', async () => {
    const { state } = sandbox();
    const [creator, heir] = people();
    const account = state.accounts.get(1)!;
    account.createdBy = creator!.id; // Domo's row `userId`: the creator
    account.shares = [{ type: 'USER', id: creator!.id, accessLevel: 'OWNER' }];
    const rowOf = (stdout: string) => stdout.split('\n').find((line) => line.includes(account.displayName))!;
    expect(rowOf((await cli(['accounts', 'list'])).stdout)).toContain(creator!.displayName);
    const offboard = await cli(['--yes', 'offboard', creator!.emailAddress, '--to', heir!.emailAddress]);
    expect(offboard.code).toBe(0);
    const after = rowOf((await cli(['accounts', 'list'])).stdout);
    expect(after).toContain(heir!.displayName);
    expect(after).not.toContain(creator!.displayName);
    const shown = (await cli(['accounts', 'show', String(account.id)])).stdout;
    expect(shown).toContain(`owner: ${heir!.displayName}`);
  });
});

describe('counts after a change', () => {
  it('users set-role prints the role as it is after the move', async () => {
    const { state } = sandbox();
    const user = people().find((u) => u.roleId === 4)!;
    const { stdout, code } = await cli(['--yes', 'users', 'set-role', user.emailAddress, 'Editor']);
    expect(code).toBe(0);
    expect(stdout).toContain(`${state.userCount(3)} users`);
  });
});

describe('a user by id or by email', () => {
  it('access <id> finds the user an email finds', async () => {
    const user = people()[0]!;
    const byId = await cli(['--json', 'access', String(user.id)]);
    const byEmail = await cli(['--json', 'access', user.emailAddress]);
    expect(byId.code).toBe(0);
    expect(JSON.parse(byId.stdout)).toEqual(JSON.parse(byEmail.stdout));
  });

  it('two users whose emails differ only by case are ambiguous everywhere, never a different person', async () => {
    const { state } = sandbox();
    const [a, b] = people();
    b!.emailAddress = a!.emailAddress.toUpperCase();
    b!.userName = b!.emailAddress;
    const auth = new DomoTokenAuth({ instance: state.instance, token: state.adminToken, baseUrl: sandbox().url });
    const users = new DomoUsers(auth);
    await expect(users.getByEmail(a!.emailAddress)).rejects.toBeInstanceOf(DomoAmbiguousNameError);
    await expect(users.resolve([a!.emailAddress])).rejects.toBeInstanceOf(DomoAmbiguousNameError);
    const model = await auditAccess(auth, { include: ['users'] });
    expect(() => userAccess(model, a!.emailAddress)).toThrow(DomoAmbiguousNameError);
    for (const args of [
      ['users', 'show', a!.emailAddress],
      ['access', a!.emailAddress],
      ['--yes', 'offboard', a!.emailAddress, '--to', people()[2]!.emailAddress],
    ]) {
      const { code, stderr } = await cli(args);
      expect(code, args.join(' ')).toBe(1);
      expect(stderr, args.join(' ')).toContain('DomoAmbiguousNameError');
    }
    expect(state.requests.filter((r) => r.mutated)).toHaveLength(0);
  });
});

/** A Participant's token: the caller sees only what is shared with them. */
function participantToken() {
  const { state } = sandbox();
  const user = [...state.users.values()].find((u) => u.roleId === 4 && !u.deleted && !u.locked)!;
  state.accounts.get(1)!.shares.push({ type: 'USER', id: user.id, accessLevel: 'CAN_VIEW' });
  return state.issueToken(user.id);
}

describe('an incomplete audit on the CLI', () => {
  it('makes the CLI warn and exit 3; --allow-incomplete exits 0', async () => {
    const token = participantToken();
    const warned = await cli(['audit'], { DOMO_ACCESS_TOKEN: token });
    expect(warned.code, warned.stderr).toBe(3);
    expect(warned.stderr).toContain('saw only part of the instance');
    expect(warned.stdout).toMatch(/\d+ accounts/);
    const allowed = await cli(['audit', '--allow-incomplete'], { DOMO_ACCESS_TOKEN: token });
    expect(allowed.code).toBe(0);
    const json = await cli(['--json', 'audit'], { DOMO_ACCESS_TOKEN: token });
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout).model).toMatchObject({ complete: false });
  });
});

describe('--sandbox', () => {
  it('says on stderr that its changes vanish, and how to keep them', async () => {
    const run = await cli(['--sandbox', 'whoami']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('its changes vanish when this command exits');
    expect(run.stderr).toContain('`domo-admin sandbox`');
  });
});
