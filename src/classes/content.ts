import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../auth/base.js';
import { DomoValidationError } from '../client/errors.js';
import { exclusive } from '../internal/exclusive.js';
import type { ChangeReport } from './change.js';
import type { ContentOwner } from './dataset/dataset.js';
import { callOptions, DomoEntity, type CallOptions } from './entity.js';
import { resolveUserIds, type UserRef } from './people.js';

/** A new owner of content that users and groups own together: a user (id, email or `DomoUser`) or a group. */
export type SharedOwnerInput = UserRef | { type: 'GROUP'; id: number };

/** A principal as content ownership names it. */
export interface OwnerRef {
  type: 'USER' | 'GROUP';
  id: number;
}

/** What moving a shared-ownership object (a card, a page, an app) needs: its owners as read, a fresh read, and the two owner writes. */
export interface SharedOwnership {
  readonly auth: DomoAuth;
  readonly id: number;
  readonly title: string;
  readonly owners: ContentOwner[];
  refresh(options: CallOptions): Promise<unknown>;
}

/** The two writes of a family whose objects several users and groups own (cards, pages). */
export interface OwnerWrites {
  kind: 'card' | 'page' | 'app';
  add(auth: DomoAuth, ids: number[], owners: OwnerRef[], call: CallOptions): Promise<unknown>;
  remove(auth: DomoAuth, ids: number[], owners: OwnerRef[], call: CallOptions): Promise<unknown>;
}

/**
 * `transferOwnership` of cards and pages: `to` (a live user, or a group) becomes an owner and `from` (default:
 * every other owner) is removed, under a per-object lock; then the object is read back — `to` an owner, `from` gone,
 * the title unchanged — or it is a `DomoValidationError`. Nothing is sent for what is already so.
 */
export async function transferShared(
  thing: SharedOwnership,
  writes: OwnerWrites,
  to: SharedOwnerInput,
  options: CallOptions & { from?: UserRef; knownLive?: readonly number[]; check?: OwnersCheck },
  call: CallOptions,
): Promise<ChangeReport<ContentOwner>> {
  const route = `${writes.kind}.transferOwnership`;
  const knownLive = options.knownLive ? { knownLive: options.knownLive } : {};
  const group = isGroupOwner(to) ? to : undefined;
  // The new owner must be a live user (or a group); the one leaving may be deleted already (orphaned content).
  const [toId] = group
    ? [group.id]
    : await resolveUserIds(thing.auth, [to], { ...call, route, live: true, ...knownLive });
  const [fromId] =
    options.from === undefined ? [] : await resolveUserIds(thing.auth, [options.from], { ...call, route });
  const target: OwnerRef = { type: group ? 'GROUP' : 'USER', id: toId! };
  return exclusive(`${thing.auth.baseUrl}|${writes.kind}:${thing.id}`, () =>
    move(thing, writes, target, fromId, call, options.check),
  );
}

/** Told the owners as read just before an owner write (under the lock); throwing leaves the object alone. */
export type OwnersCheck = (owners: readonly ContentOwner[]) => void;

const same = (o: OwnerRef, p: OwnerRef) => o.type === p.type && o.id === p.id;

async function move(
  thing: SharedOwnership,
  writes: OwnerWrites,
  to: OwnerRef,
  fromId: number | undefined,
  call: CallOptions,
  check: OwnersCheck | undefined,
): Promise<ChangeReport<ContentOwner>> {
  await thing.refresh(call);
  check?.(thing.owners);
  const leaving = thing.owners.filter(
    (o) => !same(o, to) && (fromId === undefined || (o.type === 'USER' && o.id === fromId)),
  );
  return changeOwnersVerified(thing, writes, [to], leaving, call, 'transfer');
}

/**
 * Adds and removes owners of an object read just now (nothing is sent for what is already so), then reads it back:
 * every added owner there, every removed one gone, the title unchanged — or a `DomoValidationError`.
 */
async function changeOwnersVerified(
  thing: SharedOwnership,
  writes: OwnerWrites,
  add: readonly OwnerRef[],
  remove: readonly OwnerRef[],
  call: CallOptions,
  what: string,
): Promise<ChangeReport<ContentOwner>> {
  const title = thing.title;
  const adding = add.filter((a) => !thing.owners.some((o) => same(o, a)));
  const leaving = remove
    .filter((r) => !add.some((a) => same(a, r)))
    .flatMap((r) => thing.owners.filter((o) => same(o, r)));
  if (adding.length > 0) await writes.add(thing.auth, [thing.id], adding, call);
  if (leaving.length > 0)
    await writes.remove(
      thing.auth,
      [thing.id],
      leaving.map((o) => ({ type: o.type, id: o.id })),
      call,
    );
  if (adding.length + leaving.length === 0) return { added: [], removed: [] };
  await thing.refresh(call);
  const problems = [
    ...adding
      .filter((a) => !thing.owners.some((o) => same(o, a)))
      .map((a) => `${a.type.toLowerCase()} ${a.id} is not an owner`),
    ...leaving
      .filter((l) => thing.owners.some((o) => same(o, l)))
      .map((l) => `${l.type.toLowerCase()} ${l.id} is still an owner`),
    thing.title === title ? '' : `the title changed to ${JSON.stringify(thing.title)}`,
  ].filter(Boolean);
  if (problems.length > 0)
    throw new DomoValidationError(
      `${writes.kind} ${thing.id}: the read-back after the ${what}: ${problems.join('; ')}`,
      {
        route: `${writes.kind}.${what === 'transfer' ? 'transferOwnership' : 'changeOwners'}`,
      },
    );
  return { added: thing.owners.filter((o) => adding.some((a) => same(o, a))), removed: leaving };
}

