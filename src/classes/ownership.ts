import type { DomoAuth } from '../auth/base.js';
import { DomoInputError, DomoValidationError } from '../client/errors.js';
import { AccessLevel } from '../routes/account/sharing.js';
import { getGroupOwners, updateGroupAccess, type PrincipalRef } from '../routes/group/members.js';
import { DomoAccount } from './account/account.js';
import type { CallOptions } from './entity.js';
import { DomoOAuthAccount } from './account/oauth-account.js';
import type { CredentialEntity } from './account/credential.js';
import { DomoDataset } from './dataset/dataset.js';
import { DomoCard } from './card/card.js';
import { DomoDashboard } from './page/page.js';
import { DomoApp } from './app/app.js';
import type { DomoSharedContent } from './content.js';
import {
  SINGLE_OWNER_FAMILIES,
  type Discovery,
  type SingleOwnerEntry,
  type SingleOwnerKey,
  type SingleOwnerKind,
} from './owned-families.js';

export type { Discovery } from './owned-families.js';

/** What a user owns, by id and name, per type, and how complete each type's discovery is. */
export interface OwnedByUser {
  accounts: { id: number; name: string }[];
  templates: { id: number; name: string }[];
  groups: { id: number; name: string }[];
  /** Datasets they are the responsible user of (ids are UUIDs). Only a user can own a dataset. */
  datasets: { id: string; name: string }[];
  /** Cards they own (cards may have several owners; only this user's ownership moves). */
  cards: { id: number; name: string }[];
  /** Pages (dashboards) they own (pages may have several owners; only this user's ownership moves). */
  pages: { id: number; name: string }[];
  /** App Studio apps they own (apps may have several owners; only this user's ownership moves). */
  apps: { id: number; name: string }[];
  /** Dataflows they are the responsible user of. Only a user can own a dataflow. */
  dataflows: { id: number; name: string }[];
  /** Beast modes and variables they own. Only a user can own one. */
  beastModes: { id: number; name: string }[];
  /** AppDB collections they own (ids are UUIDs). Only a user can own one. */
  appDbCollections: { id: string; name: string }[];
  /** Alerts they own. Only a user can own one. */
  alerts: { id: number; name: string }[];
  /** Workflows they own (ids are UUIDs). Only a user can own one. */
  workflows: { id: string; name: string }[];
  /** Code Engine packages they own (ids are UUIDs). Only a user can own one. */
  codeEnginePackages: { id: string; name: string }[];
  /** Jupyter workspaces they own (ids are UUIDs). Only a user can own one. */
  jupyterWorkspaces: { id: string; name: string }[];
  /** Filesets they own (ids are UUIDs). Only a user can own one. */
  filesets: { id: string; name: string }[];
  /** Scheduled reports they own (found page by page: see `discovery.reportSchedules`). Only a user can own one. */
  reportSchedules: { id: number; name: string }[];
  /**
   * Per type, whether the discovery saw everything: accounts and OAuth templates only with the caller holding
   * `datasource.account.manage.all` (Domo lists only what is shared with the caller otherwise). Absent on an
   * `OwnedByUser` built by hand (then nothing vouches for it).
   */
  discovery?: Record<OwnedKey, Discovery>;
}

/** The keys of {@link OwnedByUser}: one per type, in the order things are handed over. */
export const OWNED_KEYS = [
  'accounts',
  'templates',
  'groups',
  'datasets',
  ...SINGLE_OWNER_FAMILIES.map((f) => f.key),
  'cards',
  'pages',
  'apps',
] as const satisfies readonly (keyof OwnedByUser)[];
/** A type {@link OwnedByUser} lists. */
export type OwnedKey = 'accounts' | 'templates' | 'groups' | 'datasets' | 'cards' | 'pages' | 'apps' | SingleOwnerKey;

/** What a user owns, per type, without how it was found: what an offboarding plan lists. */
export type OwnedLists = Omit<OwnedByUser, 'discovery'>;

/** The kind of one thing of each type. */
export const OWNED_KIND: Record<OwnedKey, OwnedThing['kind']> = {
  accounts: 'account',
  templates: 'template',
  groups: 'group',
  datasets: 'dataset',
  ...(Object.fromEntries(SINGLE_OWNER_FAMILIES.map((f) => [f.key, f.kind])) as Record<SingleOwnerKey, SingleOwnerKind>),
  cards: 'card',
  pages: 'page',
  apps: 'app',
};

/** The entity classes of the single-owner families, by kind: handed over by the shared layer. */
const SINGLE_OWNER = new Map<OwnedThing['kind'], SingleOwnerEntry>(SINGLE_OWNER_FAMILIES.map((f) => [f.kind, f]));

