import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../auth/base.js';
import { DomoValidationError } from '../client/errors.js';
import { exclusive } from '../internal/exclusive.js';
import type { ChangeReport } from './change.js';
import type { ContentOwner } from './dataset/dataset.js';
import { callOptions, DomoEntity, type CallOptions } from './entity.js';
import { resolveUserIds, type UserRef } from './people.js';

/** A user id as families send an owner: a number, or a string of digits (workflows); anything else is none. */
export function ownerIdOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  if (typeof value === 'string' && /^\d{1,16}$/.test(value)) return Number(value);
  return undefined;
}

/** One page of a family's discovery call, as its route answers it. */
export interface DiscoveryPage<Row> {
  rows: Row[];
  total: number | undefined;
}

/**
 * What a family of objects that exactly one user owns (dataflows, beast modes, alerts, workflows, Code Engine
 * packages, Jupyter workspaces, filesets, AppDB collections, report schedules) gives the shared class layer: its
 * read, its owner write, its discovery call and how to read the rows that call answers.
 */
export interface SingleOwnerFamily<Id extends number | string, Row = unknown> {
  /** Its type as JSON and route names say it (`dataflow`, `beastMode`). */
  kind: string;
  /** What one object is called in sentences and errors (`dataflow`, `beast mode`). */
  label: string;
  /** An id of this family from a reference (a number, or a UUID), else `undefined` (then it is a name). */
  parseId(ref: unknown): Id | undefined;
  /** The object as Domo answers a read of it. @throws {DomoNotFoundError} no such object (or deleted) */
  read(auth: DomoAuth, id: Id, call: CallOptions): Promise<object>;
  /** The owner write; `raw` is the object as just read (some families echo parts of it back). */
  write(auth: DomoAuth, raw: Readonly<Record<string, unknown>>, userId: number, call: CallOptions): Promise<unknown>;
  /**
   * The owner write for up to {@link SingleOwnerFamily.batch} objects at once, for a family Domo moves in bulk
   * (dataflows, beast modes); `raws` as just read.
   */
  writeMany?(
    auth: DomoAuth,
    raws: readonly Readonly<Record<string, unknown>>[],
    userId: number,
    call: CallOptions,
  ): Promise<unknown>;
  /** Objects one `writeMany` takes at most. */
  batch?: number;
  /**
   * One page of the discovery call: every object, those matching `text`, or those the server says `ownedBy` owns.
   * None for a family Domo lists no other way than resource by resource (report schedules): its manager reads them.
   */
  page?(
    auth: DomoAuth,
    query: { ownedBy?: number; text?: string; offset: number },
    call: CallOptions,
  ): Promise<DiscoveryPage<Row>>;
  /** Rows one page answers at most. */
  pageSize: number;
  /** A discovery row in the shape of a read, for hydrating it. */
  fromRow(row: Row): object;
  /** The owner a row shows: the client re-checks the server's owner filter against it. */
  rowOwner(row: Row): number | undefined;
  /** A row's id (to de-duplicate the rows of a call whose order is unstable across pages). */
  rowId(row: Row): Id;
  /**
   * The discovery call's order is unstable across pages (rows move between pages, DS: `functions/search` sorted by
   * name): rows are de-duplicated by id and the pages read again until the ids seen reach the call's total.
   */
  unstableOrder?: boolean;
  /** Whether the discovery call matches `text` itself; if not, names are matched on the client over every page. */
  searchesText: boolean;
  /** Fields besides the name that an ownership write must leave as they were (checked by the read-back). */
  stable?: readonly string[];
}

/** An entity class of a single-owner family: hydrates rows and knows its family. */
export interface OwnedObjectClass<E extends DomoOwnedObject> {
  new (): E;
  readonly family: SingleOwnerFamily<E['id'], never>;
  hydrate(auth: DomoAuth, raw: object): E;
}

/**
 * An object that exactly one user owns. Its family's entity declares the fields (with `@Expose`); this base gives
 * every such entity the same `refresh`, `owners` and `transferOwnership` — the last one read back to prove it.
 */
export abstract class DomoOwnedObject extends DomoEntity {
  declare id: number | string;
  declare name: string;
  /** The one owner's user id, as of the last read. */
  declare ownerId?: number;
  /** The owner's name when Domo gives it. */
  declare ownerName?: string;
  declare createdAt?: Date;
  declare lastModified?: Date;

  /** The family's routes; each entity class sets its own. */
  static readonly family: SingleOwnerFamily<number | string, never>;

  protected get family(): SingleOwnerFamily<number | string, never> {
    return familyOf(this);
  }

  /** Reads it again. */
  async refresh(options: CallOptions = {}): Promise<this> {
    return this.adopt(await this.family.read(this.auth, this.id, callOptions(options)));
  }

