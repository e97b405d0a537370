/**
 * A map keyed by names that come from a server or a file (role, group and account names, share keys): an object
 * with no prototype, so `__proto__`, `constructor` or `toString` are keys like any other and can never reach
 * `Object.prototype`. It serialises to JSON and YAML like a plain object.
 * @example
 * ```ts
 * const roles = dict<SpecRole>();
 * roles['__proto__'] = {};          // an own key, not the prototype
 * ```
 */
export function dict<T>(entries?: Iterable<readonly [string, T]>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (entries) for (const [key, value] of entries) out[key] = value;
  return out;
}