/** One thing a user owns, of any type `owned()` lists. */
export interface OwnedThing {
  kind: 'account' | 'template' | 'group' | 'dataset' | 'card' | 'page' | 'app' | SingleOwnerKind;
  id: number | string;
  name: string;
}

/** What the kinds are called in sentences. */
export const OWNED_LABEL: Record<OwnedThing['kind'], string> = {
  account: 'account',
  template: 'OAuth template',
  group: 'group',
  dataset: 'dataset',
  ...(Object.fromEntries(SINGLE_OWNER_FAMILIES.map((f) => [f.kind, f.type.family.label])) as Record<
    SingleOwnerKind,
    string
  >),
  card: 'card',
  page: 'page',
  app: 'App Studio app',
};

/** Kinds whose owner must be a user (a group cannot own them). */
export const USER_OWNED_ONLY: ReadonlySet<OwnedThing['kind']> = new Set([
  'dataset',
  ...SINGLE_OWNER_FAMILIES.map((f) => f.kind),
]);

/** How many things `owned` lists, every type (a type missing from a hand-built one counts as none). */
export function ownedCount(owned: OwnedByUser): number {
  return OWNED_KEYS.reduce((sum, key) => sum + ((owned[key] as unknown[] | undefined)?.length ?? 0), 0);
}

/** Everything owned, in the order it is handed over ({@link OWNED_KEYS}). */
export function ownedThings(owned: OwnedByUser): OwnedThing[] {
  return OWNED_KEYS.flatMap((key) =>
    ((owned[key] as { id: number | string; name: string }[] | undefined) ?? []).map((item) => ({
      kind: OWNED_KIND[key],
      id: item.id,
      name: item.name,
    })),
  );
}

/** An account or an OAuth template, read. */
export async function getCredential(
  auth: DomoAuth,
  kind: 'account' | 'template',
  id: number,
  call: CallOptions,
): Promise<CredentialEntity> {
  return kind === 'account' ? DomoAccount.get(auth, id, call) : DomoOAuthAccount.get(auth, id, call);
}

/** A card, a page or an app by its id alone, not read: its `refresh` (or `transferOwnership`) reads it. */
export function sharedContentRef(auth: DomoAuth, kind: 'card' | 'page' | 'app', id: number): DomoSharedContent {
  return kind === 'card'
    ? DomoCard.hydrate(auth, { id })
    : kind === 'page'
      ? DomoDashboard.hydrate(auth, { id })
      : DomoApp.hydrate(auth, { id });
}

/**
 * What the new owner had of one thing before it was handed to them: an access level on a credential (`OWNER`,
 * `CAN_EDIT`, `CAN_VIEW`), `owner` for a group, card, page or app they already co-owned, `null` for nothing. A restore
 * puts that back.
 */
export type RecipientHad = string | null;

/** Call options of one hand-over: with the recipient's id when it was checked live already. */
type HandOverCall = CallOptions & { knownLive?: readonly number[] };

/** Told during a hand-over: `step` what took effect so far (for an exact partial report), `seen` what `to` had before any write. */
export interface HandOverHooks {
  step?: (done: string) => void;
  seen?: (recipientHad: RecipientHad) => void;
  /** Told what was done besides the hand-over (a dataflow's inputs shared with its new owner), which a restore leaves. */
  besides?: (done: string) => void;
  /** `to` was checked live just now (an offboarding checks its recipients once): not checked again per object. */
  toKnownLive?: boolean;
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
  plain: CallOptions,
  hooks: HandOverHooks = {},
): Promise<void> {
  const single = SINGLE_OWNER.get(thing.kind);
  const known = hooks.toKnownLive && to.type === 'USER' ? { ...plain, knownLive: [to.id] } : plain;
  const step = hooks.step ?? (() => undefined);
  const seen = hooks.seen ?? (() => undefined);
  if (single || thing.kind === 'dataset') seen(null);
  const { owner, left } = single
    ? await handOverSingle(auth, single, thing.id, fromUserId, to, known, { step, besides: hooks.besides })
    : thing.kind === 'group'
      ? await handOverGroup(auth, thing.id as number, fromUserId, to, known, seen)
      : thing.kind === 'dataset'
        ? await handOverDataset(auth, thing.id as string, fromUserId, to, known)
        : SHARED_OWNERSHIP.has(thing.kind)
          ? await handOverShared(auth, thing.kind, thing.id as number, fromUserId, to, known, seen)
          : await handOverCredential(auth, thing, fromUserId, to, known, { step, seen });
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
  call: HandOverCall,
  { step, seen }: Required<Pick<HandOverHooks, 'step' | 'seen'>>,
): Promise<{ owner: boolean; left: boolean }> {
  const credential = await getCredential(auth, thing.kind as 'account' | 'template', thing.id as number, call);
  seen((await credential.getAccess(call)).find((e) => e.type === to.type && e.id === to.id)?.accessLevel ?? null);
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
  call: HandOverCall,
  seen: (recipientHad: RecipientHad) => void,
): Promise<{ owner: boolean; left: boolean }> {
  const { data: before } = await getGroupOwners(auth, groupId, call);
  seen(before.some((o) => o.type === to.type && o.id === to.id) ? 'owner' : null);
  await updateGroupAccess(auth, [{ groupId, addOwners: [to], removeOwners: [{ type: 'USER', id: fromUserId }] }], call);
  const { data: owners } = await getGroupOwners(auth, groupId, call);
  return {
    owner: owners.some((o) => o.type === to.type && o.id === to.id),
    left: owners.some((o) => o.type === 'USER' && o.id === fromUserId),
  };
}

