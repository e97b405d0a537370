import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { DomoNotFoundError } from '../../client/errors.js';
import { addCardOwners, getCards, removeCardOwners } from '../../routes/card/core.js';
import type { ChangeReport } from '../change.js';
import type { ContentOwner } from '../dataset/dataset.js';
import { callOptions, DomoEntity, EpochDate, type CallOptions } from '../entity.js';
import type { UserRef } from '../people.js';
import { toContentOwners, transferShared, type OwnerWrites, type SharedOwnerInput } from '../content.js';

/** A new owner of a card: a user (id, email or `DomoUser`) or a group (`{ type: 'GROUP', id }`). */
export type CardOwnerInput = SharedOwnerInput;

const WRITES: OwnerWrites = { kind: 'card', add: addCardOwners, remove: removeCardOwners };

/**
 * A card: owned by users and groups (several of each), built on datasets. Ownership moves with
 * {@link DomoCard.transferOwnership}, which reads the card back to prove it (never through search, which lags).
 *
 * @example
 * ```ts
 * const card = await new DomoCards(auth).get(1728631684);
 * await card.transferOwnership('grace@acme.com', { from: 'ada@acme.com' });
 * ```
 */
export class DomoCard extends DomoEntity {
  @Expose() id!: number;
  @Expose()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''), { toClassOnly: true })
  title!: string;
  @Expose() type?: string;
  /** Its owners, users and groups, as of the last read. */
  @Expose()
  @Transform(({ value }: { value: unknown }) => toContentOwners(value), { toClassOnly: true })
  owners!: ContentOwner[];
  /** The datasets it is built on. */
  @Expose({ name: 'datasources' })
  @Transform(
    ({ value }: { value: unknown }) =>
      ((value as { dataSourceId: string }[] | null | undefined) ?? []).map((d) => d.dataSourceId),
    { toClassOnly: true },
  )
  datasetIds!: string[];
  @Expose({ name: 'created' }) @EpochDate() createdAt?: Date;
  @Expose() @EpochDate() lastModified?: Date;

  /** The title: what a person names a card with. */
  get name(): string {
    return this.title;
  }

  /** Reads one card. @throws {DomoNotFoundError} no such card, or not visible to you */
  static async get(auth: DomoAuth, id: number, options: CallOptions = {}): Promise<DomoCard> {
    const [card] = (await getCards(auth, [id], callOptions(options))).data;
    if (!card)
      throw new DomoNotFoundError({
        status: 404,
        route: 'DomoCard.get',
        hint: `card ${id} not found or not visible to you`,
      });
    return DomoCard.hydrate(auth, card);
  }

  /** Reads the card again. */
  async refresh(options: CallOptions = {}): Promise<this> {
    const [card] = (await getCards(this.auth, [this.id], callOptions(options))).data;
    if (!card) throw new DomoNotFoundError({ status: 404, route: 'DomoCard.refresh', hint: `card ${this.id} is gone` });
    return this.adopt(card);
  }

  /**
   * Makes `to` an owner and removes `from` (default: every other owner, so `to` owns it alone), then reads the card
   * back: `to` an owner, `from` gone, the title unchanged. Nothing is sent for what is already so.
   * @returns the owners added and removed
   * @throws {DomoValidationError} the read-back does not show the change
   */
  async transferOwnership(
    to: SharedOwnerInput,
    options: CallOptions & { from?: UserRef } = {},
  ): Promise<ChangeReport<ContentOwner>> {
    return transferShared(this, WRITES, to, options, callOptions(options));
  }

  summary(): string {
    const owners = this.owners.map((o) => o.name ?? `${o.type.toLowerCase()} ${o.id}`).join(', ');
    return `DomoCard #${this.id} ${JSON.stringify(this.title)}${owners ? ` owners ${owners}` : ''}`;
  }
}
