import { z } from 'zod';
import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError } from '../../client/errors.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { checkId, checkIds } from '../../internal/input.js';
import { wireId } from '../../internal/ids.js';
import { checkOwnerRefs, type OwnerRef } from '../../internal/owners.js';
import { CardSchema, CardSearchPageSchema, type Card, type CardSearchRow } from './schemas.js';

/** Cards one read asks for at once (by `urns`). */
export const CARD_READ_BATCH = 50;
/** Rows one search page answers at most. */
export const CARD_SEARCH_PAGE = 100;

const CardListSchema = z.array(CardSchema);

/** A principal as card ownership names it. */
export type CardOwnerRef = OwnerRef;

/**
 * Up to {@link CARD_READ_BATCH} cards with their owners and datasets. Cards Domo does not answer for (unknown, or
 * not visible to the caller) are missing from the answer. There is no read of one card by path: `GET
 * /api/content/v1/cards/{id}` answers 405 (DS).
 *
 * Endpoint: `GET /api/content/v1/cards?urns={ids}&parts=owners,datasources`
 * @throws {DomoInputError} no ids, more than {@link CARD_READ_BATCH}, a malformed id (nothing sent)
 */
export async function getCards(
  auth: DomoAuth,
  ids: readonly number[],
  options?: RequestOptions,
): Promise<DomoResponse<Card[]>> {
  const checked = checkIds(ids, 'ids', 'getCards');
  if (checked.length > CARD_READ_BATCH)
    throw new DomoInputError(`at most ${CARD_READ_BATCH} card ids per read, got ${checked.length}`, {
      field: 'ids',
      route: 'getCards',
    });
  return auth.transport.request(
    {
      route: 'getCards',
      method: 'GET',
      path: '/api/content/v1/cards',
      query: { urns: checked.join(','), parts: 'owners,datasources' },
      schema: CardListSchema,
    },
    options,
  );
}

/**
 * One page of cards from the datacenter search: every card, those whose title matches `text`, or those the index
 * says `ownedBy` (a user id) owns. The index lags ownership writes (DS: "13 cards still owned … when only 2
 * remained"): re-read the cards ({@link getCards}) before acting, and never verify a transfer through this.
 *
 * Endpoint: `POST /api/search/v1/query` with body `{ count, offset, query, filters: [{ filterType: "term", field:
 * "owned_by_id", value: "<id>:USER" }], entityList: [["card"]] }` (DS, DL)
 */
export async function searchCards(
  auth: DomoAuth,
  query: { ownedBy?: number; text?: string; offset?: number; count?: number } = {},
  options?: RequestOptions,
): Promise<DomoResponse<{ rows: CardSearchRow[]; total: number | undefined }>> {
  const owner = query.ownedBy === undefined ? undefined : checkId(query.ownedBy, 'ownedBy', 'searchCards');
  const response = await auth.transport.request(
    {
      route: 'searchCards',
      method: 'POST',
      path: '/api/search/v1/query',
      json: {
        count: Math.min(query.count ?? CARD_SEARCH_PAGE, CARD_SEARCH_PAGE),
        offset: query.offset ?? 0,
        query: query.text?.trim() || '*',
        filters: owner === undefined ? [] : [{ filterType: 'term', field: 'owned_by_id', value: `${owner}:USER` }],
        entityList: [['card']],
      },
      schema: CardSearchPageSchema,
      readOnly: true,
      idempotent: true,
    },
    options,
  );
  return {
    status: response.status,
    data: { rows: response.data.searchResultsMap?.card ?? [], total: response.data.totalResultCount },
  };
}

/**
 * Adds owners to cards (all or nothing). Verify by reading the cards again ({@link getCards}), never by search.
 *
 * Endpoint: `POST /api/content/v1/cards/owners/add` with body `{ cardIds, cardOwners: [{ id, type }], note,
 * sendEmail: false }` (DS; PM: `…/owners/:action`)
 */
export async function addCardOwners(
  auth: DomoAuth,
  cardIds: readonly number[],
  owners: readonly CardOwnerRef[],
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  return changeCardOwners(auth, 'add', cardIds, owners, options);
}

/**
 * Removes owners from cards (all or nothing; a card is never left without an owner).
 *
 * Endpoint: `POST /api/content/v1/cards/owners/remove` with body `{ cardIds, cardOwners: [{ id, type }] }` (DS)
 */
export async function removeCardOwners(
  auth: DomoAuth,
  cardIds: readonly number[],
  owners: readonly CardOwnerRef[],
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  return changeCardOwners(auth, 'remove', cardIds, owners, options);
}

async function changeCardOwners(
  auth: DomoAuth,
  action: 'add' | 'remove',
  cardIds: readonly number[],
  owners: readonly CardOwnerRef[],
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  const route = action === 'add' ? 'addCardOwners' : 'removeCardOwners';
  const ids = checkIds(cardIds, 'cardIds', route);
  const cardOwners = checkOwnerRefs(owners, route).map((o) => ({ ...o, id: String(o.id) })); // PM sends ids as strings
  return auth.transport.request(
    {
      route,
      method: 'POST',
      path: `/api/content/v1/cards/owners/${action}`,
      json: { cardIds: ids, cardOwners, note: '', sendEmail: false },
      idempotent: true,
    },
    options,
  );
}

const CardPagesSchema = z.array(
  z.looseObject({
    id: wireId,
    adminAllPages: z
      .array(z.looseObject({ pageId: wireId, title: z.string().nullable().optional() }))
      .nullable()
      .optional(),
  }),
);

/**
 * The pages up to {@link CARD_READ_BATCH} cards are on (their containers), by card id; cards Domo does not answer
 * for are missing.
 *
 * Endpoint: `GET /api/content/v1/cards?urns={ids}&parts=adminAllPages` **(inference: the card read's `parts` as DL
 * asks for them; no source shows this part's answer — it is read as `[{ pageId, title }]`)**
 */
export async function getCardPages(
  auth: DomoAuth,
  ids: readonly number[],
  options?: RequestOptions,
): Promise<DomoResponse<Map<number, number[]>>> {
  const checked = checkIds(ids, 'ids', 'getCardPages');
  if (checked.length > CARD_READ_BATCH)
    throw new DomoInputError(`at most ${CARD_READ_BATCH} card ids per read, got ${checked.length}`, {
      field: 'ids',
      route: 'getCardPages',
    });
  const response = await auth.transport.request(
    {
      route: 'getCardPages',
      method: 'GET',
      path: '/api/content/v1/cards',
      query: { urns: checked.join(','), parts: 'adminAllPages' },
      schema: CardPagesSchema,
    },
    options,
  );
  return {
    status: response.status,
    data: new Map(response.data.map((card) => [card.id, (card.adminAllPages ?? []).map((p) => p.pageId)])),
  };
}
