import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { DomoValidationError } from '../../client/errors.js';
import { exclusive } from '../../internal/exclusive.js';
import { getDataset, getDatasetPermissions, reassignDatasets } from '../../routes/dataset/core.js';
import type { DatasetAccessEntry } from '../../routes/dataset/schemas.js';
import type { ChangeReport } from '../change.js';
import { callOptions, DomoEntity, EpochDate, type CallOptions } from '../entity.js';
import { resolveUserIds, type UserRef } from '../people.js';

/** An owner of a piece of content: a user (datasets have exactly one, the responsible user). */
export interface ContentOwner {
  type: 'USER' | 'GROUP';
  id: number;
  name?: string | undefined;
}

/**
 * A dataset (Domo's "DataSource"): its id is a UUID; its one owner is the responsible user. Ownership moves with
 * {@link DomoDataset.transferOwnership}, which reads the dataset back to prove it.
 *
 * @example
 * ```ts
 * const dataset = await new DomoDatasets(auth).get('3a8e…');
 * await dataset.transferOwnership('grace@acme.com');   // verified by reading it again
 * ```
 */
export class DomoDataset extends DomoEntity {
  @Expose() id!: string;
  @Expose() name!: string;
  @Expose()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''), { toClassOnly: true })
  description!: string;
  /** The connector type (`snowflake`, `dataflow`, `file-upload`, …). */
  @Expose() dataProviderType?: string;
  /** The responsible user: the dataset's one owner. */
  @Expose()
  @Transform(({ obj }: { obj: { owner?: { id?: number } | null } }) => obj.owner?.id, { toClassOnly: true })
  ownerId?: number;
  @Expose()
  @Transform(({ obj }: { obj: { owner?: { name?: string | null } | null } }) => obj.owner?.name ?? undefined, {
    toClassOnly: true,
  })
  ownerName?: string;
  /** The credential account it loads with (`undefined` for uploads and dataflow outputs). */
  @Expose() @Transform(({ value }: { value: unknown }) => value ?? undefined, { toClassOnly: true }) accountId?: number;
  @Expose() rowCount?: number;
  @Expose() columnCount?: number;
  @Expose({ name: 'created' }) @EpochDate() createdAt?: Date;
  @Expose() @EpochDate() lastUpdated?: Date;

  /** Reads one dataset. @throws {DomoNotFoundError} no such dataset, or not shared with you */
  static async get(auth: DomoAuth, id: string, options: CallOptions = {}): Promise<DomoDataset> {
    return DomoDataset.hydrate(auth, (await getDataset(auth, id, callOptions(options))).data);
  }

  /** Reads the dataset again. */
  async refresh(options: CallOptions = {}): Promise<this> {
    return this.adopt((await getDataset(this.auth, this.id, callOptions(options))).data);
  }

  /** Its owner, read fresh (never from search, which lags ownership changes). */
  async owners(options: CallOptions = {}): Promise<ContentOwner[]> {
    await this.refresh(options);
    return this.ownerId === undefined ? [] : [{ type: 'USER', id: this.ownerId, name: this.ownerName }];
  }

  /** Who can use it: the owner (`OWNER`), co-owners and every user and group it is shared with. */
  async getAccess(options: CallOptions = {}): Promise<DatasetAccessEntry[]> {
    return (await getDatasetPermissions(this.auth, this.id, callOptions(options))).data;
  }

  /**
   * Makes `to` (an id, an email or a `DomoUser`; a live user) the owner, then reads the dataset again to prove it:
   * the new owner shows, and nothing else changed. A user who already owns it: nothing is sent. With `from`, a
   * dataset no longer owned by `from` is refused and left alone.
   * @returns the owner removed and the owner added (empty when nothing needed doing)
   * @throws {DomoValidationError} the read-back does not show the new owner, or shows another change, or `from` no
   * longer owns it
   */
  async transferOwnership(
    to: UserRef,
    options: CallOptions & { from?: number; knownLive?: readonly number[] } = {},
  ): Promise<ChangeReport<ContentOwner>> {
    const call = callOptions(options);
    const [userId] = await resolveUserIds(this.auth, [to], {
      ...call,
      route: 'DomoDataset.transferOwnership',
      live: true,
      ...(options.knownLive ? { knownLive: options.knownLive } : {}),
    });
    return exclusive(`${this.auth.baseUrl}|dataset:${this.id}`, async () => {
      await this.refresh(call);
      const before = { ownerId: this.ownerId, ownerName: this.ownerName, name: this.name, accountId: this.accountId };
      if (before.ownerId === userId) return { added: [], removed: [] };
      if (options.from !== undefined && before.ownerId !== options.from)
        throw new DomoValidationError(
          `dataset ${this.id}: owned by user ${before.ownerId ?? 'none'} now, not ${options.from}; left alone`,
          { route: 'DomoDataset.transferOwnership' },
        );
      await reassignDatasets(this.auth, [this.id], userId as number, call);
      await this.refresh(call);
      checkHandedOver(this, before, userId as number);
      return {
        added: [{ type: 'USER', id: userId as number, name: this.ownerName }],
        removed: before.ownerId === undefined ? [] : [{ type: 'USER', id: before.ownerId, name: before.ownerName }],
      };
    });
  }

  summary(): string {
    return `DomoDataset ${this.id} ${JSON.stringify(this.name)}${this.ownerId === undefined ? '' : ` owner ${this.ownerName ? JSON.stringify(this.ownerName) : `user ${this.ownerId}`}`}`;
  }
}

/** The read-back after a transfer: the new owner, and the name and account as they were. */
export function checkHandedOver(
  dataset: DomoDataset,
  before: { name: string; accountId?: number | undefined },
  userId: number,
): void {
  const changed = [
    dataset.ownerId === userId ? '' : `the owner is user ${dataset.ownerId ?? 'none'}, not ${userId}`,
    dataset.name === before.name ? '' : `the name changed to ${JSON.stringify(dataset.name)}`,
    dataset.accountId === before.accountId ? '' : `the account changed to ${dataset.accountId ?? 'none'}`,
  ].filter(Boolean);
  if (changed.length > 0)
    throw new DomoValidationError(`dataset ${dataset.id}: the read-back after the transfer: ${changed.join('; ')}`, {
      route: 'DomoDataset.transferOwnership',
    });
}
