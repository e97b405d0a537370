import { z } from 'zod';
import type { DomoAuth } from '../auth/base.js';
import { mapAll } from '../client/concurrency.js';
import { DomoValidationError } from '../client/errors.js';
import type { CallOptions } from '../classes/entity.js';
import { DomoGroup } from '../classes/group/group.js';
import { getCredential } from '../classes/ownership.js';
import { groupsWithMember } from '../classes/group/queries.js';
import { getAccounts } from '../routes/account/core.js';
import { getOAuthAccounts } from '../routes/account/oauth.js';
import { getAccountAccessList, getOAuthAccountAccessList } from '../routes/account/sharing.js';

/** {@link AccessToRemove} as a saved plan or a snapshot holds it. */
export const AccessToRemoveSchema = z.looseObject({
  groups: z.array(z.looseObject({ id: z.number().int().positive(), name: z.string() })),
  shares: z.array(
    z.looseObject({
      kind: z.enum(['account', 'template']),
      id: z.number().int().positive(),
      name: z.string(),
      accessLevel: z.string(),
    }),
  ),
});

/** A user's access that is not ownership: group memberships and direct credential shares (`--remove-access`). */
export interface AccessToRemove {
  groups: { id: number; name: string }[];
  /**
   * Memberships that stay: directory groups, whose members the identity provider manages (SCIM) — remove the user
   * there. (System groups such as All Users are Domo's and not listed.)
   */
  managed?: { id: number; name: string; type: string }[];
  /** Accounts and OAuth templates shared with the user directly, below OWNER (ownership is handed over). */
  shares: { kind: 'account' | 'template'; id: number; name: string; accessLevel: string }[];
}

const IN_FLIGHT = 16;

/**
 * What `--remove-access` would remove: the groups the user is a member of (not system groups: Domo manages those),
 * their direct credential shares.
 */
export async function accessToRemove(auth: DomoAuth, userId: number, call: CallOptions): Promise<AccessToRemove> {
  const [groups, accounts, templates] = await Promise.all([
    groupsWithMember(auth, userId, call),
    directShares(auth, userId, 'account', call),
    directShares(auth, userId, 'template', call),
  ]);
  // System groups (All Users, …) are Domo's to manage, directory groups the identity provider's: not removed here.
  const removable = groups.filter((g) => g.type !== 'system' && g.type !== 'directory');
  const managed = groups.filter((g) => g.type === 'directory');
  return {
    groups: removable.map((g) => ({ id: g.id, name: g.name })),
    ...(managed.length > 0 ? { managed: managed.map((g) => ({ id: g.id, name: g.name, type: g.type })) } : {}),
    shares: [...accounts, ...templates],
  };
}

async function directShares(
  auth: DomoAuth,
  userId: number,
  kind: 'account' | 'template',
  call: CallOptions,
): Promise<AccessToRemove['shares']> {
  const rows = kind === 'account' ? (await getAccounts(auth, call)).data : (await getOAuthAccounts(auth, call)).data;
  const read = kind === 'account' ? getAccountAccessList : getOAuthAccountAccessList;
  const lists = await mapAll(rows, IN_FLIGHT, async (row) => (await read(auth, row.id, call)).data);
  return rows.flatMap((row, index) => {
    const entry = lists[index]!.find((e) => e.type === 'USER' && e.id === userId && e.accessLevel !== 'OWNER');
    return entry ? [{ kind, id: row.id, name: row.displayName, accessLevel: entry.accessLevel }] : [];
  });
}

/** The plan's sentences for it. */
export function removeAccessSteps(access: AccessToRemove, email: string): string[] {
  return [
    ...access.groups.map((g) => `remove ${email} from group #${g.id} "${g.name}"`),
    ...access.shares.map(
      (s) =>
        `unshare ${s.kind === 'account' ? 'account' : 'OAuth template'} #${s.id} "${s.name}" from ${email} (${s.accessLevel})`,
    ),
  ];
}

/** One removal of {@link removeAccessSteps}, in the same order, read back. */
export function removeAccessActions(
  auth: DomoAuth,
  access: AccessToRemove,
  userId: number,
  call: CallOptions,
): (() => Promise<void>)[] {
  return [
    ...access.groups.map((g) => async () => {
      const group = await DomoGroup.get(auth, g.id, call);
      await group.removeMembers([userId], call);
      if ((await group.getMembers(call)).some((member) => member.id === userId))
        throw new DomoValidationError(`group ${g.id}: user ${userId} is still a member after the removal`, {
          route: 'offboardUser',
        });
    }),
    ...access.shares.map((s) => async () => {
      const credential = await getCredential(auth, s.kind, s.id, call);
      await credential.unshare({ userId }, call);
      if ((await credential.getAccess(call)).some((e) => e.type === 'USER' && e.id === userId))
        throw new DomoValidationError(`${s.kind} ${s.id}: user ${userId} still has access after the unshare`, {
          route: 'offboardUser',
        });
    }),
  ];
}
