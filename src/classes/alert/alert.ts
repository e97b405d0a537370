import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import { parseId } from '../../internal/refs.js';
import { ALERT_PAGE, getAlert, getAlerts, setAlertOwner } from '../../routes/alert/core.js';
import type { Alert } from '../../routes/alert/schemas.js';
import { EpochDate } from '../entity.js';
import { DomoOwnedObject, type SingleOwnerFamily } from '../single-owner.js';

/** The alert family's routes, as the shared single-owner layer uses them. */
const FAMILY: SingleOwnerFamily<number, Alert> = {
  kind: 'alert',
  label: 'alert',
  parseId,
  read: async (auth, id, call) => (await getAlert(auth, id, call)).data,
  write: (auth, raw, userId, call) => setAlertOwner(auth, raw.id as number, userId, call),
  page: async (auth, query, call) => ({
    rows: (
      await getAlerts(
        auth,
        { ...(query.ownedBy === undefined ? {} : { ownedBy: query.ownedBy }), offset: query.offset },
        call,
      )
    ).data,
    total: undefined,
  }),
  pageSize: ALERT_PAGE,
  fromRow: (row) => row,
  rowId: (row) => row.id,
  rowOwner: (row) => row.owner ?? undefined,
  searchesText: false,
  stable: ['resourceId'],
};

/**
 * An alert: one owner; it watches a card. {@link DomoAlert.transferOwnership} moves it and reads it back (the card it
 * watches unchanged).
 *
 * @example
 * ```ts
 * const alert = await new DomoAlerts(auth).get(5120);
 * await alert.transferOwnership('grace@acme.com');
 * ```
 */
export class DomoAlert extends DomoOwnedObject {
  static override readonly family = FAMILY as SingleOwnerFamily<number | string, never>;

  @Expose() declare id: number;
  @Expose()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''), { toClassOnly: true })
  declare name: string;
  @Expose({ name: 'owner' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'number' ? value : undefined), { toClassOnly: true })
  declare ownerId?: number;
  /** The card it watches (when `resourceType` is `CARD`). */
  @Expose({ name: 'resourceId' })
  @Transform(
    ({ value, obj }: { value: unknown; obj: { resourceType?: string } }) =>
      obj.resourceType === 'CARD' && value != null ? Number(value) : undefined,
    { toClassOnly: true },
  )
  cardId?: number;
  @Expose() @Transform(({ value }: { value: unknown }) => value !== false, { toClassOnly: true }) active!: boolean;
  @Expose({ name: 'createdAt' }) @EpochDate() declare createdAt?: Date;
  @Expose({ name: 'updatedAt' }) @EpochDate() declare lastModified?: Date;

  override details(): Record<string, unknown> {
    return { cardId: this.cardId ?? null, active: this.active };
  }
}
