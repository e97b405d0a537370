import { describe, expect, it } from 'vitest';
import { createSandboxState } from '../../src/sandbox/index.js';

const snapshot = (seed: number) => {
  const state = createSandboxState({ seed });
  return JSON.stringify({
    users: [...state.users.values()],
    groups: [...state.groups.values()],
    roles: [...state.roles.values()],
    accounts: [...state.accounts.values()],
    templates: [...state.templates.values()],
    token: state.adminToken,
  });
};

describe('sandbox seed', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(snapshot(7)).toBe(snapshot(7));
    expect(snapshot(7)).not.toBe(snapshot(8));
  });

  it('seeds a realistic instance', () => {
    const state = createSandboxState();
    expect(state.users.size).toBeGreaterThanOrEqual(50);
    expect(state.groups.size).toBeGreaterThanOrEqual(5);
    expect([...state.roles.values()].slice(0, 5).map((r) => [r.id, r.name])).toEqual([
      [1, 'Admin'],
      [2, 'Privileged'],
      [3, 'Editor'],
      [4, 'Participant'],
      [5, 'Social'],
    ]);
    expect(state.roles.size).toBeGreaterThan(5);
    expect(state.authorities.size).toBeGreaterThanOrEqual(60);
    expect(state.providers.size).toBeGreaterThanOrEqual(20);
    for (const key of [
      'abstract-credential-store',
      'domo-access-token',
      'snowflake',
      'snowflake-oauth-config',
      'jira-on-prem-oauth-config',
      'amazon-s3',
      'aws-athena',
      'google-spreadsheets',
    ]) {
      expect(state.providers.has(key), key).toBe(true);
    }
    expect(state.defaultRoleId).toBe(2);
    expect(new Set([...state.accounts.values()].map((a) => a.dataProviderType)).size).toBeGreaterThanOrEqual(8);
    expect(state.templates.size).toBeGreaterThanOrEqual(2);
    for (const user of state.users.values()) expect(state.roles.has(user.roleId)).toBe(true);
    for (const group of state.groups.values()) expect(group.userIds.length).toBeGreaterThan(0);
    const shares = [...state.accounts.values()].flatMap((a) => a.shares);
    expect(new Set(shares.map((s) => s.type))).toEqual(new Set(['USER', 'GROUP']));
    expect(new Set(shares.map((s) => s.accessLevel)).size).toBeGreaterThanOrEqual(2);
  });

  it('scales to the requested size', () => {
    const state = createSandboxState({ accounts: 10_000, users: 200 });
    expect(state.accounts.size).toBe(10_000);
    expect(state.users.size).toBe(205); // 200, the admin, the locked user and 3 deleted users
    expect(state.nextAccountId).toBe(10_001);
  });
});
