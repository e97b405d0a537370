import { DomoInputError } from '../client/errors.js';
import { nameKey, POLICY_MATCHERS, type PolicyMatcher, type PolicyRule } from './spec.js';

/**
 * Policy rules judged over what a spec leads to (`plan`, `apply`, `validate`) or over a live instance (`audit`). The
 * same rules, the same judgement: each caller builds the {@link PolicySubjects} it can see.
 */

/** What rules are judged over. Only what is listed is judged: a plan lists the spec's roles, an audit every role. */
export interface PolicySubjects {
  /** Roles and the grants they hold (or will hold after the plan). */
  roles: { id?: number; name: string; grants: readonly string[] }[];
  /** The default role, when its grants are known. */
  defaultRole?: { id?: number; name: string; grants: readonly string[] };
  /** Credential accounts and who they are (or will be) shared with. */
  accounts: { id?: number; name: string; shares: { type: 'USER' | 'GROUP'; name: string; level: string }[] }[];
  /** Groups and how many user owners they have (or will have). */
  groups: { id?: number; name: string; owners: number }[];
  /** Access tokens and how long they live, in days (`Infinity` without an expiry); absent when not read. */
  tokens?: { id?: string; name: string; owner: string; lifetimeDays: number }[];
}

/** What a violation is about. */
export interface PolicySubject {
  type: 'role' | 'group' | 'account' | 'token';
  id?: number | string;
  name: string;
}

/** One rule broken by one subject. */
export interface PolicyViolation {
  level: 'deny' | 'warn';
  /** The rule's message, as the spec words it. */
  rule: string;
  /** Where the rule is: `policies[2]`, or `policy.yaml policies[0]`. */
  at: string;
  matcher: PolicyMatcher;
  subject: PolicySubject;
  /** What breaks it, in a sentence: `role "Finance Editors" holds role.manage`. */
  detail: string;
}

/** A rule, and where it came from (for messages). */
export interface LocatedRule {
  rule: PolicyRule;
  at: string;
}

/** A plan or apply stopped by deny rules: nothing was applied. */
export class DomoPolicyError extends DomoInputError {
  override name = 'DomoPolicyError';
  readonly violations: PolicyViolation[];

  constructor(violations: PolicyViolation[], route = 'applyPlan') {
    const denied = violations.filter((v) => v.level === 'deny');
    super(
      `${denied.length} policy violation(s) deny this; nothing was applied:\n${denied.map((v) => `  ✗ ${violationText(v)}`).join('\n')}`,
      { field: 'policies', route },
    );
    this.violations = violations;
  }
}

/** `deny` or `warn`, and the rule's message. */
export function levelOf(rule: PolicyRule): { level: 'deny' | 'warn'; message: string } {
  return rule.deny !== undefined ? { level: 'deny', message: rule.deny } : { level: 'warn', message: rule.warn ?? '' };
}

/** The one matcher of a (checked) rule. */
export function matcherOf(rule: PolicyRule): PolicyMatcher {
  const matcher = POLICY_MATCHERS.find((key) => rule[key] !== undefined);
  if (matcher === undefined) throw new DomoInputError('a policy rule has no matcher', { field: 'policies' });
  return matcher;
}

