import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { addPageOwners, getPage, removePageOwners } from '../../routes/page/core.js';
import type { PageStack } from '../../routes/page/schemas.js';
import { callOptions, type CallOptions } from '../entity.js';
import { DomoSharedContent, type OwnerWrites } from '../content.js';

/** A page's fields from a stack read or an admin-summary row, in one shape. */
export function pageRow(stack: PageStack): object {
  return {
    id: stack.page.pageId ?? stack.page.id,
    title: stack.page.title ?? '',
    parentPageId: stack.page.parentPageId ?? undefined,
    owners: stack.page.owners ?? [],
    cardIds: (stack.cards ?? []).map((c) => c.id),
  };
}

export const PAGE_OWNER_WRITES: OwnerWrites = { kind: 'page', add: addPageOwners, remove: removePageOwners };

/**
 * A Domo page (a dashboard; `DomoDashboard` because `DomoPage` names a page of a list): owned by users and groups, holding cards (their container). Ownership moves with
 * {@link DomoDashboard.transferOwnership}, proven by reading the page back.
 */
export class DomoDashboard extends DomoSharedContent {
  protected get writes(): OwnerWrites {
    return PAGE_OWNER_WRITES;
  }

  @Expose() parentPageId?: number;
  /** The cards on it (known from a page read; empty from a summary row). */
  @Expose()
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? (value as number[]) : []), {
    toClassOnly: true,
  })
  cardIds!: number[];

  /** Reads one page with its owners and cards. @throws {DomoNotFoundError} no such page, or not visible to you */
  static async get(auth: DomoAuth, id: number, options: CallOptions = {}): Promise<DomoDashboard> {
    return DomoDashboard.hydrate(auth, pageRow((await getPage(auth, id, callOptions(options))).data));
  }

  /** Reads the page again. */
  async refresh(options: CallOptions = {}): Promise<this> {
    return this.adopt(pageRow((await getPage(this.auth, this.id, callOptions(options))).data));
  }
}
