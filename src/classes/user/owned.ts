import type { DomoAuth } from '../../auth/base.js';
import { mapConcurrent } from '../../client/concurrency.js';
import { DomoInputError, DomoPartialFailureError } from '../../client/errors.js';
import { getAccounts } from '../../routes/account/core.js';
import { getOAuthAccounts } from '../../routes/account/oauth.js';
import { getAccountAccessList, getOAuthAccountAccessList } from '../../routes/account/sharing.js';
import { deleteUser, getUserDetails } from '../../routes/user/core.js';
import { getRoleGrants } from '../../routes/role/grants.js';
import { callOptions, type CallOptions } from '../entity.js';
import { groupsOwnedBy } from '../group/queries.js';
import {
  handOver,
  OWNED_LABEL,
  ownedCount,
  ownedThings,
  type Discovery,
  type OwnedByUser,
  type OwnedThing,
} from '../ownership.js';
import { DomoDatasets } from '../dataset/datasets.js';
import { DomoCards } from '../card/cards.js';
import { DomoDashboards } from '../page/pages.js';
import { DomoApps } from '../app/apps.js';
import { SINGLE_OWNER_FAMILIES, type SingleOwnerKey } from '../owned-families.js';
import { resolveUserIds, type UserRef } from '../people.js';

/**
 * What a user owns, and deleting a user who owns things: `DomoUser.owned()` and `DomoUser.delete()`, in a module of
 * their own so that a user's other reads (and `whoami`) do not load the account and group families.
 */

/** The grant that lets the caller see every account and OAuth template (else only those shared with them). */
const SEE_ALL_CREDENTIALS = 'datasource.account.manage.all';

/**
 * Accounts and OAuth templates with an OWNER share for the user, the groups they own and the datasets they are
 * responsible for, with how complete each discovery is (see {@link OwnedByUser.discovery}).
 */
export async function ownedBy(auth: DomoAuth, userId: number, call: CallOptions): Promise<OwnedByUser> {
  const [accounts, templates, groups, datasets, cards, pages, apps, seesAll, singles] = await Promise.all([
    ownedCredentials(auth, userId, 'account', call),
    ownedCredentials(auth, userId, 'template', call),
    groupsOwnedBy(auth, userId, call),
    new DomoDatasets(auth).ownedBy(userId, call),
    new DomoCards(auth).ownedBy(userId, call),
    new DomoDashboards(auth).ownedBy(userId, call),
    new DomoApps(auth).ownedBy(userId, call),
    callerHolds(auth, SEE_ALL_CREDENTIALS, call),
    Promise.all(SINGLE_OWNER_FAMILIES.map((family) => family.manager(auth).ownedBy(userId, call))),
  ]);
  const single = Object.fromEntries(
    SINGLE_OWNER_FAMILIES.map((family, index) => [
      family.key,
      singles[index]!.map((thing) => ({ id: thing.id, name: thing.name })),
    ]),
  ) as Pick<OwnedByUser, SingleOwnerKey>;
  const credentials: Discovery = seesAll
    ? { exhaustive: true, note: `every one read (the caller holds ${SEE_ALL_CREDENTIALS}), each access list checked` }
    : {
        exhaustive: false,
        note: `${seesAll === undefined ? "the caller's grants could not be read" : `the caller's role lacks ${SEE_ALL_CREDENTIALS}`}: only those shared with the caller were seen`,
      };
  return {
    accounts,
    templates,
    groups: groups.map((group) => ({ id: group.id, name: group.name })),
    datasets: datasets.map((dataset) => ({ id: dataset.id, name: dataset.name })),
    ...single,
    cards: cards.map((card) => ({ id: card.id, name: card.title })),
    pages: pages.map((page) => ({ id: page.id, name: page.title })),
    apps: apps.map((app) => ({ id: app.id, name: app.title })),
    discovery: {
      accounts: credentials,
      templates: credentials,
      groups: { exhaustive: true, note: 'every page of the group list, each group re-checked from its owners' },
      datasets: { exhaustive: true, note: 'the owned-by call, each dataset re-checked by reading it' },
      ...(Object.fromEntries(SINGLE_OWNER_FAMILIES.map((family) => [family.key, family.discovery])) as Record<
        SingleOwnerKey,
        Discovery
      >),
      // Paged to the search's total and each card read back: complete as of the index, which lags ownership writes
      // by a little (a card given to the user moments ago may not be listed yet).
      cards: {
        exhaustive: true,
        note: 'every page of the search, each card re-checked by reading it; the index lags ownership writes by a little',
      },
      pages: { exhaustive: true, note: "every page of the admin summary's owner filter, each row re-checked" },
      apps: {
        exhaustive: true,
        note: 'every row of the admin summary (it has no owner filter), checked on the client',
      },
    },
  };
}