/**
 * `changeOwners` of cards, pages and apps: owners added and removed under the per-object lock, from a fresh read,
 * read back. Users are resolved first (the added ones must be live).
 */
export async function changeSharedOwners(
  thing: SharedOwnership,
  writes: OwnerWrites,
  change: { add?: readonly SharedOwnerInput[]; remove?: readonly SharedOwnerInput[] },
  call: CallOptions,
): Promise<ChangeReport<ContentOwner>> {
  const route = `${writes.kind}.changeOwners`;
  const refs = async (list: readonly SharedOwnerInput[], live: boolean): Promise<OwnerRef[]> => {
    const groups = list.filter(isGroupOwner);
    const users = list.filter((o): o is UserRef => !isGroupOwner(o));
    const ids = users.length > 0 ? await resolveUserIds(thing.auth, users, { ...call, route, live }) : [];
    return [...groups, ...ids.map((id) => ({ type: 'USER' as const, id: id }))];
  };
  const [add, remove] = [await refs(change.add ?? [], true), await refs(change.remove ?? [], false)];
  return exclusive(`${thing.auth.baseUrl}|${writes.kind}:${thing.id}`, async () => {
    await thing.refresh(call);
    return changeOwnersVerified(thing, writes, add, remove, call, 'owner change');
  });
}

function isGroupOwner(o: SharedOwnerInput): o is { type: 'GROUP'; id: number } {
  return typeof o === 'object' && o !== null && 'type' in o && o.type === 'GROUP';
}

/**
 * Every page of a datacenter search as it arrives: `read(offset)` at offsets of `pageSize` until Domo's total is
 * reached (or, when it sends none, a short page); an empty page ends it either way.
 */
export async function* searchPages<R>(
  read: (offset: number) => Promise<{ rows: R[]; total: number | undefined }>,
  pageSize: number,
): AsyncGenerator<R[]> {
  for (let offset = 0; ; offset += pageSize) {
    const { rows, total } = await read(offset);
    if (rows.length === 0) return;
    yield rows;
    if (total === undefined ? rows.length < pageSize : offset + rows.length >= total) return;
  }
}

/**
 * The search text that finds the candidates of an exact name lookup: the name's longest word, one letter short
 * (`*Edit*` for "Editr"), so that a misspelt name still brings its close matches (DL's non-exact search).
 */
export function candidateQuery(name: string): string {
  const longest =
    name
      .trim()
      .split(/\s+/)
      .sort((a, b) => b.length - a.length)[0] ?? name;
  return `*${longest.length > 3 ? longest.slice(0, -1) : longest}*`;
}

/** Owners as a card or page read names them (`displayName`), as {@link ContentOwner}s; none when absent. */
export function toContentOwners(value: unknown): ContentOwner[] {
  const owners = (value ?? []) as { type: 'USER' | 'GROUP'; id: number; displayName?: string | null }[];
  return owners.map((o) => ({ type: o.type, id: o.id, name: o.displayName ?? undefined }));
}

/**
 * Content that users and groups own together — cards, pages, apps: the fields they share (id, title, owners), and
 * one `transferOwnership` through {@link transferShared}. Each entity says how it is read again (`refresh`) and which
 * owner writes its family has (`writes`).
 */
export abstract class DomoSharedContent extends DomoEntity {
  @Expose() id!: number;
  @Expose()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''), { toClassOnly: true })
  title!: string;
  /** Its owners, users and groups, as of the last read. */
  @Expose()
  @Transform(({ value }: { value: unknown }) => toContentOwners(value), { toClassOnly: true })
  owners!: ContentOwner[];

  /** The family's two owner writes. */
  protected abstract get writes(): OwnerWrites;

  /** Reads it again. */
  abstract refresh(options?: CallOptions): Promise<this>;

  /** The title: what a person names it with. */
  get name(): string {
    return this.title;
  }

  /**
   * Makes `to` (a user or `{ type: 'GROUP', id }`) an owner and removes `from` (default: every other owner, so `to`
   * owns it alone), then reads it back: `to` an owner, `from` gone, the title unchanged. Nothing is sent for what
   * is already so.
   * @returns the owners added and removed
   * @throws {DomoValidationError} the read-back does not show the change
   */
  async transferOwnership(
    to: SharedOwnerInput,
    options: CallOptions & { from?: UserRef; knownLive?: readonly number[]; check?: OwnersCheck } = {},
  ): Promise<ChangeReport<ContentOwner>> {
    return transferShared(this, this.writes, to, options, callOptions(options));
  }

  /**
   * Adds and removes owners (users — ids, emails or `DomoUser`s — and `{ type: 'GROUP', id }`s) and reads it back:
   * every added owner there, every removed one gone, the title unchanged. Nothing is sent for what is already so.
   * @returns the owners added and removed
   * @throws {DomoValidationError} the read-back does not show the change
   */
  async changeOwners(
    change: { add?: readonly SharedOwnerInput[]; remove?: readonly SharedOwnerInput[] },
    options: CallOptions = {},
  ): Promise<ChangeReport<ContentOwner>> {
    return changeSharedOwners(this, this.writes, change, callOptions(options));
  }

  summary(): string {
    const owners = this.owners.map((o) => o.name ?? `${o.type.toLowerCase()} ${o.id}`).join(', ');
    return `${this.constructor.name} #${this.id} ${JSON.stringify(this.title)}${owners ? ` owners ${owners}` : ''}`;
  }
}
