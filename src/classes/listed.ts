import { DomoNotFoundError, DomoValidationError } from '../client/errors.js';

/** What {@link removeListed} says of the object in an error: `access token 12`, the verb, the route. */
export interface ListedWhat {
  /** `access token 12`, `API client 3`, `session 9c1b`. */
  label: string;
  /** `revoke`, `end`. */
  verb: string;
  /** How the error names it at the end: `it`, `the token`. */
  noun: string;
  route: string;
}

/**
 * Removes one object of a family Domo lists whole and has no read of one (access tokens, API clients, sessions), then
 * reads the list again: gone is proven. A 404 (removed already, or a retry after a removal whose answer was lost) is
 * checked against the list too.
 * @returns whether this call removed it (`false`: it was gone already)
 * @throws {DomoValidationError} Domo answered, but the list still shows it
 */
export async function removeListed(
  id: string,
  remove: () => Promise<unknown>,
  list: () => Promise<readonly { id: string }[]>,
  what: ListedWhat,
): Promise<boolean> {
  let removed = true;
  try {
    await remove();
  } catch (error) {
    if (!(error instanceof DomoNotFoundError)) throw error;
    removed = false;
  }
  if ((await list()).some((item) => item.id === id))
    throw new DomoValidationError(
      `${what.label}: Domo answered ${removed ? 'the' : '404 to the'} ${what.verb} but still lists ${what.noun}`,
      { route: what.route },
    );
  return removed;
}