  /** Its owner, read fresh (never from a search, which lags ownership writes). */
  async owners(options: CallOptions = {}): Promise<ContentOwner[]> {
    await this.refresh(options);
    return this.ownerId === undefined ? [] : [{ type: 'USER', id: this.ownerId, name: this.ownerName }];
  }

  /**
   * Makes `to` (an id, an email or a `DomoUser`; a live user) the owner, under a per-object lock, then reads it back:
   * the new owner shows and the name (and the family's stable fields) did not change. With `from`, an object no
   * longer owned by `from` is refused and left alone. Nothing is sent when `to` owns it already.
   * @returns the owner removed and the owner added (empty when nothing needed doing)
   * @throws {DomoValidationError} the read-back does not show the change (Domo answered but did not do it), or
   * `from` no longer owns it
   */
  async transferOwnership(
    to: UserRef,
    options: CallOptions & { from?: number; knownLive?: readonly number[] } = {},
  ): Promise<ChangeReport<ContentOwner>> {
    const call = callOptions(options);
    const route = `${this.family.kind}.transferOwnership`;
    const [userId] = await resolveUserIds(this.auth, [to], {
      ...call,
      route,
      live: true,
      ...(options.knownLive ? { knownLive: options.knownLive } : {}),
    });
    return exclusive(`${this.auth.baseUrl}|${this.family.kind}:${this.id}`, async () => {
      await this.refresh(call);
      const before = { ownerId: this.ownerId, ownerName: this.ownerName, kept: keptFields(this) };
      if (before.ownerId === userId) return { added: [], removed: [] };
      if (options.from !== undefined && before.ownerId !== options.from)
        throw new DomoValidationError(
          `${this.#label()}: owned by user ${before.ownerId ?? 'none'} now, not ${options.from}; left alone`,
          { route },
        );
      await this.family.write(this.auth, this.raw, userId as number, call);
      await this.refresh(call);
      const problems = handOverProblems(this, before.kept, userId as number);
      if (problems.length > 0)
        throw new DomoValidationError(`${this.#label()}: the read-back after the transfer: ${problems.join('; ')}`, {
          route,
        });
      return {
        added: [{ type: 'USER', id: userId as number, name: this.ownerName }],
        removed: before.ownerId === undefined ? [] : [{ type: 'USER', id: before.ownerId, name: before.ownerName }],
      };
    });
  }

  /** What the family adds to the shared fields (a dataflow's inputs and outputs, …), for tables and `--json`. */
  details(): Record<string, unknown> {
    return {};
  }

  summary(): string {
    const owner =
      this.ownerId === undefined
        ? ''
        : ` owner ${this.ownerName ? JSON.stringify(this.ownerName) : `user ${this.ownerId}`}`;
    return `${this.constructor.name} ${this.id} ${JSON.stringify(this.name)}${owner}`;
  }

  #label(): string {
    return `${this.family.label} ${this.id}`;
  }
}

/** The name and the family's stable fields of `thing`, as text, to compare before and after an owner write. */
export function keptFields(thing: DomoOwnedObject): Record<string, string> {
  const raw = thing.raw as Record<string, unknown>;
  const kept: Record<string, string> = Object.create(null) as Record<string, string>;
  kept.name = JSON.stringify(thing.name);
  for (const field of familyOf(thing).stable ?? []) kept[field] = JSON.stringify(raw[field] ?? null);
  return kept;
}

/**
 * What the read-back of `thing` after an owner write shows wrong: not owned by `userId`, or a field of `kept`
 * (from {@link keptFields} before the write) changed; none when the hand-over is proven.
 */
export function handOverProblems(thing: DomoOwnedObject, kept: Record<string, string>, userId: number): string[] {
  const now = keptFields(thing);
  return [
    thing.ownerId === userId
      ? ''
      : `the owner is user ${thing.ownerId ?? 'none'}, not ${userId} (Domo answered the write but did not do it)`,
    ...Object.keys(kept).map((field) => (now[field] === kept[field] ? '' : `${field} changed to ${now[field]}`)),
  ].filter(Boolean);
}

/** The family of a single-owner entity. */
export function familyOf(thing: DomoOwnedObject): SingleOwnerFamily<number | string, never> {
  return (thing.constructor as unknown as { family: SingleOwnerFamily<number | string, never> }).family;
}

/**
 * An object of a single-owner family whose id is a UUID (read lower-case) and whose owner Domo names `owner`:
 * AppDB collections, workflows, Code Engine packages, Jupyter workspaces, filesets. Each family's entity adds its
 * dates (Domo names them differently in each) and what else it has.
 */
export abstract class DomoUuidOwnedObject extends DomoOwnedObject {
  @Expose()
  @Transform(({ value }: { value: unknown }) => String(value).toLowerCase(), { toClassOnly: true })
  declare id: string;
  @Expose() declare name: string;
  @Expose({ name: 'owner' })
  @Transform(({ value }: { value: unknown }) => ownerIdOf(value), { toClassOnly: true })
  declare ownerId?: number;
}
