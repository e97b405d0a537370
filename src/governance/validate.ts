import { evaluatePolicies, locatedRules, violationText, type LocatedRule } from './policy.js';
import { specSubjects } from './policy-subjects.js';
import { renameProblems } from './renames.js';
import { specFor } from './environments.js';
import { nameKey, type Environment, type Spec } from './spec.js';

/** What {@link validateSpec} found: errors make the spec unusable; warnings are worth a look. */
export interface SpecValidation {
  errors: string[];
  warnings: string[];
}

/** Domo's five system roles: a spec may name them without listing them. */
const SYSTEM_ROLES = ['admin', 'privileged', 'editor', 'participant', 'social'];

/**
 * Checks a loaded spec offline — no instance is read — for what its own sections say about each other: a user in
 * two roles (a user holds one), a group left without owners, a grant both added and removed, an authoritative list
 * that removes everyone; and, as warnings, references to what the spec does not define (a default role or a shared
 * group that must then exist on the instance); and the policy rules (the spec's `policies` and `options.policies`)
 * over what the spec alone makes certain. A spec with `environments:` is checked as each of them sees it too (what
 * only an environment breaks is prefixed `environments.<name>:`). `plan` checks the rest against the instance.
 * @example
 * ```ts
 * const { errors, warnings } = validateSpec(loadSpec(text, { file: 'governance.yaml' }));
 * ```
 */
export function validateSpec(spec: Spec, options: { policies?: readonly LocatedRule[] } = {}): SpecValidation {
  const result = validateOne(specFor(spec), options);
  for (const [name, environment] of Object.entries(spec.environments ?? {})) {
    const seen = validateOne(specFor(spec, name), options);
    const own = (list: string[], base: string[]) =>
      list.filter((m) => !base.includes(m)).map((m) => `environments.${name}: ${m}`);
    result.errors.push(...own(seen.errors, result.errors));
    result.warnings.push(...own(seen.warnings, result.warnings), ...unknownNames(spec, name, environment));
  }
  return result;
}

/** Names an environment maps that the spec does not have (a typo maps nothing). */
function unknownNames(spec: Spec, name: string, environment: Environment): string[] {
  return (['roles', 'groups', 'accounts'] as const).flatMap((section) => {
    const known = new Set(Object.keys(spec[section] ?? {}).map(nameKey));
    if (section === 'roles' && spec.default_role !== undefined) known.add(nameKey(spec.default_role));
    if (section === 'groups')
      for (const account of Object.values(spec.accounts ?? {}))
        for (const key of Object.keys(account.share ?? {}))
          if (key.startsWith('group:')) known.add(nameKey(key.slice('group:'.length)));
    return Object.keys(environment.names?.[section] ?? {})
      .filter((from) => !known.has(nameKey(from)))
      .map((from) => `environments.${name}.names.${section}: "${from}" is not a name this spec uses`);
  });
}

function validateOne(spec: Spec, options: { policies?: readonly LocatedRule[] }): SpecValidation {
  const result: SpecValidation = { errors: [], warnings: [] };
  checkRoles(spec, result);
  checkGroups(spec, result);
  checkAccounts(spec, result);
  result.errors.push(...renameProblems(spec));
  checkPolicies(spec, [...locatedRules(spec.policies), ...(options.policies ?? [])], result);
  return result;
}

/**
 * The policy rules over what the spec alone makes certain (exact grant lists, listed shares, owners listed
 * authoritatively): a broken deny is an error, a broken warn a warning. `plan` judges the rest against the instance.
 */
function checkPolicies(spec: Spec, rules: LocatedRule[], result: SpecValidation): void {
  for (const violation of evaluatePolicies(rules, specSubjects(spec)))
    (violation.level === 'deny' ? result.errors : result.warnings).push(`policy: ${violationText(violation)}`);
}

function checkRoles(spec: Spec, result: SpecValidation): void {
  const holder = new Map<string, string>();
  for (const [name, role] of Object.entries(spec.roles ?? {})) {
    for (const ref of role.members ?? []) {
      const key = String(ref).toLowerCase();
      const other = holder.get(key);
      if (other !== undefined && other !== name)
        result.errors.push(
          `roles.${name}.members: ${String(ref)} is also a member of "${other}" (a user has one role)`,
        );
      else holder.set(key, name);
    }
    const grants = role.grants;
    if (grants && !Array.isArray(grants)) {
      const both = (grants.add ?? []).filter((g) => (grants.remove ?? []).includes(g));
      if (both.length > 0) result.errors.push(`roles.${name}.grants: both added and removed: ${both.join(', ')}`);
    }
    if (role.membership === 'authoritative' && (role.members ?? []).length === 0)
      result.warnings.push(`roles.${name}: membership is authoritative and lists no members: everyone is moved out`);
  }
  const wanted = spec.default_role;
  if (wanted !== undefined) {
    const defined = Object.keys(spec.roles ?? {}).some((name) => nameKey(name) === nameKey(wanted));
    if (!defined && !SYSTEM_ROLES.includes(nameKey(wanted)))
      result.warnings.push(`default_role: "${wanted}" is not in this spec's roles: it must exist on the instance`);
  }
}

function checkGroups(spec: Spec, result: SpecValidation): void {
  for (const [name, group] of Object.entries(spec.groups ?? {})) {
    const authoritative = group.membership === 'authoritative';
    if (authoritative && group.owners !== undefined && group.owners.length === 0)
      result.errors.push(`groups.${name}.owners: a group keeps at least one owner; list one (or leave owners out)`);
    if (authoritative && (group.members ?? []).length === 0)
      result.warnings.push(`groups.${name}: membership is authoritative and lists no members: everyone is removed`);
  }
}

function checkAccounts(spec: Spec, result: SpecValidation): void {
  const groups = new Set(Object.keys(spec.groups ?? {}).map(nameKey));
  for (const [name, account] of Object.entries(spec.accounts ?? {})) {
    for (const key of Object.keys(account.share ?? {})) {
      if (!key.startsWith('group:')) continue;
      const group = key.slice('group:'.length).trim();
      if (!groups.has(nameKey(group)))
        result.warnings.push(
          `accounts.${name}.share: group "${group}" is not in this spec's groups: it must exist on the instance`,
        );
    }
    const owner = account.owner === undefined ? undefined : String(account.owner).toLowerCase();
    const shared = Object.entries(account.share ?? {}).find(([key]) => key.toLowerCase() === owner);
    if (shared && shared[1] !== 'OWNER')
      result.errors.push(`accounts.${name}: ${String(account.owner)} is the owner and also shared ${shared[1]}`);
    if (account.sharing === 'authoritative' && Object.keys(account.share ?? {}).length === 0 && !account.owner)
      result.warnings.push(`accounts.${name}: sharing is authoritative and lists nobody: every share is revoked`);
  }
}