/** Whether the signed-in caller's role holds `grant`; `undefined` when that could not be read. */
async function callerHolds(auth: DomoAuth, grant: string, call: CallOptions): Promise<boolean | undefined> {
  try {
    const me = await auth.whoAmI(call);
    const roleId = me.roleId ?? (await getUserDetails(auth, me.id, call)).data.roleId;
    if (roleId === undefined || roleId === null) return undefined;
    return (await getRoleGrants(auth, roleId, call)).data.includes(grant);
  } catch {
    return undefined;
  }
}

function describeOwned(owned: OwnedByUser): string {
  const byKind = new Map<string, OwnedThing[]>();
  for (const thing of ownedThings(owned)) byKind.set(thing.kind, [...(byKind.get(thing.kind) ?? []), thing]);
  return [...byKind.values()]
    .map(
      (list) =>
        `${list.length} ${OWNED_LABEL[list[0]!.kind]}${list.length === 1 ? '' : 's'} (${list.map((item) => `#${item.id} ${JSON.stringify(item.name)}`).join(', ')})`,
    )
    .join(', ');
}

/** The accounts (or templates) with an OWNER share for `userId`: the list, then each access list, 16 at a time. */
async function ownedCredentials(
  auth: DomoAuth,
  userId: number,
  kind: 'account' | 'template',
  call: CallOptions,
): Promise<{ id: number; name: string }[]> {
  const rows = kind === 'account' ? (await getAccounts(auth, call)).data : (await getOAuthAccounts(auth, call)).data;
  const access = kind === 'account' ? getAccountAccessList : getOAuthAccountAccessList;
  const results = await mapConcurrent(rows, 16, async (row) => (await access(auth, row.id, call)).data);
  return results.flatMap((result) => {
    if (!result.ok) throw result.error;
    return result.value.some((entry) => entry.type === 'USER' && entry.id === userId && entry.accessLevel === 'OWNER')
      ? [{ id: result.item.id, name: result.item.displayName }]
      : [];
  });
}

/**
 * Deletes `user`, handing what they own (`owned`, as just read) to `transferTo` first; see `DomoUser.delete`.
 */
export async function deleteOwner(
  auth: DomoAuth,
  user: { id: number; email: string },
  owned: OwnedByUser,
  options: CallOptions & { transferTo?: UserRef },
): Promise<void> {
  const call = callOptions(options);
  const count = ownedCount(owned);
  if (count > 0 && options.transferTo === undefined) {
    throw new DomoInputError(
      `user ${user.id} <${user.email}> owns ${describeOwned(owned)}; pass { transferTo: user } to hand them over first`,
      { field: 'transferTo', route: 'DomoUser.delete' },
    );
  }
  const target = count === 0 ? undefined : (await resolveUserIds(auth, [options.transferTo as UserRef], call))[0];
  if (target === user.id)
    throw new DomoInputError('transferTo must be another user', { field: 'transferTo', route: 'DomoUser.delete' });
  const completed: string[] = [];
  let transfers = 0;
  try {
    for (const thing of ownedThings(owned)) {
      await handOver(auth, thing, user.id, { type: 'USER', id: target as number }, call, {
        step: (effect) => completed.push(effect),
      });
      completed.push(`${OWNED_LABEL[thing.kind]} ${thing.id} now owned by user ${target}`);
      transfers += 1;
    }
    await deleteUser(auth, user.id, call);
  } catch (error) {
    if (completed.length === 0) throw error;
    throw new DomoPartialFailureError(
      `deleting user ${user.id}: ${transfers} of ${count} transfer(s) were done, then a step failed (${error instanceof Error ? error.message : String(error)}); the user was not deleted`,
      completed,
      error,
    );
  }
}
