import type { DomoAuth } from '../auth/base.js';
import { mapAll } from '../client/concurrency.js';
import { DomoNotFoundError } from '../client/errors.js';
import { chunk } from '../internal/chunk.js';
import { getUserDetails } from '../routes/user/core.js';
import { MAX_IDS_PER_SEARCH, searchAllUsers, userIdFilter } from '../routes/user/search.js';
import type { CallOptions } from './entity.js';
import { DomoUser } from './user/user.js';

/** Owners whose active state is read at once. */
const OWNER_READS_IN_FLIGHT = 8;

/**
 * The users `ids` name, deleted ones included (one search per thousand ids), each live one with whether it is
 * active (one read each, a few at once: the search does not say). An id Domo does not know is left out.
 */
export async function readOwners(
  auth: DomoAuth,
  ids: readonly number[],
  call: CallOptions,
): Promise<Map<number, DomoUser>> {
  const owners = new Map<number, DomoUser>();
  for (const part of chunk([...new Set(ids)], MAX_IDS_PER_SEARCH)) {
    const { users } = await searchAllUsers(auth, { filters: [userIdFilter(part)], includeDeleted: true }, call);
    for (const user of DomoUser.hydrateMany(auth, users)) owners.set(user.id, user);
  }
  const live = [...owners.values()].filter((user) => !user.isDeleted);
  await mapAll(live, OWNER_READS_IN_FLIGHT, async (user) => {
    try {
      user.active = (await getUserDetails(auth, user.id, call)).data.active ?? null;
    } catch (error) {
      if (!(error instanceof DomoNotFoundError)) throw error;
    }
  });
  return owners;
}
