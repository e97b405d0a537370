import { isAdminLevelGrant } from '../../src/audit/index.js';
import { createSandboxState, type SandboxState } from '../../src/sandbox/index.js';

/**
 * A seeded sandbox with none of the audit's problems: the default role is Participant, no role but Admin holds an
 * admin-level grant, every custom role has a member, every credential is owned by the (active) admin, and every
 * group that can have owners has one; every user was active yesterday and every dataset ran yesterday.
 */
export function cleanState(options: { users?: number; accounts?: number } = {}): SandboxState {
  const state = createSandboxState({
    users: options.users ?? 30,
    accounts: options.accounts ?? 6,
    orphanedContent: false,
    riskyTokens: false,
  });
  state.defaultRoleId = 4;
  const catalogue = new Map([...state.authorities.values()].map((a) => [a.authority, a]));
  for (const role of state.roles.values()) {
    if (role.id === 1) continue;
    role.authorities = role.authorities.filter((id) => {
      const a = catalogue.get(id);
      return !a || !isAdminLevelGrant({ id, title: a.title, description: a.description, group: a.authorityUIGroup });
    });
  }
  const people = [...state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== state.adminUserId);
  [...state.roles.values()]
    .filter((r) => r.id > 5)
    .forEach((role, i) => {
      people[i]!.roleId = role.id;
    });
  for (const credential of [...state.accounts.values(), ...state.templates.values()])
    credential.shares = [
      { type: 'USER', id: state.adminUserId, accessLevel: 'OWNER' },
      ...credential.shares.filter((s) => s.accessLevel !== 'OWNER'),
    ];
  for (const group of state.groups.values())
    if (group.type !== 'system' && group.owners.length === 0) group.owners = [{ type: 'USER', id: state.adminUserId }];
  // Everyone active yesterday, every dataset ran yesterday: no usage finding.
  const yesterday = Date.now() - 86_400_000;
  for (const user of state.users.values()) {
    if (!user.deleted) user.lastActivity = yesterday;
    delete user.lastLogin; // the problems below set lastActivity alone
  }
  for (const dataset of state.datasets.values()) dataset.lastUpdated = yesterday;
  return state;
}

/** Users who can be given things: not the admin, not deleted, not locked. */
export function people(state: SandboxState) {
  return [...state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== state.adminUserId);
}
