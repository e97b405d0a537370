// Findings on a sandbox with none of the problems, then with exactly one of each kind and none of the others.
import { describe, expect, it } from 'vitest';
import {
  auditAccess,
  auditFindings,
  FINDING_KINDS,
  type FindingKind,
  type FindingOptions,
} from '../../src/audit/index.js';
import type { SandboxState } from '../../src/sandbox/index.js';
import { cleanState, people } from '../helpers/audit.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox(() => cleanState());
const findings = async (options: FindingOptions = {}) => auditFindings(await auditAccess(sb.auth), options);
const DAY = 86_400_000;

/** One problem each, made in the sandbox's own state (and the finding options it needs, if any). */
const PROBLEMS: Record<FindingKind, (state: SandboxState) => FindingOptions | void> = {
  'audit-incomplete': (state) => {
    const admin = state.roles.get(1)!; // the caller's role can no longer see every account
    admin.authorities = admin.authorities.filter((a) => a !== 'datasource.account.manage.all');
  },
  'admin-grant-outside-admin': (state) => {
    state.roles.get(3)!.authorities.push('role.manage'); // Editor, which has members
  },
  'default-role-too-powerful': (state) => {
    state.defaultRoleId = 3; // Editor holds more than Participant
  },
  'credential-owned-by-inactive': (state) => {
    const [leaver] = people(state);
    leaver!.locked = true;
    const account = state.accounts.get(1)!;
    account.shares = [
      { type: 'USER', id: leaver!.id, accessLevel: 'OWNER' },
      ...account.shares.filter((s) => s.accessLevel !== 'OWNER'),
    ];
  },
  'orphaned-content': (state) => {
    const deleted = [...state.users.values()].find((u) => u.deleted)!;
    const card = [...state.cards.values()][0]!;
    card.owners = [{ type: 'USER', id: deleted.id }]; // its only owner left
  },
  'token-owner-deleted': (state) => {
    const [gone] = people(state);
    state.issueToken(gone!.id, { name: 'left behind' });
    gone!.deleted = true;
    gone!.emailAddress += '_deleted_1700000000000';
  },
  'token-owner-inactive': (state) => {
    const [idle] = people(state);
    state.issueToken(idle!.id, { name: 'idle' });
    idle!.locked = true;
  },
  'token-owner-offboarded': (state) => {
    const [leaver] = people(state);
    state.issueToken(leaver!.id, { name: 'kept by mistake' });
    return { offboardedUsers: [leaver!.id] };
  },
  'token-expiring': (state) => {
    state.issueToken(people(state)[0]!.id, { name: 'soon', expires: Date.now() + 5 * DAY });
  },
  'token-lifetime-too-long': (state) => {
    state.issueToken(people(state)[0]!.id, { name: 'forever', expires: Date.now() + 3650 * DAY });
  },
  'token-expired': (state) => {
    state.issueToken(people(state)[0]!.id, { name: 'stale', expires: Date.now() - 3 * DAY });
  },
  'api-client-owner-deleted': (state) => {
    const [gone] = people(state);
    const client = [...state.apiClients.values()][0]!;
    client.userId = gone!.id;
    gone!.deleted = true;
    gone!.emailAddress += '_deleted_1700000000000';
  },
  'inactive-privileged-user': (state) => {
    const admin = people(state).find((u) => u.roleId === 1)!;
    admin.lastActivity = Date.now() - 200 * DAY;
    state.activity.remove((e) => e.userId === admin.id); // nor in the log
  },
  'inactive-user': (state) => {
    const idle = people(state).find((u) => u.roleId === 4)!;
    idle.lastActivity = Date.now() - 120 * DAY;
    state.activity.remove((e) => e.userId === idle.id);
  },
  'unused-credential': (state) => {
    const dataset = [...state.datasets.values()].find((d) => d.accountId !== null)!;
    for (const d of state.datasets.values())
      if (d.accountId === dataset.accountId) d.lastUpdated = Date.now() - 150 * DAY;
  },
  'unviewed-content-of-inactive-owner': (state) => {
    // A user without grants (so not an inactive user with grants), the only owner of a card nobody viewed.
    const id = state.nextRoleId++;
    state.roles.set(id, { id, name: 'No Grants', description: '', authorities: [], created: 0, modified: 0 });
    const owner = people(state).find((u) => u.roleId === 4)!;
    Object.assign(owner, { roleId: id, lastActivity: Date.now() - 300 * DAY });
    state.activity.remove((e) => e.userId === owner.id);
    const card = [...state.cards.values()][0]!;
    card.owners = [{ type: 'USER', id: owner.id }];
    state.activity.remove((e) => e.objectType === 'CARD' && e.objectId === String(card.id));
  },
  'shared-to-individuals': (state) => {
    const account = state.accounts.get(2)!;
    for (const user of people(state).slice(0, 11))
      account.shares.push({ type: 'USER', id: user.id, accessLevel: 'CAN_VIEW' });
  },
  'group-without-owner': (state) => {
    [...state.groups.values()].find((g) => g.type === 'closed')!.owners = [];
  },
  policy: () => ({
    policies: [
      { rule: { deny: 'Admin never manages roles', grant: 'role.*', never_roles: ['Admin'] }, at: 'policies[0]' },
    ],
  }),
  'role-without-members': (state) => {
    const id = state.nextRoleId++;
    state.roles.set(id, {
      id,
      name: 'Nobody Here',
      description: '',
      authorities: ['dataset.view'],
      created: 0,
      modified: 0,
    });
  },
};

