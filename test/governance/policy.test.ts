// Policy rules: each matcher as deny (plan shows it, apply sends nothing) and as warn (apply goes ahead), offline in
// validate, over the live instance in the audit, and the rule language's own errors.
import { describe, expect, it } from 'vitest';
import { auditAccess, auditFindings } from '../../src/audit/index.js';
import {
  DomoPolicyError,
  DomoSpecError,
  applySpec,
  loadPolicies,
  loadSpec,
  planJson,
  planSpec,
  renderPlan,
  renderPlanMarkdown,
  validateSpec,
  type Spec,
} from '../../src/governance/index.js';
import { grantMatcher, locatedRules } from '../../src/governance/policy.js';
import type { PolicyRule } from '../../src/governance/spec.js';
import type { SandboxState } from '../../src/sandbox/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const writes = () => sb.sent.filter((r) => r.method !== 'GET' && r.url.pathname !== '/api/identity/v1/users/search');
const live = (state: SandboxState) =>
  [...state.users.values()].filter((u) => !u.deleted && !u.locked && u.roleId === 4);
const roleNamed = (name: string) => [...sb.state.roles.values()].find((r) => r.name === name)!;
const DAY = 86_400_000;

type Matcher = Omit<PolicyRule, 'deny' | 'warn'>;

/** Each matcher: a spec that breaks it (and makes at least one change), and what the violation says. */
const CASES: { name: string; matcher: Matcher; spec: (state: SandboxState) => Spec; detail: RegExp }[] = [
  {
    name: 'grant + only_roles (a glob)',
    matcher: { grant: 'role.*', only_roles: ['Admin'] },
    spec: () => ({ roles: { Auditors: { grants: ['admin.audit.view', 'user.view', 'role.manage'] } } }),
    detail: /^role "Auditors" holds role\.manage$/,
  },
  {
    name: 'grant + never_roles (names case-insensitive; grants already held count)',
    matcher: { grant: 'dataset.export', never_roles: ['finance editors'] },
    spec: () => ({ roles: { 'Finance Editors': { description: 'Edit finance content' } } }),
    detail: /^role "Finance Editors" holds dataset\.export$/,
  },
  {
    name: 'default_role_never',
    matcher: { default_role_never: ['dataset.ex*', 'admin.*'] },
    spec: () => ({ default_role: 'Finance Editors' }),
    detail: /^the default role "Finance Editors" holds dataset\.export$/,
  },
  {
    name: 'account_shares: groups_only',
    matcher: { account_shares: 'groups_only' },
    spec: (state) => ({
      accounts: { [state.accounts.get(3)!.displayName]: { share: { [live(state)[0]!.emailAddress]: 'CAN_VIEW' } } },
    }),
    detail: /^account ".+" is shared with \d+ user\(s\): .*\(CAN_VIEW\)/,
  },
  {
    name: 'group_owners_at_least',
    matcher: { group_owners_at_least: 2 },
    spec: (state) => ({ groups: { 'Policy Group': { owners: [live(state)[0]!.emailAddress] } } }),
    detail: /^group "Policy Group" has 1 owner\(s\), fewer than 2$/,
  },
];

