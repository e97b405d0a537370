import { parseId, parseRef } from '../internal/refs.js';
import { chunk } from '../internal/chunk.js';
import type { DomoAuth } from '../auth/base.js';
import { mapAll, mapConcurrent } from '../client/concurrency.js';
import { DomoInputError, DomoNotFoundError } from '../client/errors.js';
import { describe } from '../internal/input.js';
import { getAllGroups, getGroupById } from '../routes/group/core.js';
import type { Group } from '../routes/group/schemas.js';
import { checkEmail } from '../routes/user/core.js';
import type { User } from '../routes/user/schemas.js';
import {
  MAX_IDS_PER_SEARCH,
  searchAllUsers,
  userEmailFilter,
  userIdFilter,
  type UserFilter,
} from '../routes/user/search.js';
import { callOptions, type CallOptions } from './entity.js';
import { findOneByName, notFoundAmong, oneByEmail, unknownRef } from './names.js';
import { isDeletedEmail } from './deleted.js';

/** A user as an argument: an id, an email, or anything with an `id` (a `DomoUser`). */
export type UserRef = number | string | { readonly id: number };
/** A group as an argument: an id, an exact name, or anything with an `id` (a `DomoGroup`). */
export type GroupRef = number | string | { readonly id: number };

/** Emails per search request: a handful of requests resolves a thousand. */
export const EMAILS_PER_SEARCH = 200;
const SEARCHES_IN_FLIGHT = 4;

/**
 * Resolves user references to users, in order, batched: ids are checked with one search per 1 000 ids, emails
 * with one text search per 200 emails (matched exactly, case-insensitive; deleted users never match). Nothing is
 * changed by anyone before this returns, so an unknown reference stops a change before it starts.
 * @throws {DomoNotFoundError} listing every unknown id and email at once
 * @throws {DomoInputError} a reference that is neither an id nor an email
 */
export async function resolveUsers(
  auth: DomoAuth,
  refs: readonly UserRef[],
  options: CallOptions = {},
): Promise<User[]> {
  if (!isList(refs))
    throw new DomoInputError(`users must be an array of ids, emails or DomoUsers, got ${describe(refs)}`, {
      field: 'users',
    });
  const { users, unknown } = await lookupUsers(auth, refs, options);
  if (unknown.length > 0) {
    throw new DomoNotFoundError({
      status: 404,
      route: 'resolveUsers',
      hint: `no such user${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}`,
    });
  }
  return users as User[];
}

/**
 * Like {@link resolveUsers}, but unknown references are returned instead of thrown: `users[i]` is the user of
 * `refs[i]`, or `undefined`, and `unknown` lists those references (for reports that list every problem at once).
 */
export async function lookupUsers(
  auth: DomoAuth,
  refs: readonly UserRef[],
  options: CallOptions = {},
): Promise<{ users: (User | undefined)[]; unknown: string[] }> {
  const parsed = refs.map((ref, index) => parseUserRef(ref, index));
  const ids = [...new Set(parsed.flatMap((p) => (p.kind === 'id' ? [p.id] : [])))];
  const emails = [...new Set(parsed.flatMap((p) => (p.kind === 'email' ? [p.email.toLowerCase()] : [])))];
  const call = callOptions(options);
  const [byId, byEmail] = await Promise.all([usersById(auth, ids, call), usersByEmail(auth, emails, call)]);
  const unknown = [...ids.filter((id) => !byId.has(id)).map(String), ...emails.filter((email) => !byEmail.has(email))];
  return { users: parsed.map((p) => (p.kind === 'id' ? byId.get(p.id) : byEmail.get(p.email.toLowerCase()))), unknown };
}

/**
 * User references as ids, in order: ids and `DomoUser`s are taken as they are (Domo itself refuses an unknown id,
 * before changing anything), emails are resolved in batches as in {@link resolveUsers}. No request when there is
 * no email. This is where user references are checked: what it returns is passed on as it is. With `live`, the
 * ids are checked too (one search per 1 000, see {@link checkLiveUsers}): an unknown or deleted one is refused.
 * @throws {DomoInputError} an empty list, or a reference that is neither an id nor an email
 * @throws {DomoNotFoundError} listing every unknown email
 */
