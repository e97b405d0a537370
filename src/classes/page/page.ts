import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { addPageOwners, getPage, removePageOwners } from '../../routes/page/core.js';
import type { PageStack } from '../../routes/page/schemas.js';
import type { ChangeReport } from '../change.js';
import type { ContentOwner } from '../dataset/dataset.js';
import { callOptions, DomoEntity, type CallOptions } from '../entity.js';
import type { UserRef } from '../people.js';
import { toContentOwners, transferShared, type OwnerWrites, type SharedOwnerInput } from '../content.js';

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

const WRITES: OwnerWrites = { kind: 'page', add: addPageOwners, remove: removePageOwners };

/**
 * A Domo page (a dashboard; `DomoDashboard` because `DomoPage` names a page of a list): owned by users and groups, holding cards (their container). Ownership moves with
 * {@link DomoDashboard.transferOwnership}, proven by reading the page back.
 */
export class DomoDashboard extends DomoEntity {
  @Expose() id!: number;
  @Expose()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''), { toClassOnly: true })
  title!: string;
  @Expose() parentPageId?: number;
  @Expose()
  @Transform(({ value }: { value: unknown }) => toContentOwners(value), { toClassOnly: true })
  owners!: ContentOwner[];
  /** The cards on it (known from a page read; empty from a summary row). */
  @Expose()
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? (value as number[]) : []), {
    toClassOnly: true,
  })
  cardIds!: number[];

  /** The title: what a person names a page with. */
  get name(): string {
    return this.title;
  }

  /** Reads one page with its owners and cards. @throws {DomoNotFoundError} no such page, or not visible to you */
  static async get(auth: DomoAuth, id: number, options: CallOptions = {}): Promise<DomoDashboard> {
    return DomoDashboard.hydrate(auth, pageRow((await getPage(auth, id, callOptions(options))).data));
  }

  /** Reads the page again. */
  async refresh(options: CallOptions = {}): Promise<this> {
    return this.adopt(pageRow((await getPage(this.auth, this.id, callOptions(options))).data));
  }

  /**
   * Makes `to` (a user or `{ type: 'GROUP', id }`) an owner and removes `from` (default: every other owner), then
   * reads the page back: `to` an owner, `from` gone, the title unchanged.
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
    return `DomoDashboard #${this.id} ${JSON.stringify(this.title)}${owners ? ` owners ${owners}` : ''}`;
  }
}
