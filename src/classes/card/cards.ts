import type { DomoAuth } from '../../auth/base.js';
import { chunk } from '../../internal/chunk.js';
import { mapAll } from '../../client/concurrency.js';
import { DomoInputError } from '../../client/errors.js';
import { describe } from '../../internal/input.js';
import { parseId } from '../../internal/refs.js';
import { CARD_READ_BATCH, CARD_SEARCH_PAGE, getCards, searchCards } from '../../routes/card/core.js';
import type { CardSearchRow } from '../../routes/card/schemas.js';
import { callOptions, type CallOptions } from '../entity.js';
import { DomoList, pageOf } from '../list.js';
import { candidateQuery, searchPages } from '../content.js';
import { findOneByName, notFoundAmong, requireOneByName, unknownRef } from '../names.js';
import { resolveUserIds, type UserRef } from '../people.js';
import { DomoCard } from './card.js';

const IN_FLIGHT = 4;

/**
 * The cards of one instance: read by id (one or many, {@link CARD_READ_BATCH} a request), by title, what a user
 * owns. Listing and discovery go through the datacenter search, whose owners lag ownership writes: every card is
 * read back before anything trusts its owners.
 *
 * @example
 * ```ts
 * const cards = new DomoCards(auth);
 * for (const card of await cards.ownedBy('ada@acme.com')) await card.transferOwnership('grace@acme.com', { from: 'ada@acme.com' });
 * ```
 */
export class DomoCards {
  constructor(readonly auth: DomoAuth) {}

  /** One card by id or exact title (case-insensitive; a title two cards share is an error naming both). */
  async get(idOrTitle: number | string, options: CallOptions = {}): Promise<DomoCard> {
    const id = parseId(idOrTitle);
    if (id !== undefined) return DomoCard.get(this.auth, id, options);
    return (await this.resolve([idOrTitle], options))[0] as DomoCard;
  }

  /** Cards by id, {@link CARD_READ_BATCH} per request; ids Domo did not answer for are in `missing`. */
  async getMany(ids: readonly number[], options: CallOptions = {}): Promise<{ cards: DomoCard[]; missing: number[] }> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return { cards: [], missing: [] };
    const call = callOptions(options);
    const pages = await mapAll(
      chunk(wanted, CARD_READ_BATCH),
      IN_FLIGHT,
      async (batch) => (await getCards(this.auth, batch, call)).data,
    );
    const byId = new Map(pages.flat().map((card) => [card.id, card]));
    return {
      cards: DomoCard.hydrateMany(
        this.auth,
        wanted.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
      ),
      missing: wanted.filter((id) => !byId.has(id)),
    };
  }

  /** Every card (or those whose title the search matches `text`), read in full a page of the search at a time. */
  list(options: CallOptions & { text?: string } = {}): DomoList<DomoCard> {
    const { text, ...rest } = options;
    const call = callOptions(rest);
    const auth = this.auth;
    const read = (ids: number[]) => this.getMany(ids, call);
    return new DomoList<DomoCard>(async function* () {
      const pages = searchPages(
        async (offset) => (await searchCards(auth, { ...(text === undefined ? {} : { text }), offset }, call)).data,
        CARD_SEARCH_PAGE,
      );
      for await (const rows of pages) yield pageOf((await read(rows.map((r) => r.databaseId))).cards);
    }, 'cards');
  }

  /**
   * The cards `user` owns: the search's `owned_by_id` answer, every card read back and kept only if its owners
   * (read, not searched) include the user. The search index lags ownership writes, so a card given to
   * the user moments ago may be missing (`owned()` says so).
   */
  async ownedBy(user: UserRef, options: CallOptions = {}): Promise<DomoCard[]> {
    const call = callOptions(options);
    const [userId] = await resolveUserIds(this.auth, [user], { ...call, route: 'DomoCards.ownedBy' });
    const rows: CardSearchRow[] = [];
    const pages = searchPages(
      async (offset) => (await searchCards(this.auth, { ownedBy: userId!, offset }, call)).data,
      CARD_SEARCH_PAGE,
    );
    for await (const page of pages) rows.push(...page);
    const { cards } = await this.getMany(
      rows.map((r) => r.databaseId),
      call,
    );
    return cards.filter((card) => card.owners.some((o) => o.type === 'USER' && o.id === userId));
  }

  /** The card titled exactly `title` (case-insensitive); `undefined` when none. */
  async findByName(title: string, options: CallOptions = {}): Promise<DomoCard | undefined> {
    return findOneByName('card', await this.#titled(title, options), title, [(c) => c.title]);
  }

  /** Like {@link DomoCards.findByName}; none is a `DomoNotFoundError` naming the close ones. */
  async getByName(title: string, options: CallOptions = {}): Promise<DomoCard> {
    return requireOneByName('card', await this.#titled(title, options), title, [(c) => c.title], 'DomoCards.getByName');
  }

  /** Cards by id or exact title, in order; every unknown one reported at once with its close matches. */
  async resolve(refs: readonly (number | string)[], options: CallOptions = {}): Promise<DomoCard[]> {
    if (!Array.isArray(refs))
      throw new DomoInputError(`DomoCards.resolve needs an array of card ids or titles, got ${describe(refs)}`, {
        field: 'refs',
        route: 'DomoCards.resolve',
      });
    const ids = refs.flatMap((ref) => parseId(ref) ?? []);
    const { cards } = await this.getMany(ids, options);
    const unknown: string[] = [];
    const found: DomoCard[] = [];
    for (const ref of refs) {
      const id = parseId(ref);
      if (id === undefined && (typeof ref !== 'string' || ref.trim() === ''))
        throw new DomoInputError(`a card is named by its id or its title, got ${describe(ref)}`, {
          field: 'refs',
          route: 'DomoCards.resolve',
        });
      const candidates = id === undefined ? await this.#titled(ref as string, options) : [];
      const card =
        id === undefined
          ? findOneByName('card', candidates, ref as string, [(c) => c.title])
          : cards.find((c) => c.id === id);
      if (card) found.push(card);
      else
        unknown.push(
          id === undefined
            ? unknownRef(
                ref as string,
                candidates.map((c) => c.title),
              )
            : JSON.stringify(String(id)),
        );
    }
    if (unknown.length > 0) throw notFoundAmong('card', unknown, 'DomoCards.resolve');
    return found;
  }

  /** The candidates of an exact title lookup: what the search finds for its longest word, one letter short. */
  async #titled(title: string, options: CallOptions): Promise<DomoCard[]> {
    return this.list({ ...options, text: candidateQuery(title) }).toArray({ max: 100_000 });
  }
}
