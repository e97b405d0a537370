import { mapAll } from '../../client/concurrency.js';
import { chunk } from '../../internal/chunk.js';
import { getResourceReportSchedules, REPORT_SCHEDULES_PER_RESOURCE } from '../../routes/report-schedule/core.js';
import type { ReportSchedule } from '../../routes/report-schedule/schemas.js';
import type { CallOptions } from '../entity.js';
import { DomoOwnedObjects } from '../owned-objects.js';
import { DomoDashboards } from '../page/pages.js';
import type { OwnedObjectClass } from '../single-owner.js';
import { DomoReportSchedule } from './report-schedule.js';

/** Pages whose schedules are read at once. */
const PAGES_IN_FLIGHT = 8;

/**
 * The scheduled reports of one instance: by id or name, every one, what a user owns, and ownership transfer with a
 * read-back of each. Domo has no listing of every schedule (DS: discovery "requires a DomoStats dataset"), so they are
 * found page by page: the schedules of every page of the instance (everyone's, `showAll`), each row re-checked. A
 * schedule of a single card that is on no page is not found this way: `owned()` says its discovery is limited.
 *
 * @example
 * ```ts
 * const reports = new DomoReportSchedules(auth);
 * await reports.transfer(await reports.ownedBy('ada@acme.com'), 'grace@acme.com');
 * ```
 */
export class DomoReportSchedules extends DomoOwnedObjects<DomoReportSchedule> {
  protected readonly type = DomoReportSchedule as unknown as OwnedObjectClass<DomoReportSchedule>;

  /** Every page of the instance, a few at a time, and the schedules of each (one request per page, more past 500). */
  protected override async *discoveryPages(
    _query: { ownedBy?: number; text?: string },
    call: CallOptions,
    onTotal: (total: number | undefined) => void = () => undefined,
  ): AsyncGenerator<unknown[]> {
    onTotal(undefined);
    const seen = new Set<number>();
    for await (const pages of new DomoDashboards(this.auth).list(call).pages())
      for (const group of chunk([...pages], PAGES_IN_FLIGHT)) {
        const found = await mapAll(group, PAGES_IN_FLIGHT, (page) => this.#schedulesOf(page.id, call));
        const rows = found.flat().filter((row) => !seen.has(row.id) && seen.add(row.id));
        if (rows.length > 0) yield rows;
      }
  }

  async #schedulesOf(pageId: number, call: CallOptions): Promise<ReportSchedule[]> {
    const rows: ReportSchedule[] = [];
    for (let skip = 0; ; skip += REPORT_SCHEDULES_PER_RESOURCE) {
      const { data } = await getResourceReportSchedules(this.auth, { type: 'page', id: pageId }, { skip }, call);
      rows.push(...data);
      if (data.length < REPORT_SCHEDULES_PER_RESOURCE) return rows;
    }
  }
}
