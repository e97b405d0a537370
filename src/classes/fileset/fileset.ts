import 'reflect-metadata';
import { Expose } from 'class-transformer';
import { parseUuid } from '../../internal/input.js';
import { FILESET_PAGE, getFileset, searchFilesets, setFilesetOwner } from '../../routes/fileset/core.js';
import type { Fileset } from '../../routes/fileset/schemas.js';
import { EpochDate } from '../entity.js';
import { DomoUuidOwnedObject, type SingleOwnerFamily } from '../single-owner.js';

/** The fileset family's routes, as the shared single-owner layer uses them. */
const FAMILY: SingleOwnerFamily<string, Fileset> = {
  kind: 'fileset',
  label: 'fileset',
  parseId: parseUuid,
  read: async (auth, id, call) => (await getFileset(auth, id, call)).data,
  write: (auth, raw, userId, call) => setFilesetOwner(auth, raw.id as string, userId, call),
  page: async (auth, query, call) =>
    (
      await searchFilesets(
        auth,
        { ...(query.ownedBy === undefined ? {} : { ownedBy: query.ownedBy }), offset: query.offset },
        call,
      )
    ).data,
  pageSize: FILESET_PAGE,
  fromRow: (row) => row,
  rowId: (row) => row.id.toLowerCase(),
  rowOwner: (row) => row.owner ?? undefined,
  searchesText: false,
};

/**
 * A fileset (files stored in Domo): one owner. {@link DomoOwnedObject.transferOwnership} moves it and reads it
 * back.
 *
 * @example
 * ```ts
 * const fileset = await new DomoFilesets(auth).get('Contracts');
 * await fileset.transferOwnership('grace@acme.com');
 * ```
 */
export class DomoFileset extends DomoUuidOwnedObject {
  static override readonly family = FAMILY as SingleOwnerFamily<number | string, never>;

  @Expose({ name: 'created' }) @EpochDate() declare createdAt?: Date;
  @Expose({ name: 'updated' }) @EpochDate() declare lastModified?: Date;
}
