import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { DomoNotFoundError } from '../../client/errors.js';
import { addCardOwners, getCards, removeCardOwners } from '../../routes/card/core.js';
import { callOptions, EpochDate, type CallOptions } from '../entity.js';
import { DomoSharedContent, type OwnerWrites, type SharedOwnerInput } from '../content.js';

/** A new owner of a card: a user (id, email or `DomoUser`) or a group (`{ type: 'GROUP', id }`). */
export type CardOwnerInput = SharedOwnerInput;

export const CARD_OWNER_WRITES: OwnerWrites = { kind: 'card', add: addCardOwners, remove: removeCardOwners };

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
export class DomoCard extends DomoSharedContent {
  protected get writes(): OwnerWrites {
    return CARD_OWNER_WRITES;
  }

  @Expose() type?: string;
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
}
