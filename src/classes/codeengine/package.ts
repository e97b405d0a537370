import 'reflect-metadata';
import { Expose } from 'class-transformer';
import { parseUuid } from '../../internal/input.js';
import {
  getCodeEnginePackage,
  searchCodeEnginePackages,
  setCodeEnginePackageOwner,
} from '../../routes/codeengine/core.js';
import type { CodeEngineSearchRow } from '../../routes/codeengine/schemas.js';
import { SEARCH_PAGE } from '../../routes/search.js';
import { EpochDate } from '../entity.js';
import { DomoUuidOwnedObject, type SingleOwnerFamily } from '../single-owner.js';

/** The Code Engine package family's routes, as the shared single-owner layer uses them. */
const FAMILY: SingleOwnerFamily<string, CodeEngineSearchRow> = {
  kind: 'codeEnginePackage',
  label: 'Code Engine package',
  parseId: parseUuid,
  read: async (auth, id, call) => (await getCodeEnginePackage(auth, id, call)).data,
  write: (auth, raw, userId, call) => setCodeEnginePackageOwner(auth, raw.id as string, userId, call),
  page: async (auth, query, call) => (await searchCodeEnginePackages(auth, query, call)).data,
  pageSize: SEARCH_PAGE,
  fromRow: (row) => ({ id: row.uuid, name: row.name ?? '', owner: row.ownedById || undefined }),
  rowId: (row) => row.uuid.toLowerCase(),
  rowOwner: (row) => (row.ownedById === '' || row.ownedById == null ? undefined : row.ownedById),
  searchesText: true,
};

/**
 * A Code Engine package (server-side functions): one owner. {@link DomoOwnedObject.transferOwnership} moves it
 * and reads it back.
 *
 * @example
 * ```ts
 * const pkg = await new DomoCodeEnginePackages(auth).get('Account rotation');
 * await pkg.transferOwnership('grace@acme.com');
 * ```
 */
export class DomoCodeEnginePackage extends DomoUuidOwnedObject {
  static override readonly family = FAMILY as SingleOwnerFamily<number | string, never>;

  /** `JAVASCRIPT`, `PYTHON`. */
  @Expose() language?: string;
  @Expose({ name: 'createdOn' }) @EpochDate() declare createdAt?: Date;
  @Expose({ name: 'updatedOn' }) @EpochDate() declare lastModified?: Date;

  override details(): Record<string, unknown> {
    return { language: this.language ?? null };
  }
}
