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

/**
 * The one user whose email is `email`, compared case-insensitively — the one rule every lookup by email follows
 * (resolve, getByEmail, the audit's access, offboarding), so they can never pick different people. Deleted users
 * never match (their email ends in `_deleted_<epoch>`). `undefined` when none.
 * @throws {DomoAmbiguousNameError} two users have emails that differ only by case
 */
export function oneByEmail<T extends { id: number }>(
  users: readonly T[],
  email: string,
  emailOf: (user: T) => string | null | undefined,
): T | undefined {
  const wanted = email.trim().toLowerCase();
  const matches = users.filter((user) => emailOf(user)?.trim().toLowerCase() === wanted);
  const unique = [...new Map(matches.map((user) => [user.id, user])).values()];
  if (unique.length > 1)
    throw new DomoAmbiguousNameError(
      'user',
      email,
      unique.map((user) => ({ id: user.id, name: String(emailOf(user)) })),
      'have the email',
    );
  return unique[0];
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
