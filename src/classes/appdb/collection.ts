import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { parseUuid } from '../../internal/input.js';
import {
  APPDB_PAGE,
  getAppDbCollection,
  getAppDbDatastore,
  queryAppDbCollections,
  setAppDbCollectionOwner,
} from '../../routes/appdb/core.js';
import type { AppDbCollection } from '../../routes/appdb/schemas.js';
import { callOptions, EpochDate, type CallOptions } from '../entity.js';
import { DomoUuidOwnedObject, type SingleOwnerFamily } from '../single-owner.js';

/** The AppDB family's routes, as the shared single-owner layer uses them. */
const FAMILY: SingleOwnerFamily<string, AppDbCollection> = {
  kind: 'appDbCollection',
  label: 'AppDB collection',
  parseId: parseUuid,
  read: async (auth, id, call) => (await getAppDbCollection(auth, id, call)).data,
  write: (auth, raw, userId, call) => setAppDbCollectionOwner(auth, raw.id as string, userId, call),
  page: async (auth, query, call) => ({
    rows: (
      await queryAppDbCollections(
        auth,
        {
          ...(query.ownedBy === undefined ? {} : { ownedBy: query.ownedBy }),
          pageNumber: Math.floor(query.offset / APPDB_PAGE) + 1,
        },
        call,
      )
    ).data,
    total: undefined,
  }),
  pageSize: APPDB_PAGE,
  fromRow: (row) => row,
  rowId: (row) => row.id.toLowerCase(),
  rowOwner: (row) => row.owner ?? undefined,
  searchesText: false,
  stable: ['datastoreId'],
};

/**
 * An AppDB collection (a custom app's document store): one owner; it lives in a datastore.
 * {@link DomoAppDbCollection.transferOwnership} moves it and reads it back — which matters here: Domo answers 200 to
 * datastore owner writes and ignores them (DS), so only a read-back says whether a write took.
 *
 * @example
 * ```ts
 * const collection = await new DomoAppDbCollections(auth).get('Survey answers');
 * await collection.transferOwnership('grace@acme.com');
 * ```
 */
export class DomoAppDbCollection extends DomoUuidOwnedObject {
  static override readonly family = FAMILY as SingleOwnerFamily<number | string, never>;

  /** The datastore it lives in (the datastore's own owner cannot be changed through the API). */
  @Expose()
  @Transform(({ value }: { value: unknown }) => value ?? undefined, { toClassOnly: true })
  datastoreId?: string;
  @Expose({ name: 'createdOn' }) @EpochDate() declare createdAt?: Date;
  @Expose({ name: 'updatedOn' }) @EpochDate() declare lastModified?: Date;

  override details(): Record<string, unknown> {
    return { datastoreId: this.datastoreId ?? null };
  }

  /**
   * The owner of the datastore it lives in, read fresh: a datastore's owner cannot be changed through the API (Domo
   * answers 200 and ignores the write, DS), so a leaver's datastore is something to report, not to move.
   */
  async datastoreOwnerId(options: CallOptions = {}): Promise<number | undefined> {
    if (this.datastoreId === undefined) return undefined;
    return (await getAppDbDatastore(this.auth, this.datastoreId, callOptions(options))).data.owner ?? undefined;
  }

  /** Reads one collection. @throws {DomoNotFoundError} no such collection, or not visible to you */
  static async get(auth: DomoAuth, id: string, options: CallOptions = {}): Promise<DomoAppDbCollection> {
    return DomoAppDbCollection.hydrate(auth, (await getAppDbCollection(auth, id, callOptions(options))).data);
  }
}