export async function resolveUserIds(
  auth: DomoAuth,
  refs: readonly UserRef[],
  options: CallOptions & {
    route?: string;
    /** Refuse deleted users and unknown ids too (an email only ever finds a live user). @default false */
    live?: boolean;
    /** Ids the caller checked live just now (an offboarding checks its recipients once): not checked again. */
    knownLive?: readonly number[];
  } = {},
): Promise<number[]> {
  if (!isList(refs) || refs.length === 0) {
    throw new DomoInputError(`users must be a non-empty array of ids, emails or DomoUsers, got ${describe(refs)}`, {
      field: 'users',
      route: options.route ?? 'resolveUsers',
    });
  }
  const parsed = refs.map((ref, index) => parseUserRef(ref, index));
  const emails = [...new Set(parsed.flatMap((p) => (p.kind === 'email' ? [p.email.toLowerCase()] : [])))];
  const byEmail =
    emails.length === 0 ? new Map<string, User>() : await usersByEmail(auth, emails, callOptions(options));
  const unknown = emails.filter((email) => !byEmail.has(email));
  if (unknown.length > 0)
    throw new DomoNotFoundError({
      status: 404,
      route: 'resolveUsers',
      hint: `no such user${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}`,
    });
  if (options.live) {
    const ids = parsed.flatMap((p) => (p.kind === 'id' && !options.knownLive?.includes(p.id) ? [p.id] : []));
    if (ids.length > 0)
      await checkLiveUsers(auth, ids, { ...callOptions(options), ...(options.route ? { route: options.route } : {}) });
  }
  return parsed.map((p) => (p.kind === 'id' ? p.id : (byEmail.get(p.email.toLowerCase()) as User).id));
}

/**
 * Checks that users exist and are not deleted, in one search per 1 000 ids (deleted users included, so a deleted one
 * is named as such). What gives a user access (a role, a share, a group) calls this first: Domo accepts a deleted
 * user's id silently.
 * @throws {DomoNotFoundError} ids no user has
 * @throws {DomoInputError} deleted users
 */
export async function checkLiveUsers(
  auth: DomoAuth,
  ids: readonly number[],
  options: CallOptions & { route?: string } = {},
): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const call = callOptions(options);
  const found = new Map<number, User>();
  for (const part of chunk(unique, MAX_IDS_PER_SEARCH))
    for (const user of (await searchAllUsers(auth, { filters: [userIdFilter(part)], includeDeleted: true }, call))
      .users)
      found.set(user.id, user);
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new DomoNotFoundError({
      status: 404,
      route: options.route ?? 'checkLiveUsers',
      hint: `no such user${missing.length === 1 ? '' : 's'}: ${missing.join(', ')}`,
    });
  const deleted = unique.filter((id) => isDeletedEmail(found.get(id)?.emailAddress ?? ''));
  if (deleted.length > 0)
    throw new DomoInputError(
      `user${deleted.length === 1 ? '' : 's'} ${deleted.join(', ')} ${deleted.length === 1 ? 'is' : 'are'} deleted: a deleted user cannot be given access`,
      { field: 'users', route: options.route ?? 'checkLiveUsers' },
    );
}

type ParsedUserRef = { kind: 'id'; id: number } | { kind: 'email'; email: string };

function parseUserRef(ref: UserRef, index: number): ParsedUserRef {
  const id = parseId(typeof ref === 'object' && ref !== null ? ref.id : ref);
  if (id !== undefined) return { kind: 'id', id };
  if (typeof ref === 'string' && ref.includes('@'))
    return { kind: 'email', email: checkEmail(ref, `users[${index}]`, 'resolveUsers') };
  throw new DomoInputError(`users[${index}] must be a user id, an email or a DomoUser, got ${describe(ref)}`, {
    field: `users[${index}]`,
    route: 'resolveUsers',
  });
}

async function usersById(auth: DomoAuth, ids: number[], call: CallOptions): Promise<Map<number, User>> {
  const chunks = chunk(ids, MAX_IDS_PER_SEARCH);
  const pages = await mapAll(chunks, SEARCHES_IN_FLIGHT, (part) => allPages(auth, [userIdFilter(part)], call));
  return new Map(pages.flat().map((user) => [user.id, user]));
}

