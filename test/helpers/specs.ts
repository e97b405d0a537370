import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Spec } from '../../src/governance/index.js';
import type { SandboxState } from '../../src/sandbox/index.js';

/** A grant the Editor system role of a seeded sandbox does not hold (and that needs no other). */
export function editorExtra(state: SandboxState): string {
  const editor = [...state.roles.values()].find((r) => r.name === 'Editor')!;
  return [...state.authorities.values()].find(
    (a) => a.dependsOnAuthorities.length === 0 && !editor.authorities.includes(a.authority),
  )!.authority;
}

/**
 * A spec for a seeded sandbox that touches every kind of change: a created role with a member moved in, a custom
 * role's description, grants and members, a system role's grant deltas, the default role, a created group, an
 * existing group made authoritative, and an account's sharing with a new owner (authoritative).
 */
export function everythingSpec(state: SandboxState, extraGrant: string): Spec {
  const users = [...state.users.values()].filter((u) => !u.deleted && !u.locked && u.id !== state.adminUserId);
  const editable = [...state.groups.values()].find((g) => g.type === 'closed')!;
  const account = state.accounts.get(2)!;
  return {
    roles: {
      Auditors: { description: 'Read the logs', grants: ['admin.audit.view'], members: [users[0]!.emailAddress] },
      'Finance Editors': { description: 'changed', grants: ['dataset.view'], members: [users[1]!.emailAddress] },
      Editor: { grants: { add: [extraGrant] } },
    },
    default_role: 'Auditors',
    groups: {
      'Release Crew': { type: 'closed', owners: [users[2]!.emailAddress], members: [users[3]!.emailAddress] },
      [editable.name]: { description: 'new words', members: [users[4]!.emailAddress], membership: 'authoritative' },
    },
    accounts: {
      [account.displayName]: {
        share: { 'group:Release Crew': 'CAN_VIEW', [users[5]!.emailAddress]: 'CAN_EDIT' },
        owner: users[6]!.emailAddress,
        sharing: 'authoritative',
      },
    },
  };
}

/** A fresh temporary folder holding `spec.yaml` with `text`, for CLI tests that plan and apply files. */
export async function specFolder(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'domo-specs-'));
  await writeFile(join(dir, 'spec.yaml'), text);
  return dir;
}
