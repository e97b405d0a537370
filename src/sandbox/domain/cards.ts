import { badRequest, notFound, show } from '../errors.js';
import { nextOwners, ownerPrincipals } from './owners.js';
import { SEARCH_INDEX_LAG, type SandboxCard, type SandboxPrincipal } from '../model.js';
import type { SandboxState } from '../state.js';

export function findCard(state: SandboxState, id: number): SandboxCard {
  const card = state.cards.get(id);
  if (!card) throw notFound(`card ${id} not found`);
  return card;
}

/** The owners the search index shows now: the previous ones until {@link SEARCH_INDEX_LAG} requests have passed. */
export function searchOwners(state: SandboxState, card: SandboxCard): SandboxPrincipal[] {
  return state.counters.total - card.ownerChangedAt >= SEARCH_INDEX_LAG ? card.owners : card.indexedOwners;
}

interface OwnersBody {
  cardIds?: unknown;
  cardOwners?: unknown;
}

/**
 * `POST /api/content/v1/cards/owners/{add|remove}` `{ cardIds, cardOwners: [{ id, type }] }`: all or nothing. A
 * removal that would leave a card with no owner is a 400 and nothing changes.
 */
export function changeCardOwners(state: SandboxState, action: string, body: unknown, callerId: number): number {
  state.requireAuthority(callerId, 'card.admin');
  const input = (typeof body === 'object' && body !== null ? body : {}) as OwnersBody;
  if (action !== 'add' && action !== 'remove') throw notFound(`no such action ${show(action)}`);
  if (!Array.isArray(input.cardIds) || input.cardIds.length === 0)
    throw badRequest('cardIds must be a non-empty array');
  const cards = input.cardIds.map((id) => findCard(state, Number(id)));
  const owners = ownerPrincipals(state, input.cardOwners, 'cardOwners', action);
  const next = nextOwners(
    cards.map((card) => card.owners),
    owners,
    action,
    (i) => `card ${cards[i]!.id}`,
  );
  cards.forEach((card, i) => {
    card.indexedOwners = searchOwners(state, card);
    card.ownerChangedAt = state.counters.total;
    card.owners = next[i]!;
  });
  return cards.length;
}
