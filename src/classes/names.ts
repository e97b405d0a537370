import { DomoAmbiguousNameError, DomoInputError, DomoNotFoundError } from '../client/errors.js';
import { checkName, clip, describe } from '../internal/input.js';
import { closeMatches } from '../internal/suggest.js';
import { parseRef, type RefKinds } from '../internal/refs.js';

/**
 * Exact, case-insensitive name lookup — never substring. Tries each key in turn (e.g. display name, then
 * name): the first key with exactly one match wins, two or more matches are an error naming them, none at all
 * is `undefined`.
 */
export function findOneByName<T extends { id: number | string }>(
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

/**
 * Like {@link findOneByName}, but none is a `DomoNotFoundError` naming the close ones (by the first key).
 * @throws {DomoNotFoundError} no item has that name
 * @throws {DomoAmbiguousNameError} two or more have it
 */
export function requireOneByName<T extends { id: number | string }>(
  kind: string,
  items: readonly T[],
  wanted: string,
  keys: ((item: T) => string | null | undefined)[],
  route: string,
): T {
  const found = findOneByName(kind, items, wanted, keys);
  if (found) return found;
  const [first] = keys;
  throw notFoundByName(kind, wanted, route, first ? items.flatMap((item) => first(item) ?? []) : []);
}

/** The error for a name that matched nothing; with `candidates`, it says which names are close. */
export function notFoundByName(
  kind: string,
  wanted: string,
  route: string,
  candidates: readonly string[] = [],
): DomoNotFoundError {
  const close = wanted.length > 80 ? [] : closeMatches(wanted, candidates);
  return new DomoNotFoundError({
    status: 404,
    route,
    hint: `no ${kind} is named ${JSON.stringify(clip(wanted))} (exact, case-insensitive)${close.length ? `; did you mean ${close.map((c) => JSON.stringify(c)).join(' or ')}?` : ''}`,
  });
}

/**
 * One unknown reference as a not-found error names it: quoted, with its close matches among `candidates` (none for
 * an overlong one): `"Editr" (did you mean "Editor"?)`.
 */
export function unknownRef(text: string, candidates: readonly string[] = []): string {
  const close = text.length > 80 ? [] : closeMatches(text, candidates);
  return `${JSON.stringify(clip(text))}${close.length ? ` (did you mean ${close.map((c) => JSON.stringify(c)).join(' or ')}?)` : ''}`;
}

/** The error for references that matched nothing: every one of them (see {@link unknownRef}) at once. */
export function notFoundAmong(kind: string, unknown: readonly string[], route: string): DomoNotFoundError {
  return new DomoNotFoundError({
    status: 404,
    route,
    hint: `no such ${kind}${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}`,
  });
}

/** A reference to an object of a family: its id (a number, or a string of digits), its exact name, or the object. */
export type NamedRef = number | string | { readonly id: number };

/**
 * Resolves references against one read list of a family, in order: ids (numbers, digit strings or objects) by id,
 * other strings by exact name (case-insensitive, through `keys` in turn). Every unknown reference is reported at
 * once, each name with its close matches.
 * @throws {DomoNotFoundError} listing every unknown reference
 * @throws {DomoAmbiguousNameError} a name two objects share
 * @throws {DomoInputError} a reference that is neither
 */
export function resolveAmong<T extends { id: number }>(
  kind: string,
  items: readonly T[],
  refs: readonly NamedRef[],
  keys: ((item: T) => string | null | undefined)[],
  route: string,
): T[] {
  if (!Array.isArray(refs))
    throw new DomoInputError(`${route} needs an array of ids or names, got ${describe(refs)}`, {
      field: 'refs',
      route,
    });
  const unknown: string[] = [];
  const found = (refs as readonly NamedRef[]).map((ref, index) => {
    const id = idOf(ref, index, route);
    const name = id === undefined ? (ref as string) : undefined; // idOf accepts only ids and names
    const item =
      name === undefined ? items.find((candidate) => candidate.id === id) : findOneByName(kind, items, name, keys);
    if (!item) {
      const names = items.flatMap((candidate) => keys.map((key) => key(candidate) ?? '')).filter(Boolean);
      unknown.push(name === undefined ? JSON.stringify(String(id)) : unknownRef(name, names));
    }
    return item;
  });
  if (unknown.length > 0) throw notFoundAmong(kind, unknown, route);
  return found as T[];
}

function idOf(ref: NamedRef, index: number, route: string): number | undefined {
  const parsed = parseRef(ref, { names: true });
  if (parsed?.kind === 'id') return parsed.id;
  if (parsed) return undefined;
  throw new DomoInputError(`refs[${index}] must be an id or a name, got ${describe(ref)}`, {
    field: `refs[${index}]`,
    route,
  });
}

/**
 * What every manager's `get(idOrName)` does with its reference, parsed once here: an id (a number, digits or an
 * object with an id) is read directly with `byId`; other text goes to `byName` (an exact name, or an email where
 * `kinds` says so).
 * @throws {DomoInputError} a reference that is neither
 */
export function byIdOrName<T>(
  ref: unknown,
  route: string,
  byId: (id: number) => Promise<T>,
  byName: (text: string) => Promise<T>,
  kinds: RefKinds = { names: true },
): Promise<T> {
  const parsed = parseRef(ref, kinds);
  if (parsed?.kind === 'id') return byId(parsed.id);
  if (parsed?.kind === 'name') return byName(parsed.name);
  if (parsed?.kind === 'email') return byName(parsed.email);
  const wanted = kinds.emails ? 'an id or an email' : 'an id or a name';
  return Promise.reject(new DomoInputError(`${route} needs ${wanted}, got ${describe(ref)}`, { field: 'ref', route }));
}

/** What an upsert did. */
export type UpsertAction = 'created' | 'updated' | 'unchanged';

/** The entity an upsert left, and what it did to get there. */
export interface UpsertResult<T> {
  entity: T;
  action: UpsertAction;
}

/**
 * Resolves references against one read list of a family whose ids are opaque text (access tokens, API clients,
 * sessions), in order: a reference equal to an id is that object, any other is an exact name (case-insensitive;
 * none when the family has no names). Every unknown reference is reported at once, names with their close matches.
 * @throws {DomoNotFoundError} listing every unknown reference
 * @throws {DomoAmbiguousNameError} a name two objects share
 * @throws {DomoInputError} a reference that is neither a number nor text
 */
export function resolveAmongText<T extends { id: string }>(
  kind: string,
  items: readonly T[],
  refs: readonly (string | number)[],
  nameOf: ((item: T) => string) | undefined,
  route: string,
): T[] {
  if (!Array.isArray(refs))
    throw new DomoInputError(`${route} needs an array of ids${nameOf ? ' or names' : ''}, got ${describe(refs)}`, {
      field: 'refs',
      route,
    });
  const unknown: string[] = [];
  const found = refs.map((ref, index) => {
    if ((typeof ref !== 'string' || ref.trim() === '') && typeof ref !== 'number')
      throw new DomoInputError(`refs[${index}] must be a ${kind} id${nameOf ? ' or name' : ''}, got ${describe(ref)}`, {
        field: `refs[${index}]`,
        route,
      });
    const text = String(ref).trim();
    const item =
      items.find((candidate) => candidate.id === text) ??
      (nameOf ? findOneByName(kind, items, text, [nameOf]) : undefined);
    if (!item) unknown.push(unknownRef(text, nameOf ? items.map(nameOf).filter(Boolean) : []));
    return item;
  });
  if (unknown.length > 0) throw notFoundAmong(kind, unknown, route);
  return found as T[];
}