async function usersByEmail(auth: DomoAuth, emails: string[], call: CallOptions): Promise<Map<string, User>> {
  const chunks = chunk(emails, EMAILS_PER_SEARCH);
  const pages = await mapAll(chunks, SEARCHES_IN_FLIGHT, (part) => allPages(auth, [userEmailFilter(part)], call));
  const users = pages.flat();
  const found = new Map<string, User>();
  for (const email of emails) {
    const user = oneByEmail(users, email, (u) => u.emailAddress);
    if (user) found.set(email, user);
  }
  return found;
}

/** Every page of one search (a text search may match more users than asked for; a short page is not the end). */
async function allPages(auth: DomoAuth, filters: UserFilter[], call: CallOptions): Promise<User[]> {
  return (await searchAllUsers(auth, { filters }, call)).users;
}

/**
 * Resolves group references to groups: ids are read (one request each), names are looked up exactly
 * (case-insensitive) through Domo's name search. Every unknown reference is reported at once.
 * @throws {DomoNotFoundError} listing every unknown id and name
 * @throws {DomoAmbiguousNameError} two groups have that name
 */
export async function resolveGroups(
  auth: DomoAuth,
  refs: readonly GroupRef[],
  options: CallOptions = {},
): Promise<Group[]> {
  if (!isList(refs))
    throw new DomoInputError(`groups must be an array of ids, names or DomoGroups, got ${describe(refs)}`, {
      field: 'groups',
    });
  refs.forEach(checkGroupRef); // every reference checked before anything is sent
  const call = callOptions(options);
  const results = await mapConcurrent(refs, SEARCHES_IN_FLIGHT, (ref) => findGroup(auth, ref, call));
  const missing: string[] = [];
  const groups = results.map((result) => {
    if (result.ok && result.value.group) return result.value.group;
    if (!result.ok && !(result.error instanceof DomoNotFoundError)) throw result.error;
    missing.push(unknownRef(groupRefText(refs[result.index]), result.ok ? result.value.candidates : []));
    return undefined;
  });
  if (missing.length > 0) throw notFoundAmong('group', missing, 'resolveGroups');
  return groups as Group[];
}

function groupRefText(ref: GroupRef | undefined): string {
  return typeof ref === 'object' && ref !== null ? String(ref.id) : String(ref);
}

function checkGroupRef(ref: GroupRef, index: number): void {
  if (!parseRef(ref, { names: true }))
    throw new DomoInputError(`groups[${index}] must be a group id, a name or a DomoGroup, got ${describe(ref)}`, {
      field: `groups[${index}]`,
      route: 'resolveGroups',
    });
}

/** A group by reference, and (for a name) the names Domo's search found, for suggestions when none is exact. */
async function findGroup(
  auth: DomoAuth,
  ref: GroupRef,
  call: CallOptions,
): Promise<{ group: Group | undefined; candidates: string[] }> {
  const parsed = parseRef(ref, { names: true, groups: true });
  if (parsed?.kind === 'id') return { group: (await getGroupById(auth, parsed.id, call)).data, candidates: [] };
  return groupNamed(auth, parsed?.kind === 'group' ? parsed.name : (ref as string), call);
}

/** The group named exactly `name` (case-insensitive), through Domo's contains-search and every page of it. */
export async function findGroupByName(
  auth: DomoAuth,
  name: string,
  call: CallOptions = {},
): Promise<Group | undefined> {
  return (await groupNamed(auth, name, call)).group;
}

/** The group named exactly `name`, and the names the contains-search found (the candidates for a suggestion). */
async function groupNamed(
  auth: DomoAuth,
  name: string,
  call: CallOptions,
): Promise<{ group: Group | undefined; candidates: string[] }> {
  const { data: candidates } = await getAllGroups(auth, { search: name.trim() }, call);
  return {
    group: findOneByName('group', candidates, name, [(group) => group.name]),
    candidates: candidates.map((group) => group.name),
  };
}

/** `Array.isArray` without widening a readonly array to `any[]`. */
function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}
