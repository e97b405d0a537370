import { DomoInputError } from '../client/errors.js';
import { dict } from '../internal/dict.js';
import type { LocatedRule } from './policy.js';
import { nameKey, type Environment, type PolicyRule, type Spec, type SpecAccount } from './spec.js';

type Dict<T> = Record<string, T>;

/**
 * One spec, many instances: `environments:` says, per instance, which sections apply, which names differ, and which
 * values are its own. {@link specFor} turns the spec into the plain spec of one environment.
 */

/** The environment a profile runs: the one whose `profile` it is, else the one of its name (`undefined`: none). */
export function environmentOf(spec: Spec, profile: string): { name: string; environment: Environment } | undefined {
  const entries = Object.entries(spec.environments ?? {});
  const byProfile = entries.find(([, env]) => env.profile !== undefined && nameKey(env.profile) === nameKey(profile));
  const byName = entries.find(([name]) => nameKey(name) === nameKey(profile));
  const found = byProfile ?? byName;
  return found ? { name: found[0], environment: found[1] } : undefined;
}

/** The environment of that name (case-insensitive), as `[name, environment]`. */
function environmentNamed(spec: Spec, name: string): [string, Environment] | undefined {
  return Object.entries(spec.environments ?? {}).find(([key]) => nameKey(key) === nameKey(name));
}

/**
 * The spec as one environment sees it: its values merged over the spec's entries (field by field), the sections
 * that apply there, names mapped to the instance's (entries, `group:` share keys, the default role, the roles of
 * policy rules), its policies added; no `environments`. Without an environment: the spec without `environments`.
 * @throws {DomoInputError} no environment of that name
 * @example
 * ```ts
 * const dev = specFor(spec, 'dev');   // what `plan spec.yaml --profiles dev` plans
 * ```
 */
export function specFor(spec: Spec, environmentName?: string): Spec {
  const { environments, ...base } = spec;
  if (environmentName === undefined) return base;
  const found = environmentNamed(spec, environmentName);
  if (!found)
    throw new DomoInputError(
      `the spec has no environment "${environmentName}"${environments ? ` (it has: ${Object.keys(environments).join(', ')})` : ''}`,
      { field: 'environments' },
    );
  return resolve(base, found[1] ?? {});
}

function resolve(base: Spec, env: Environment): Spec {
  const override = env.override ?? {};
  const sections = new Set(env.sections ?? ['roles', 'groups', 'accounts']);
  const names = env.names ?? {};
  const roleName = mapper(names.roles);
  const groupName = mapper(names.groups);
  const roles = merged(base.roles, override.roles, roleName);
  const groups = merged(base.groups, override.groups, groupName);
  const accounts = merged(base.accounts, override.accounts, mapper(names.accounts));
  for (const account of Object.values<SpecAccount>(accounts ?? {}))
    if (account.share) account.share = mapShares(account.share, groupName);
  const defaultRole = override.default_role ?? base.default_role;
  const policies = [...(base.policies ?? []), ...(env.policies ?? [])].map((rule) => mapRule(rule, roleName));
  const instance = env.instance ?? base.instance;
  return {
    ...(instance === undefined ? {} : { instance }),
    ...(sections.has('roles') && roles ? { roles } : {}),
    ...(sections.has('roles') && defaultRole !== undefined ? { default_role: roleName(defaultRole) } : {}),
    ...(sections.has('groups') && groups ? { groups } : {}),
    ...(sections.has('accounts') && accounts ? { accounts } : {}),
    ...(policies.length > 0 ? { policies } : {}),
  };
}

/** A name → the instance's name (case-insensitive lookup; unmapped names stay). */
function mapper(mapping: Dict<string> | undefined): (name: string) => string {
  const byKey = new Map(Object.entries<string>(mapping ?? {}).map(([from, to]) => [nameKey(from), to]));
  return (name) => byKey.get(nameKey(name)) ?? name;
}

/** The spec's entries with the environment's merged over them (field by field), keyed by the instance's names. */
function merged<T extends object>(
  base: Dict<T> | undefined,
  override: Dict<T> | undefined,
  rename: (name: string) => string,
): Dict<T> | undefined {
  if (base === undefined && override === undefined) return undefined;
  const out = dict<T>();
  const keys = new Map<string, string>();
  for (const [name, entry] of Object.entries<T>(base ?? {})) {
    keys.set(nameKey(name), name);
    out[rename(name)] = { ...entry };
  }
  for (const [name, entry] of Object.entries<T>(override ?? {})) {
    const key = rename(keys.get(nameKey(name)) ?? name);
    out[key] = { ...(out[key] ?? {}), ...entry };
  }
  return out;
}

function mapShares<V>(share: Dict<V>, groupName: (name: string) => string): Dict<V> {
  const out = dict<V>();
  for (const [key, level] of Object.entries<V>(share))
    out[key.startsWith('group:') ? `group:${groupName(key.slice('group:'.length).trim())}` : key] = level;
  return out;
}

function mapRule(rule: PolicyRule, roleName: (name: string) => string): PolicyRule {
  return {
    ...rule,
    ...(rule.only_roles ? { only_roles: rule.only_roles.map(roleName) } : {}),
    ...(rule.never_roles ? { never_roles: rule.never_roles.map(roleName) } : {}),
  };
}

/**
 * The policy rules one environment is judged by, each located: the spec's (`policies[0]`) and the environment's own
 * (`environments.dev.policies[0]`), role names mapped to the instance's. Without an environment: the spec's.
 */
export function policiesFor(spec: Spec, environmentName?: string, prefix = ''): LocatedRule[] {
  const env = environmentName === undefined ? undefined : environmentNamed(spec, environmentName);
  const roleName = mapper(env?.[1]?.names?.roles);
  const located = (rules: readonly PolicyRule[] | undefined, at: string) =>
    (rules ?? []).map((rule, index) => ({ rule: mapRule(rule, roleName), at: `${prefix}${at}[${index}]` }));
  return [
    ...located(spec.policies, 'policies'),
    ...located(env?.[1]?.policies, `environments.${env?.[0] ?? ''}.policies`),
  ];
}