describe('policy rules in plan and apply', () => {
  for (const { name, matcher, spec, detail } of CASES) {
    it(`${name}: a deny is in the plan, and apply sends nothing`, async () => {
      const wanted: Spec = { ...spec(sb.state), policies: [{ deny: 'not allowed', ...matcher }] };
      const plan = await planSpec(sb.auth, wanted);
      expect(plan.changes.length).toBeGreaterThan(0);
      const deny = plan.violations.filter((v) => v.level === 'deny');
      expect(deny).toHaveLength(1);
      expect(deny[0]).toMatchObject({ rule: 'not allowed', at: 'policies[0]' });
      expect(deny[0]!.detail).toMatch(detail);
      const before = writes().length;
      const error = await applySpec(sb.auth, wanted).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomoPolicyError);
      expect((error as Error).message).toMatch(/1 policy violation\(s\) deny this; nothing was applied/);
      expect(writes().length).toBe(before);
    });

    it(`${name}: a warn is in the plan, and apply goes ahead`, async () => {
      const wanted: Spec = { ...spec(sb.state), policies: [{ warn: 'think twice', ...matcher }] };
      const report = await applySpec(sb.auth, wanted);
      expect(report.applied.length).toBeGreaterThan(0);
      expect(report.plan.violations.map((v) => [v.level, v.rule])).toEqual([['warn', 'think twice']]);
      expect(writes().length).toBeGreaterThan(0);
    });
  }

  it('judges the default role the instance has when the spec does not name one', async () => {
    sb.state.defaultRoleId = roleNamed('Finance Editors').id;
    const plan = await planSpec(sb.auth, {
      roles: {},
      policies: [{ deny: 'no export', default_role_never: ['dataset.export'] }],
    });
    expect(plan.violations.map((v) => v.detail)).toEqual(['the default role "Finance Editors" holds dataset.export']);
    // the same rule given apart from the spec (--policy) reads the default role too
    const apart = await planSpec(
      sb.auth,
      { roles: {} },
      {
        policies: locatedRules([{ deny: 'no export', default_role_never: ['dataset.export'] }], 'p.yaml '),
      },
    );
    expect(apart.violations.map((v) => `${v.at}: ${v.detail}`)).toEqual([
      'p.yaml policies[0]: the default role "Finance Editors" holds dataset.export',
    ]);
  });

  it('a saved plan made with a default-role rule is not stale without it (the rule reads nothing the plan keeps)', async () => {
    const spec: Spec = { roles: { Auditors: { grants: ['user.view'] } } };
    const withRule = await planSpec(sb.auth, spec, {
      policies: locatedRules([{ warn: 'w', default_role_never: ['admin.*'] }]),
    });
    expect(withRule.fingerprint).toBe((await planSpec(sb.auth, spec)).fingerprint);
  });

  it('says so in the text plan, the Markdown comment and the JSON plan; a glob matching no grant is a warning', async () => {
    const plan = await planSpec(sb.auth, {
      roles: { Auditors: { grants: ['user.view', 'role.manage'] } },
      policies: [
        { deny: 'only Admin manages roles', grant: 'role.manage', only_roles: ['Admin'] },
        { warn: 'typo', grant: 'admn.*', never_roles: ['Auditors'] },
      ],
    });
    expect(renderPlan(plan)).toContain(
      '✗ policy: deny "only Admin manages roles" (policies[0]): role "Auditors" holds role.manage',
    );
    expect(renderPlan(plan)).toMatch(/Policy rules deny it: apply refuses it\.\n$/);
    expect(plan.warnings).toContain('policies[1]: "admn.*" matches no grant of this instance; check it is not a typo');
    expect(renderPlanMarkdown(plan)).toContain('> [!CAUTION]\n> **1 policy violation(s) deny this plan**');
    expect(planJson(plan)).toMatchObject({ denied: true, violations: [{ level: 'deny', matcher: 'only_roles' }] });
  });

  it('a deny still shows when the instance already matches the spec (no changes)', async () => {
    const plan = await planSpec(sb.auth, {
      roles: { 'Finance Editors': {} },
      policies: [{ deny: 'no export', grant: 'dataset.export', never_roles: ['Finance Editors'] }],
    });
    expect(plan.changes).toEqual([]);
    expect(renderPlan(plan)).toMatch(/^✗ policy: deny "no export".*\n\nNo changes/);
  });
});

describe('policy rules offline (validate)', () => {
  it('judges what the spec alone makes certain: a deny is an error, a warn a warning; tokens wait for the audit', () => {
    const spec = loadSpec(
      [
        'roles:',
        '  Auditors: { grants: [user.view, role.manage] }',
        '  Helpers: { grants: { add: [admin.audit.view] } }',
        'groups:',
        '  Ops: { owners: [a@x.io], members: [a@x.io], membership: authoritative }',
        '  Loose: { owners: [a@x.io] }',
        'accounts:',
        '  Snowflake: { owner: o@x.io, share: { o@x.io: OWNER, "group:Ops": CAN_VIEW, b@x.io: CAN_EDIT } }',
        'policies:',
        '  - { deny: only Admin, grant: "role.*", only_roles: [Admin] }',
        '  - { deny: no admin helpers, grant: "admin.*", never_roles: [helpers] }',
        '  - { warn: two owners, group_owners_at_least: 2 }',
        '  - { deny: groups only, account_shares: groups_only }',
        '  - { deny: short tokens, token_lifetime_days_at_most: 90 }',
      ].join('\n'),
    );
    const { errors, warnings } = validateSpec(spec);
    expect(errors).toEqual([
      'policy: deny "only Admin" (policies[0]): role "Auditors" holds role.manage',
      'policy: deny "no admin helpers" (policies[1]): role "Helpers" holds admin.audit.view',
      'policy: deny "groups only" (policies[3]): account "Snowflake" is shared with 1 user(s): b@x.io (CAN_EDIT)',
    ]);
    expect(warnings).toEqual(['policy: warn "two owners" (policies[2]): group "Ops" has 1 owner(s), fewer than 2']);
  });

  it('--policy files add rules, located by file', () => {
    const rules = loadPolicies('policies:\n  - { deny: no export, default_role_never: [dataset.export] }\n', {
      file: 'security.yaml',
    });
    const { errors } = validateSpec(
      { roles: { Base: { grants: ['dataset.export'] } }, default_role: 'Base' },
      { policies: rules },
    );
    expect(errors).toEqual([
      'policy: deny "no export" (security.yaml policies[0]): the default role "Base" holds dataset.export',
    ]);
  });
});

