import { badRequest, notFound, show } from '../errors.js';
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

function principals(state: SandboxState, value: unknown): SandboxPrincipal[] {
  if (!Array.isArray(value) || value.length === 0) throw badRequest('cardOwners must be a non-empty array');
  return value.map((entry: unknown) => {
    const { id, type } = (typeof entry === 'object' && entry !== null ? entry : {}) as { id?: unknown; type?: unknown };
    if ((type !== 'USER' && type !== 'GROUP') || !/^\d+$/.test(String(id)))
      throw badRequest(`bad owner ${show(entry)}`);
    const known = type === 'USER' ? state.users.get(Number(id)) : state.groups.get(Number(id));
    if (!known || (type === 'USER' && state.users.get(Number(id))!.deleted))
      throw badRequest(`invalid owner ${show(entry)}`);
    return { type, id: Number(id) };
  });
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
  const owners = principals(state, input.cardOwners);
  const same = (a: SandboxPrincipal, b: SandboxPrincipal) => a.type === b.type && a.id === b.id;
  const next = cards.map((card) =>
    action === 'add'
      ? [...card.owners, ...owners.filter((o) => !card.owners.some((c) => same(c, o)))]
      : card.owners.filter((c) => !owners.some((o) => same(c, o))),
  );
  next.forEach((list, i) => {
    if (list.length === 0) throw badRequest(`card ${cards[i]!.id} must keep an owner`);
  });
  cards.forEach((card, i) => {
    card.indexedOwners = searchOwners(state, card);
    card.ownerChangedAt = state.counters.total;
    card.owners = next[i]!;
  });
  return cards.length;
}
