import { DomoAmbiguousNameError, DomoNotFoundError } from '../client/errors.js';
import { checkName } from '../client/input.js';

/**
 * Exact, case-insensitive name lookup — never substring. Tries each key in turn (e.g. display name, then
 * name): the first key with exactly one match wins, two or more matches are an error naming them, none at all
 * is `undefined`.
 */
export function findOneByName<T extends { id: number }>(
  kind: string,
  items: readonly T[],
  wanted: string,
  keys: ((item: T) => string | null | undefined)[],
): T | undefined {
  const target = checkName(wanted, 'name').toLowerCase();
  for (const key of keys) {
    const matches = items.filter((item) => key(item)?.trim().toLowerCase() === target);
    if (matches.length > 1)
      throw new DomoAmbiguousNameError(
        kind,
        wanted,
        matches.map((item) => ({ id: item.id, name: String(key(item)) })),
      );
    if (matches.length === 1) return matches[0];
  }
  return undefined;
}

/** The error for a name that matched nothing. */
export function notFoundByName(kind: string, wanted: string, route: string): DomoNotFoundError {
  return new DomoNotFoundError({
    status: 404,
    route,
    hint: `no ${kind} is named ${JSON.stringify(wanted)} (exact, case-insensitive)`,
  });
}

/** What an upsert did. */
export type UpsertAction = 'created' | 'updated' | 'unchanged';

/** The entity an upsert left, and what it did to get there. */
export interface UpsertResult<T> {
  entity: T;
  action: UpsertAction;
}
