import { describe, expect, it } from 'vitest';
import { exportSpec, specToYaml } from '../../src/governance/export.js';
import { loadSpec } from '../../src/governance/load.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();

describe('exportSpec', () => {
  it('describes custom roles, the default role, editable groups and account sharing by name and email', async () => {
    const spec = await exportSpec(sb.auth);
    expect(spec.instance).toBe(sb.state.instance);
    const custom = [...sb.state.roles.values()].filter((r) => r.id > 5);
    expect(Object.keys(spec.roles ?? {}).sort()).toEqual(custom.map((r) => r.name).sort());
    const stewards = custom.find((r) => r.name === 'Data Stewards')!;
    const members = [...sb.state.users.values()]
      .filter((u) => u.roleId === stewards.id)
      .map((u) => u.emailAddress)
      .sort();
    expect(spec.roles?.['Data Stewards']).toMatchObject({
      grants: [...stewards.authorities].sort(),
      members,
      membership: 'authoritative',
    });
    expect(spec.default_role).toBe('Privileged');
    expect(Object.keys(spec.groups ?? {})).not.toContain('All Users'); // a system group: not Domo-admin's to manage
    const finance = [...sb.state.groups.values()].find((g) => g.name === 'Finance')!;
    expect(spec.groups?.Finance).toMatchObject({
      type: finance.type,
      owners: ['admin@sandbox.example'],
      membership: 'authoritative',
    });
    expect(spec.groups?.Finance?.members).toHaveLength(finance.userIds.length);
    const account = sb.state.accounts.get(3)!;
    const owner = sb.state.users.get(account.shares.find((s) => s.accessLevel === 'OWNER')!.id)!;
    expect(spec.accounts?.[account.displayName]).toMatchObject({ owner: owner.emailAddress, sharing: 'authoritative' });
  });

  it('round-trips through YAML and loadSpec unchanged, and --only limits the sections', async () => {
    const spec = await exportSpec(sb.auth);
    const yaml = specToYaml(spec);
    expect(yaml.startsWith('# yaml-language-server: $schema=')).toBe(true);
    expect(loadSpec(yaml)).toEqual(spec);
    const groupsOnly = await exportSpec(sb.auth, { only: ['groups'] });
    expect(Object.keys(groupsOnly).sort()).toEqual(['groups', 'instance']);
    await expect(exportSpec(sb.auth, { only: ['users' as never] })).rejects.toThrow(/unknown section "users"/);
  });
});
