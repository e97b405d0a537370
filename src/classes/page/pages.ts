import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError } from '../../client/errors.js';
import { describe } from '../../internal/input.js';
import { parseId } from '../../internal/refs.js';
import { getPageSummaries, PAGE_SUMMARY_LIMIT } from '../../routes/page/core.js';
import type { PageSummary } from '../../routes/page/schemas.js';
import { callOptions, type CallOptions } from '../entity.js';
import { DomoList, pageOf } from '../list.js';
import { findOneByName, notFoundAmong, requireOneByName, unknownRef } from '../names.js';
import { resolveUserIds, type UserRef } from '../people.js';
import { DomoDashboard } from './page.js';

/** Every row of the admin summary (optionally for some owners), page by page until a short one. */
async function* summaries(
  auth: DomoAuth,
  ownerIds: readonly number[] | undefined,
  call: CallOptions,
): AsyncGenerator<PageSummary[]> {
  for (let skip = 0; ; skip += PAGE_SUMMARY_LIMIT) {
    const { data } = await getPageSummaries(auth, { ...(ownerIds ? { ownerIds } : {}), skip }, call);
    if (data.length > 0) yield data;
    if (data.length < PAGE_SUMMARY_LIMIT) return;
  }
}

/**
 * The pages (dashboards) of one instance: by id or exact title, every page (the admin summary, all pages of it), what a user
 * owns (the summary's owner filter, every row re-checked).
 *
 * @example
 * ```ts
 * const owned = await new DomoDashboards(auth).ownedBy('ada@acme.com');
 * ```
 */
export class DomoDashboards {
  constructor(readonly auth: DomoAuth) {}

  /** One page by id (read with its cards) or exact title (case-insensitive; a shared title is an error). */
  async get(idOrTitle: number | string, options: CallOptions = {}): Promise<DomoDashboard> {
    const id = parseId(idOrTitle);
    if (id !== undefined) return DomoDashboard.get(this.auth, id, options);
    return (await this.resolve([idOrTitle], options))[0] as DomoDashboard;
  }

  /** Every page, from the admin summary (owners included; the cards on each come with `get`). */
  list(options: CallOptions = {}): DomoList<DomoDashboard> {
    const call = callOptions(options);
    const auth = this.auth;
    return new DomoList<DomoDashboard>(async function* () {
      for await (const rows of summaries(auth, undefined, call)) yield pageOf(DomoDashboard.hydrateMany(auth, rows));
    }, 'pages');
  }

  /** Every page `user` owns: the summary's owner filter, every row re-checked from its owners (exhaustive). */
  async ownedBy(user: UserRef, options: CallOptions = {}): Promise<DomoDashboard[]> {
    const call = callOptions(options);
    const [userId] = await resolveUserIds(this.auth, [user], { ...call, route: 'DomoDashboards.ownedBy' });
    const pages: DomoDashboard[] = [];
    for await (const rows of summaries(this.auth, [userId as number], call))
      pages.push(...DomoDashboard.hydrateMany(this.auth, rows));
    return pages.filter((page) => page.owners.some((o) => o.type === 'USER' && o.id === userId));
  }

  /** The page titled exactly `title` (case-insensitive); `undefined` when none. */
  async findByName(title: string, options: CallOptions = {}): Promise<DomoDashboard | undefined> {
    return findOneByName('page', await this.list(options).toArray({ max: 100_000 }), title, [(p) => p.title]);
  }

  /** Like {@link DomoDashboards.findByName}; none is a `DomoNotFoundError` naming the close ones. */
  async getByName(title: string, options: CallOptions = {}): Promise<DomoDashboard> {
    const pages = await this.list(options).toArray({ max: 100_000 });
    return requireOneByName('page', pages, title, [(p) => p.title], 'DomoDashboards.getByName');
  }

  /** Pages by id or exact title, in order; every unknown one reported at once with its close matches. */
  async resolve(refs: readonly (number | string)[], options: CallOptions = {}): Promise<DomoDashboard[]> {
    if (!Array.isArray(refs))
      throw new DomoInputError(`DomoDashboards.resolve needs an array of page ids or titles, got ${describe(refs)}`, {
        field: 'refs',
        route: 'DomoDashboards.resolve',
      });
    const pages = await this.list(options).toArray({ max: 100_000 });
    const unknown: string[] = [];
    const found: DomoDashboard[] = [];
    for (const ref of refs) {
      const id = parseId(ref);
      if (id === undefined && (typeof ref !== 'string' || ref.trim() === ''))
        throw new DomoInputError(`a page is named by its id or its title, got ${describe(ref)}`, {
          field: 'refs',
          route: 'DomoDashboards.resolve',
        });
      const page =
        id === undefined
          ? findOneByName('page', pages, ref as string, [(p) => p.title])
          : pages.find((p) => p.id === id);
      if (page) found.push(page);
      else
        unknown.push(
          id === undefined
            ? unknownRef(
                ref as string,
                pages.map((p) => p.title),
              )
            : JSON.stringify(String(id)),
        );
    }
    if (unknown.length > 0) throw notFoundAmong('page', unknown, 'DomoDashboards.resolve');
    return found;
  }
}
