import type { DomoAuth } from '../auth/base.js';
import { DomoValidationError } from '../client/errors.js';
import { AccessLevel } from '../routes/account/sharing.js';
import { getGroupOwners, updateGroupAccess, type PrincipalRef } from '../routes/group/members.js';
import { DomoAccount } from './account/account.js';
import type { CallOptions } from './entity.js';
import { DomoOAuthAccount } from './account/oauth-account.js';

/** What a user owns, by id and name. */
export interface OwnedByUser {
  accounts: { id: number; name: string }[];
  templates: { id: number; name: string }[];
  groups: { id: number; name: string }[];
}

/** One thing a user owns: an account, an OAuth template or a group. */
export interface OwnedThing {
  kind: 'account' | 'template' | 'group';
  id: number;
  name: string;
}

/** What the kinds are called in sentences. */
export const OWNED_LABEL: Record<OwnedThing['kind'], string> = {
  account: 'account',
  template: 'OAuth template',
  group: 'group',
};

/** Everything owned, in the order it is handed over: accounts, OAuth templates, groups. */
export function ownedThings(owned: OwnedByUser): OwnedThing[] {
  return [
    ...owned.accounts.map((a) => ({ kind: 'account' as const, ...a })),
    ...owned.templates.map((t) => ({ kind: 'template' as const, ...t })),
    ...owned.groups.map((g) => ({ kind: 'group' as const, ...g })),
  ];
}

/**
 * Hands one thing from a user to a new owner (a user or a group), then reads it again to be sure: an account or
 * OAuth template gets the new owner as OWNER and loses the user; a group gets the new owner as an owner and loses
 * the user as one. `step` is told when the new owner was added to a credential, before the user is removed: a
 * failure in between leaves two owners, and a report must say so.
 * @throws {DomoValidationError} the read-back does not show the hand-over
 */
export async function handOver(
  auth: DomoAuth,
  thing: OwnedThing,
  fromUserId: number,
  to: PrincipalRef,
  call: CallOptions,
  step: (done: string) => void = () => undefined,
): Promise<void> {
  const { owner, left } =
    thing.kind === 'group'
      ? await handOverGroup(auth, thing.id, fromUserId, to, call)
      : await handOverCredential(auth, thing, fromUserId, to, call, step);
  if (!owner || left)
    throw new DomoValidationError(
      `${OWNED_LABEL[thing.kind]} ${thing.id}: the read-back does not show the hand-over (new owner ${to.type} ${to.id} an owner: ${owner}; user ${fromUserId} still there: ${left})`,
      { route: 'handOver' },
    );
}

async function handOverCredential(
  auth: DomoAuth,
  thing: OwnedThing,
  fromUserId: number,
  to: PrincipalRef,
  call: CallOptions,
  step: (done: string) => void,
): Promise<{ owner: boolean; left: boolean }> {
  const credential =
    thing.kind === 'account'
      ? await DomoAccount.get(auth, thing.id, call)
      : await DomoOAuthAccount.get(auth, thing.id, call);
  await credential.share(
    { ...(to.type === 'USER' ? { userId: to.id } : { groupId: to.id }), accessLevel: AccessLevel.OWNER },
    call,
  );
  step(
    `${OWNED_LABEL[thing.kind]} ${thing.id}: ${to.type === 'USER' ? 'user' : 'group'} ${to.id} added as OWNER (user ${fromUserId} still one until removed)`,
  );
  await credential.unshare({ userId: fromUserId }, call);
  const access = await credential.getAccess(call);
  return {
    owner: access.some((e) => e.type === to.type && e.id === to.id && e.accessLevel === 'OWNER'),
    left: access.some((e) => e.type === 'USER' && e.id === fromUserId),
  };
}

async function handOverGroup(
  auth: DomoAuth,
  groupId: number,
  fromUserId: number,
  to: PrincipalRef,
  call: CallOptions,
): Promise<{ owner: boolean; left: boolean }> {
  await updateGroupAccess(auth, [{ groupId, addOwners: [to], removeOwners: [{ type: 'USER', id: fromUserId }] }], call);
  const { data: owners } = await getGroupOwners(auth, groupId, call);
  return {
    owner: owners.some((o) => o.type === to.type && o.id === to.id),
    left: owners.some((o) => o.type === 'USER' && o.id === fromUserId),
  };
}