describe('auditFindings', () => {
  it('finds nothing on a sandbox with none of the problems', async () => {
    expect(await findings()).toEqual([]);
  });

  for (const [kind, make] of Object.entries(PROBLEMS) as [
    FindingKind,
    (state: SandboxState) => FindingOptions | void,
  ][]) {
    it(`finds ${kind}, and only it, when the sandbox has just that problem`, async () => {
      const options = make(sb.state) ?? {};
      const found = await findings(options);
      expect(found.map((f) => f.kind)).toEqual([kind]);
      expect(found[0]!.severity).toBe(FINDING_KINDS[kind]);
      expect(found[0]!.message).toMatch(/^[\w"].+[^.]$/);
    });
  }

  it('a deleted sole owner counts like an inactive one; a group co-owner does not', async () => {
    const deleted = [...sb.state.users.values()].find((u) => u.deleted)!;
    const account = sb.state.accounts.get(1)!;
    account.shares = [{ type: 'USER', id: deleted.id, accessLevel: 'OWNER' }];
    const found = await findings();
    expect(found.map((f) => f.kind)).toEqual(['credential-owned-by-inactive']);
    expect(found[0]!.message).toContain(`account "${account.displayName}" is owned only by deleted or inactive users`);
    account.shares.push({ type: 'GROUP', id: [...sb.state.groups.keys()][1]!, accessLevel: 'OWNER' });
    expect(await findings()).toEqual([]);
  });

  it('orphaned content: one finding per deleted or inactive sole owner, with counts by type; a live co-owner clears it', async () => {
    const deleted = [...sb.state.users.values()].find((u) => u.deleted)!;
    const [idle] = people(sb.state);
    idle!.locked = true;
    const datasets = [...sb.state.datasets.values()].slice(0, 3);
    for (const d of datasets) d.ownerId = deleted.id;
    const card = [...sb.state.cards.values()][0]!;
    card.owners = [{ type: 'USER', id: idle!.id }];
    const model = await auditAccess(sb.auth);
    const found = auditFindings(model).filter((f) => f.kind === 'orphaned-content');
    expect(found.map((f) => f.subjects[0]!.id).sort()).toEqual([deleted.id, idle!.id].sort());
    expect(found.find((f) => f.subjects[0]!.id === deleted.id)!.message).toContain(
      `deleted user ${deleted.emailAddress} is the only owner of 3 thing(s) — 3 dataset(s)`,
    );
    expect(found.find((f) => f.subjects[0]!.id === idle!.id)!.message).toMatch(/^inactive user .* — 1 card\(s\)/);
    const datasetsRow = model.content!.find((c) => c.type === 'datasets')!;
    expect(datasetsRow.total).toBe(sb.state.datasets.size);
    expect(datasetsRow.orphanCount).toBe(3);
    expect(datasetsRow.owners.find((o) => o.id === deleted.id)!.count).toBe(3);
    card.owners.push({ type: 'USER', id: sb.state.adminUserId });
    const after = auditFindings(await auditAccess(sb.auth)).filter((f) => f.kind === 'orphaned-content');
    expect(after.map((f) => f.subjects[0]!.id)).toEqual([deleted.id]);
  });

  it('says which users and which grants, in a plain sentence', async () => {
    PROBLEMS['admin-grant-outside-admin'](sb.state);
    const [finding] = await findings();
    const editors = [...sb.state.users.values()].filter((u) => u.roleId === 3 && !u.deleted);
    expect(finding!.message).toBe(
      `${editors.length} user(s) hold admin-level grants (role.manage) through role "Editor", not the Admin role`,
    );
    expect(
      finding!.subjects
        .filter((s) => s.type === 'user')
        .map((s) => s.id)
        .sort(),
    ).toEqual(editors.map((u) => u.id).sort());
  });
});
