// The public routes of the card family, by name (argument checks stay in their files).
export {
  addCardOwners,
  CARD_READ_BATCH,
  CARD_SEARCH_PAGE,
  getCardPages,
  getCards,
  removeCardOwners,
  searchCards,
  type CardOwnerRef,
} from './core.js';
export { CardOwnerSchema, CardSchema, type Card, type CardOwner, type CardSearchRow } from './schemas.js';
