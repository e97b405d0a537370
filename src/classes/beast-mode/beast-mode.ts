import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { parseId } from '../../internal/refs.js';
import {
  BEAST_MODE_OWNER_BATCH,
  BEAST_MODE_PAGE,
  getBeastMode,
  searchBeastModes,
  setBeastModeOwner,
  setBeastModeOwners,
} from '../../routes/beast-mode/core.js';
import type { BeastMode, BeastModeLink } from '../../routes/beast-mode/schemas.js';
import { callOptions, EpochDate, type CallOptions } from '../entity.js';
import { DomoOwnedObject, type SingleOwnerFamily } from '../single-owner.js';

/** A function's links as just read, to echo back with an owner write. */
const linksOf = (raw: Readonly<Record<string, unknown>>) => (raw.links as BeastModeLink[] | null | undefined) ?? [];

/** The beast-mode family's routes, as the shared single-owner layer uses them. */
const FAMILY: SingleOwnerFamily<number, BeastMode> = {
  kind: 'beastMode',
  label: 'beast mode',
  parseId,
  read: async (auth, id, call) => (await getBeastMode(auth, id, call)).data,
  // The links as just read go back with the new owner: Domo answers 500 without them (DS trap).
  write: (auth, raw, userId, call) => setBeastModeOwner(auth, raw.id as number, userId, linksOf(raw), call),
  writeMany: (auth, raws, userId, call) =>
    setBeastModeOwners(
      auth,
      raws.map((raw) => ({ id: raw.id as number, owner: userId, links: linksOf(raw) })),
      call,
    ),
  batch: BEAST_MODE_OWNER_BATCH,
  page: async (auth, query, call) =>
    (
      await searchBeastModes(
        auth,
        { ...(query.ownedBy === undefined ? {} : { ownedBy: query.ownedBy }), offset: query.offset },
        call,
      )
    ).data,
  pageSize: BEAST_MODE_PAGE,
  fromRow: (row) => row,
  rowId: (row) => row.id,
  rowOwner: (row) => row.owner ?? undefined,
  unstableOrder: true,
  searchesText: false,
  stable: ['links', 'expression'],
};

const linked = (links: readonly BeastModeLink[], type: string) =>
  links.filter((l) => l.resource.type === type).map((l) => String(l.resource.id));

/**
 * A beast mode (a calculated field on a dataset or card) or a variable (`global`): one owner.
 * {@link DomoBeastMode.transferOwnership} echoes its links back (Domo answers 500 without them) and reads it back:
 * owner changed, links and formula as they were.
 *
 * @example
 * ```ts
 * const bm = await new DomoBeastModes(auth).get(311);
 * await bm.transferOwnership('grace@acme.com');
 * ```
 */
export class DomoBeastMode extends DomoOwnedObject {
  static override readonly family = FAMILY as SingleOwnerFamily<number | string, never>;

  @Expose() declare id: number;
  @Expose() declare name: string;
  @Expose({ name: 'owner' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'number' ? value : undefined), { toClassOnly: true })
  declare ownerId?: number;
  /** A variable (usable on every dataset) rather than a beast mode. */
  @Expose() @Transform(({ value }: { value: unknown }) => value === true, { toClassOnly: true }) global!: boolean;
  @Expose() expression?: string;
  /** What it is attached to, as Domo lists it (echoed back on an ownership write). */
  @Expose()
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? (value as BeastModeLink[]) : []), {
    toClassOnly: true,
  })
  links!: BeastModeLink[];
  @Expose({ name: 'created' }) @EpochDate() declare createdAt?: Date;
  @Expose() @EpochDate() declare lastModified?: Date;

  /** The datasets it is attached to. */
  get datasetIds(): string[] {
    return linked(this.links, 'DATA_SOURCE');
  }

  /** The cards it is attached to. */
  get cardIds(): string[] {
    return linked(this.links, 'CARD');
  }

  override details(): Record<string, unknown> {
    return { global: this.global, datasetIds: [...this.datasetIds], cardIds: [...this.cardIds] };
  }

  /** Reads one beast mode or variable. @throws {DomoNotFoundError} no such function, or not visible to you */
  static async get(auth: DomoAuth, id: number, options: CallOptions = {}): Promise<DomoBeastMode> {
    return DomoBeastMode.hydrate(auth, (await getBeastMode(auth, id, callOptions(options))).data);
  }
}
