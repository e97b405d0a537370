// environments: one spec, the plain spec of each instance.
import { describe, expect, it } from 'vitest';
import { DomoSpecError, environmentOf, loadSpec, specFor, validateSpec } from '../../src/governance/index.js';

const SPEC = loadSpec(`
instance: acme
roles:
  Auditors: { description: Reads logs, grants: [admin.audit.view], members: [a@acme.com] }
  Stewards: { grants: [dataset.view] }
default_role: Stewards
groups:
  Finance: { owners: [a@acme.com], members: [b@acme.com] }
accounts:
  Snowflake: { share: { "group:Finance": CAN_VIEW, "b@acme.com": CAN_EDIT } }
policies:
  - { deny: only Stewards export, grant: dataset.export, only_roles: [Stewards] }
environments:
  dev:
    instance: acme-dev
    sections: [roles, accounts]
    names:
      roles: { Stewards: Data Stewards }
      groups: { Finance: Finance (dev) }
      accounts: { Snowflake: Snowflake - dev }
    override:
      roles:
        auditors: { members: [dev@acme.com] }
        Testers: { grants: [card.view] }
      accounts:
        Snowflake: { sharing: authoritative }
    policies:
      - { warn: two owners, group_owners_at_least: 2 }
  prod:
    profile: production
`);

describe('specFor', () => {
  it('merges the environment over the spec, maps its names everywhere, keeps only its sections, adds its rules', () => {
    const dev = specFor(SPEC, 'dev');
    expect(dev.instance).toBe('acme-dev');
    expect(dev.environments).toBeUndefined();
    expect(Object.keys(dev.roles ?? {})).toEqual(['Auditors', 'Data Stewards', 'Testers']);
    expect(dev.roles!.Auditors).toEqual({
      description: 'Reads logs',
      grants: ['admin.audit.view'],
      members: ['dev@acme.com'],
    });
    expect(dev.default_role).toBe('Data Stewards');
    expect(dev.groups).toBeUndefined(); // not one of its sections
    expect(dev.accounts).toEqual({
      'Snowflake - dev': {
        share: { 'group:Finance (dev)': 'CAN_VIEW', 'b@acme.com': 'CAN_EDIT' },
        sharing: 'authoritative',
      },
    });
    expect(dev.policies).toEqual([
      { deny: 'only Stewards export', grant: 'dataset.export', only_roles: ['Data Stewards'] },
      { warn: 'two owners', group_owners_at_least: 2 },
    ]);
    // the spec itself is left as it was
    expect(Object.keys(SPEC.roles ?? {})).toEqual(['Auditors', 'Stewards']);
    expect(SPEC.accounts!.Snowflake!.share).toEqual({ 'group:Finance': 'CAN_VIEW', 'b@acme.com': 'CAN_EDIT' });
  });

  it('an environment with nothing of its own is the spec; no environment is the spec without environments', () => {
    const { environments: _, ...base } = SPEC;
    expect(specFor(SPEC, 'prod')).toEqual(base);
    expect(specFor(SPEC)).toEqual(base);
    expect(() => specFor(SPEC, 'qa')).toThrow('the spec has no environment "qa" (it has: dev, prod)');
  });

  it('finds the environment of a profile by its profile: key, else by name', () => {
    expect(environmentOf(SPEC, 'production')?.name).toBe('prod');
    expect(environmentOf(SPEC, 'DEV')?.name).toBe('dev');
    expect(environmentOf(SPEC, 'qa')).toBeUndefined();
  });

  it('an unknown section or key in an environment is located', () => {
    const error = (() => {
      try {
        loadSpec('environments:\n  dev:\n    sections: [roles, tokens]\n    overide: {}\n', { file: 'e.yaml' });
      } catch (e) {
        return e as DomoSpecError;
      }
    })();
    expect(error).toBeInstanceOf(DomoSpecError);
    expect(error!.problems.map((p) => `${p.line} ${p.path}`)).toEqual([
      '3 environments.dev.sections[1]',
      '4 environments.dev.overide',
    ]);
  });
});

describe('validateSpec with environments', () => {
  it('checks each environment as it sees the spec: what only one breaks is named by it; a mapped name the spec lacks is a warning', () => {
    const spec = loadSpec(`
roles:
  Auditors: { grants: [admin.audit.view] }
policies:
  - { deny: no role.manage outside Admin, grant: role.manage, only_roles: [Admin] }
environments:
  dev:
    override:
      roles:
        Auditors: { grants: [admin.audit.view, role.manage] }
  prod:
    names: { groups: { Finanse: Finance (prod) } }
`);
    const { errors, warnings } = validateSpec(spec);
    expect(errors).toEqual([
      'environments.dev: policy: deny "no role.manage outside Admin" (policies[0]): role "Auditors" holds role.manage',
    ]);
    expect(warnings).toEqual(['environments.prod.names.groups: "Finanse" is not a name this spec uses']);
  });
});