describe('the rule language', () => {
  const problems = (rule: string) => {
    try {
      loadSpec(`policies:\n  - ${rule}\n`, { file: 'p.yaml' });
      return [];
    } catch (error) {
      return (error as DomoSpecError).problems.map((p) => `${p.line} ${p.path}: ${p.message}`);
    }
  };

  it('each rule is deny: or warn: and exactly one matcher; every problem is located', () => {
    expect(problems('{ deny: a, grant: role.manage, only_roles: [Admin] }')).toEqual([]);
    expect(problems('{ grant: role.manage, only_roles: [Admin] }')).toEqual([
      '2 policies[0]: a rule needs deny: or warn: (its message)',
    ]);
    expect(problems('{ deny: a, warn: b, account_shares: groups_only }')).toEqual([
      '2 policies[0]: a rule is deny: or warn:, not both',
    ]);
    expect(problems('{ deny: a }')[0]).toMatch(/a rule has exactly one matcher \(only_roles, .*\); this one has none/);
    expect(problems('{ deny: a, group_owners_at_least: 2, account_shares: groups_only }')[0]).toMatch(
      /this one has account_shares and group_owners_at_least/,
    );
    expect(problems('{ deny: a, only_roles: [Admin] }')).toEqual([
      '2 policies[0].grant: only_roles needs grant: (a grant or glob)',
    ]);
    expect(problems('{ deny: a, grant: x.y, group_owners_at_least: 2 }')).toEqual([
      '2 policies[0].grant: grant: goes with only_roles or never_roles',
    ]);
    expect(problems('{ deny: a, account_shares: users_too }')[0]).toMatch(/account_shares/);
    expect(problems('{ deny: a, grant: "role manage", only_roles: [Admin] }')[0]).toMatch(/must be a grant or a glob/);
    expect(problems('{ deny: a, group_owners_at_least: 0 }')[0]).toMatch(/group_owners_at_least/);
    expect(problems('{ deny: a, default_role_never: [] }')[0]).toMatch(/at least one grant/);
  });

  it('globs: * any characters, ? one, the whole grant, case-insensitive; dots are literal', () => {
    const admin = grantMatcher('admin.*');
    expect(['admin.audit.view', 'ADMIN.billing'].map(admin)).toEqual([true, true]);
    expect(['role.manage', 'adminxaudit', 'superadmin.x'].map(admin)).toEqual([false, false, false]);
    expect(grantMatcher('*.manage')('dataset.manage')).toBe(true);
    expect(grantMatcher('card.v?ew')('card.view')).toBe(true);
    expect(grantMatcher('dataset.export')('dataset.exports')).toBe(false);
  });
});

describe('policy rules over the live instance (audit)', () => {
  const policyFindings = async (rules: PolicyRule[]) =>
    auditFindings(await auditAccess(sb.auth, { content: false, tokens: false, usage: false }), {
      policies: locatedRules(rules),
    }).filter((f) => f.kind === 'policy');

  it('judges every role, not only those a spec names; a deny is high, a warn medium', async () => {
    const found = await policyFindings([
      { deny: 'only Admin manages roles', grant: 'role.manage', only_roles: ['Admin'] },
      { warn: 'stewards never export', grant: 'dataset.export', never_roles: ['Finance Editors'] },
    ]);
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      ['high', 'policy deny "only Admin manages roles" (policies[0]): role "Privileged Admin" holds role.manage'],
      ['medium', 'policy warn "stewards never export" (policies[1]): role "Finance Editors" holds dataset.export'],
    ]);
    expect(found[0]!.subjects).toEqual([
      { type: 'role', id: roleNamed('Privileged Admin').id, name: 'Privileged Admin' },
    ]);
  });

  it('token lifetimes: a token living longer than allowed, or never expiring, breaks the rule', async () => {
    const owner = live(sb.state)[0]!;
    sb.state.issueToken(owner.id, { name: 'long', expires: Date.now() + 400 * DAY });
    sb.state.issueToken(owner.id, { name: 'short', expires: Date.now() + 30 * DAY });
    const model = await auditAccess(sb.auth);
    const found = auditFindings(model, {
      policies: locatedRules([{ deny: 'tokens live 90 days at most', token_lifetime_days_at_most: 90 }]),
    }).filter((f) => f.kind === 'policy');
    const about = found.map((f) => f.subjects[0]!.name);
    expect(about).toContain('long');
    expect(about).not.toContain('short');
    expect(found.find((f) => f.subjects[0]!.name === 'long')!.message).toMatch(/lives (400|401) days, more than 90$/);
  });

  it('groups with too few user owners, and accounts shared with users', async () => {
    const found = await policyFindings([
      { warn: 'two owners', group_owners_at_least: 2 },
      { warn: 'groups only', account_shares: 'groups_only' },
    ]);
    const kinds = new Set(found.map((f) => f.subjects[0]!.type));
    expect(kinds).toEqual(new Set(['group', 'account']));
    for (const finding of found) expect(finding.severity).toBe('medium');
  });
});
