import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { DomoValidationError } from '../../client/errors.js';
import { exclusive } from '../../internal/exclusive.js';
import { addPageOwners, getPage, removePageOwners, type PageOwnerRef } from '../../routes/page/core.js';
import type { PageStack } from '../../routes/page/schemas.js';
import type { CardOwnerInput } from '../card/card.js';
import type { ChangeReport } from '../change.js';
import type { ContentOwner } from '../dataset/dataset.js';
import { callOptions, DomoEntity, type CallOptions } from '../entity.js';
import { resolveUserIds, type UserRef } from '../people.js';

type Owners = { id: number; type: 'USER' | 'GROUP'; displayName?: string | null | undefined }[] | null | undefined;

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
  @Transform(
    ({ value }: { value: unknown }) =>
      ((value as Owners) ?? []).map((o) => ({ type: o.type, id: o.id, name: o.displayName ?? undefined })),
    { toClassOnly: true },
  )
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
    to: CardOwnerInput,
    options: CallOptions & { from?: UserRef } = {},
  ): Promise<ChangeReport<ContentOwner>> {
    const call = callOptions(options);
    const route = 'DomoDashboard.transferOwnership';
    const group = typeof to === 'object' && to !== null && 'type' in to && to.type === 'GROUP' ? to : undefined;
    const [toId] = group ? [group.id] : await resolveUserIds(this.auth, [to], { ...call, route, live: true });
    const [fromId] =
      options.from === undefined ? [] : await resolveUserIds(this.auth, [options.from], { ...call, route });
    const target: PageOwnerRef = { type: group ? 'GROUP' : 'USER', id: toId! };
    return exclusive(`${this.auth.baseUrl}|page:${this.id}`, () => this.#move(target, fromId, call));
  }

  async #move(to: PageOwnerRef, fromId: number | undefined, call: CallOptions): Promise<ChangeReport<ContentOwner>> {
    await this.refresh(call);
    const title = this.title;
    const same = (o: ContentOwner, p: PageOwnerRef) => o.type === p.type && o.id === p.id;
    const leaving = this.owners.filter(
      (o) => !same(o, to) && (fromId === undefined || (o.type === 'USER' && o.id === fromId)),
    );
    const adding = this.owners.some((o) => same(o, to)) ? [] : [to];
    if (adding.length > 0) await addPageOwners(this.auth, [this.id], adding, call);
    if (leaving.length > 0)
      await removePageOwners(
        this.auth,
        [this.id],
        leaving.map((o) => ({ type: o.type, id: o.id })),
        call,
      );
    if (adding.length + leaving.length === 0) return { added: [], removed: [] };
    await this.refresh(call);
    const problems = [
      this.owners.some((o) => same(o, to)) ? '' : `${to.type.toLowerCase()} ${to.id} is not an owner`,
      ...leaving
        .filter((l) => this.owners.some((o) => same(o, l)))
        .map((l) => `${l.type.toLowerCase()} ${l.id} is still an owner`),
      this.title === title ? '' : `the title changed to ${JSON.stringify(this.title)}`,
    ].filter(Boolean);
    if (problems.length > 0)
      throw new DomoValidationError(`page ${this.id}: the read-back after the transfer: ${problems.join('; ')}`, {
        route: 'DomoDashboard.transferOwnership',
      });
    return { added: this.owners.filter((o) => same(o, to)), removed: leaving };
  }

  summary(): string {
    const owners = this.owners.map((o) => o.name ?? `${o.type.toLowerCase()} ${o.id}`).join(', ');
    return `DomoDashboard #${this.id} ${JSON.stringify(this.title)}${owners ? ` owners ${owners}` : ''}`;
  }
}