/**
 * A dataset to a user (a group cannot own one: refused before anything is sent), proven by its read-back: the new
 * owner shows, name and account unchanged. A dataset no longer owned by `fromUserId` is refused, not taken over.
 */
async function handOverDataset(
  auth: DomoAuth,
  datasetId: string,
  fromUserId: number,
  to: PrincipalRef,
  call: HandOverCall,
): Promise<{ owner: boolean; left: boolean }> {
  if (to.type !== 'USER')
    throw new DomoInputError(`dataset ${datasetId}: only a user can own a dataset, not group ${to.id}`, {
      field: 'to',
      route: 'handOver',
    });
  // Not read here: transferOwnership reads it under its lock and refuses one `from` no longer owns.
  const dataset = DomoDataset.hydrate(auth, { id: datasetId });
  await dataset.transferOwnership(to.id, { ...call, from: fromUserId });
  return { owner: dataset.ownerId === to.id, left: dataset.ownerId === fromUserId };
}

/** Kinds that users and groups own together (the new owner is added, the leaving one removed, co-owners stay). */
export const SHARED_OWNERSHIP: ReadonlySet<OwnedThing['kind']> = new Set(['card', 'page', 'app']);

/**
 * A card, a page or an app: the new owner (a user or a group) added and the user removed, other owners kept; proven by
 * reading it back. One the user no longer owns is refused, not taken over.
 */
async function handOverShared(
  auth: DomoAuth,
  kind: OwnedThing['kind'],
  id: number,
  fromUserId: number,
  to: PrincipalRef,
  call: HandOverCall,
  seen: (recipientHad: RecipientHad) => void,
): Promise<{ owner: boolean; left: boolean }> {
  // Not read here: transferOwnership reads it (under its lock) and shows the owners to `check` before any write.
  const thing = sharedContentRef(auth, kind as 'card' | 'page' | 'app', id);
  const owns = (type: string, ownerId: number) => thing.owners.some((o) => o.type === type && o.id === ownerId);
  await thing.transferOwnership(to.type === 'GROUP' ? { type: 'GROUP', id: to.id } : to.id, {
    ...call,
    from: fromUserId,
    check: () => {
      if (!owns('USER', fromUserId) && !owns(to.type, to.id))
        throw new DomoValidationError(`${kind} ${id}: not owned by user ${fromUserId} now; left alone`, {
          route: 'handOver',
        });
      seen(owns(to.type, to.id) ? 'owner' : null);
    },
  });
  return { owner: owns(to.type, to.id), left: owns('USER', fromUserId) };
}

/**
 * An object of a single-owner family (a dataflow, …) to a user (a group cannot own one: refused before anything is
 * sent), through its `transferOwnership` with `from`: one it no longer owns is refused, not taken over; read back.
 */
async function handOverSingle(
  auth: DomoAuth,
  family: SingleOwnerEntry,
  id: number | string,
  fromUserId: number,
  to: PrincipalRef,
  call: HandOverCall,
  { step, besides }: Pick<HandOverHooks, 'besides'> & { step: (done: string) => void },
): Promise<{ owner: boolean; left: boolean }> {
  const label = family.type.family.label;
  if (to.type !== 'USER')
    throw new DomoInputError(`${label} ${id}: only a user can own a ${label}, not group ${to.id}`, {
      field: 'to',
      route: 'handOver',
    });
  const thing = family.type.hydrate(auth, { id });
  await thing.transferOwnership(to.id, { ...call, from: fromUserId });
  step(`${label} ${id}: now owned by user ${to.id} (read back)`);
  for (const effect of (await family.afterHandOver?.(thing, to.id, call)) ?? []) {
    step(`${label} ${id}: ${effect}`);
    besides?.(`${label} ${id}: ${effect}`);
  }
  return { owner: thing.ownerId === to.id, left: thing.ownerId === fromUserId };
}
