import { DomoValidationError } from '../client/errors.js';
import type { User } from '../routes/user/schemas.js';
import { MAX_SEARCH_PAGE, searchUserPages, searchUsers } from '../routes/user/search.js';
import type { Inventory } from './inventory.js';

/**
 * Every user, deleted ones too. The first page says how many there are and how many Domo serves a page; the rest are
 * read concurrently at that step, then page by page from where they stopped until the count or an empty page. Fewer
 * users than the count is a failure (recorded by a tolerant inventory, thrown by a strict one): never silently short.
 */
export async function readAllUsers(inventory: Inventory): Promise<User[]> {
  const { auth, call } = inventory;
  const search = { includeDeleted: true } as const;
  const page = (offset: number) =>
    inventory.read(
      'users',
      async () => (await searchUsers(auth, { ...search, limit: MAX_SEARCH_PAGE, offset }, call)).data,
      undefined,
      { name: `users from ${offset + 1}` },
    );
  const first = await page(0);
  if (!first) return [];
  const step = first.users.length;
  const offsets: number[] = [];
  for (let offset = step; step > 0 && first.count !== undefined && offset < first.count; offset += step)
    offsets.push(offset);
  const rest = await inventory.each('users', offsets, page);
  const seen = new Map<number, User>();
  for (const user of [first, ...rest].flatMap((p) => p?.users ?? [])) seen.set(user.id, user);
  if (rest.some((p) => p === undefined)) return [...seen.values()]; // a failed page is already a failure
  const tailFrom = (offsets.at(-1) ?? 0) + (rest.at(-1) ?? first).users.length;
  if (step > 0 && (first.count === undefined || seen.size < first.count)) {
    const tail = await inventory.read(
      'users',
      async () => {
        const pages = searchUserPages(auth, { ...search, offset: tailFrom }, call);
        for (let next = await pages.next(); !next.done; next = await pages.next()) {
          inventory.requests.users += 1;
          for (const user of next.value) seen.set(user.id, user);
        }
        return true;
      },
      false,
      { name: `users from ${tailFrom + 1}` },
    );
    if (!tail) return [...seen.values()];
  }
  if (first.count !== undefined && seen.size < first.count) short(inventory, first.count, seen.size);
  return [...seen.values()];
}

function short(inventory: Inventory, announced: number, served: number): void {
  const error = `Domo announced ${announced} users and served ${served}: the users section is short`;
  if (!inventory.options.tolerant)
    throw new DomoValidationError(error, { route: 'searchUsers', issues: [{ path: 'count', message: error }] });
  inventory.failures.push({ section: 'users', name: 'user search', error });
}
