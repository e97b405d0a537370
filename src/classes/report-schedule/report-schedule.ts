import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import { parseId } from '../../internal/refs.js';
import { getReportSchedule, setReportScheduleOwner } from '../../routes/report-schedule/core.js';
import type { ReportSchedule } from '../../routes/report-schedule/schemas.js';
import { DomoOwnedObject, ownerIdOf, type SingleOwnerFamily } from '../single-owner.js';

/**
 * The scheduled-report family's routes, as the shared single-owner layer uses them. No `page`: Domo lists schedules
 * only resource by resource, so {@link DomoReportSchedules} reads them page by page of the instance.
 */
const FAMILY: SingleOwnerFamily<number, ReportSchedule> = {
  kind: 'reportSchedule',
  label: 'scheduled report',
  parseId,
  read: async (auth, id, call) => (await getReportSchedule(auth, id, call)).data,
  write: (auth, raw, userId, call) => setReportScheduleOwner(auth, raw, userId, call),
  pageSize: 50,
  fromRow: (row) => row,
  rowId: (row) => row.id,
  rowOwner: (row) => row.ownerId ?? undefined,
  searchesText: false,
  stable: ['subject', 'pageId', 'cardId', 'viewId'],
};

type Timing = { frequency?: string | null; enabled?: boolean | null; timezone?: string | null } | null | undefined;

/**
 * A scheduled report (an email of a page or a card on a schedule): one owner. The whole schedule goes back with the
 * owner swapped, and {@link DomoReportSchedule.transferOwnership} reads it back (subject, page, card and view
 * unchanged).
 *
 * @example
 * ```ts
 * const report = await new DomoReportSchedules(auth).get(40021);
 * await report.transferOwnership('grace@acme.com');
 * ```
 */
export class DomoReportSchedule extends DomoOwnedObject {
  static override readonly family = FAMILY as SingleOwnerFamily<number | string, never>;

  @Expose() declare id: number;
  @Expose({ name: 'title' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''), { toClassOnly: true })
  declare name: string;
  @Expose()
  @Transform(({ value }: { value: unknown }) => ownerIdOf(value), { toClassOnly: true })
  declare ownerId?: number;
  @Expose()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''), { toClassOnly: true })
  subject!: string;
  /** The page it sends (none for a single card's schedule). */
  @Expose()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'number' && value > 0 ? value : undefined), {
    toClassOnly: true,
  })
  pageId?: number;
  /** The card it sends, for a single card's schedule. */
  @Expose()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'number' && value > 0 ? value : undefined), {
    toClassOnly: true,
  })
  cardId?: number;
  /** `DAILY`, `WEEKLY`, `MONTHLY`, … */
  @Expose({ name: 'schedule' })
  @Transform(({ value }: { value: unknown }) => (value as Timing)?.frequency ?? undefined, { toClassOnly: true })
  frequency?: string;
  /** Whether it is sent (its timing's `enabled`). */
  @Expose({ name: 'active' })
  @Transform(
    ({ value, obj }: { value: unknown; obj: { schedule?: Timing } }) =>
      value !== false && obj.schedule?.enabled !== false,
    {
      toClassOnly: true,
    },
  )
  enabled!: boolean;

  override details(): Record<string, unknown> {
    return {
      subject: this.subject,
      pageId: this.pageId ?? null,
      cardId: this.cardId ?? null,
      frequency: this.frequency ?? null,
      enabled: this.enabled,
    };
  }
}