/** A grant glob as a test: `*` any characters, `?` one, case-insensitive, whole grant. */
export function grantMatcher(pattern: string): (grant: string) => boolean {
  const source = pattern
    .trim()
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.\\+^$()[\]{}|-]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`, 'i');
  return (grant) => regex.test(grant);
}

/** The grants of `grants` that match any of `patterns`. */
function matching(grants: readonly string[], patterns: readonly string[]): string[] {
  const tests = patterns.map(grantMatcher);
  return grants.filter((grant) => tests.some((test) => test(grant)));
}

type Broken = { subject: PolicySubject; detail: string };
type Judge = (rule: PolicyRule, subjects: PolicySubjects) => Broken[];
const role = (r: { id?: number; name: string }): PolicySubject => ({ type: 'role', name: r.name, ...idOf(r) });
const idOf = (r: { id?: number | string }) => (r.id === undefined ? {} : { id: r.id });

/**
 * The roles that hold a grant matching `pattern` and break the rule by whether `names` lists them (`only_roles`: a
 * role not listed breaks it; `never_roles`: a listed one does).
 */
function rolesHolding(
  pattern: string | undefined,
  roles: PolicySubjects['roles'],
  names: readonly string[] | undefined,
  breaks: (listed: boolean) => boolean,
): Broken[] {
  const listed = new Set((names ?? []).map(nameKey));
  return roles.flatMap((r) => {
    const held = matching(r.grants, [pattern ?? '']);
    return held.length === 0 || !breaks(listed.has(nameKey(r.name)))
      ? []
      : [{ subject: role(r), detail: `role "${r.name}" holds ${held.join(', ')}` }];
  });
}

/** One judge per matcher: what in `subjects` breaks the rule. */
const JUDGES: Record<PolicyMatcher, Judge> = {
  only_roles: (rule, { roles }) => rolesHolding(rule.grant, roles, rule.only_roles, (listed) => !listed),
  never_roles: (rule, { roles }) => rolesHolding(rule.grant, roles, rule.never_roles, (listed) => listed),
  default_role_never: (rule, { defaultRole }) => {
    const held = defaultRole ? matching(defaultRole.grants, rule.default_role_never ?? []) : [];
    return defaultRole && held.length > 0
      ? [{ subject: role(defaultRole), detail: `the default role "${defaultRole.name}" holds ${held.join(', ')}` }]
      : [];
  },
  account_shares: (_rule, { accounts }) =>
    accounts.flatMap((account) => {
      const users = account.shares.filter((s) => s.type === 'USER' && s.level !== 'OWNER');
      if (users.length === 0) return [];
      const names = users.map((s) => `${s.name} (${s.level})`);
      const shown =
        names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
      return [
        {
          subject: { type: 'account', name: account.name, ...idOf(account) },
          detail: `account "${account.name}" is shared with ${users.length} user(s): ${shown}`,
        },
      ];
    }),
  group_owners_at_least: (rule, { groups }) => {
    const least = rule.group_owners_at_least ?? 1;
    return groups
      .filter((group) => group.owners < least)
      .map((group) => ({
        subject: { type: 'group' as const, name: group.name, ...idOf(group) },
        detail: `group "${group.name}" has ${group.owners} owner(s), fewer than ${least}`,
      }));
  },
  token_lifetime_days_at_most: (rule, { tokens }) => {
    const most = rule.token_lifetime_days_at_most ?? Infinity;
    return (tokens ?? [])
      .filter((token) => token.lifetimeDays > most)
      .map((token) => ({
        subject: { type: 'token' as const, name: token.name, ...idOf(token) },
        detail: `access token "${token.name}" of ${token.owner} ${token.lifetimeDays === Infinity ? 'never expires' : `lives ${Math.ceil(token.lifetimeDays)} days`}, more than ${most}`,
      }));
  },
};

/**
 * Judges rules over subjects: every violation, denies first, in rule order.
 * @example
 * ```ts
 * const violations = evaluatePolicies(located(spec.policies), subjects);
 * ```
 */
export function evaluatePolicies(rules: readonly LocatedRule[], subjects: PolicySubjects): PolicyViolation[] {
  const violations = rules.flatMap(({ rule, at }) => {
    const { level, message } = levelOf(rule);
    const matcher = matcherOf(rule);
    return JUDGES[matcher](rule, subjects).map((broken) => ({ level, rule: message, at, matcher, ...broken }));
  });
  return [...violations.filter((v) => v.level === 'deny'), ...violations.filter((v) => v.level === 'warn')];
}

/** A spec's rules, each with its place (`policies[0]`). */
export function locatedRules(rules: readonly PolicyRule[] | undefined, prefix = ''): LocatedRule[] {
  return (rules ?? []).map((rule, index) => ({ rule, at: `${prefix}policies[${index}]` }));
}

/** One line: `deny "only Admin may hold role.manage" (policies[0]): role "Finance Editors" holds role.manage`. */
export function violationText(violation: PolicyViolation): string {
  return `${violation.level} "${violation.rule}" (${violation.at}): ${violation.detail}`;
}

/** The rules' grant globs that match no grant of `catalogue` (likely a typo), as warnings. */
export function unmatchedPatterns(rules: readonly LocatedRule[], catalogue: readonly string[]): string[] {
  const warnings: string[] = [];
  for (const { rule, at } of rules) {
    const patterns = [...(rule.grant === undefined ? [] : [rule.grant]), ...(rule.default_role_never ?? [])];
    for (const pattern of patterns)
      if (matching(catalogue, [pattern]).length === 0)
        warnings.push(`${at}: "${pattern}" matches no grant of this instance; check it is not a typo`);
  }
  return warnings;
}
