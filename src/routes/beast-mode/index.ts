// The public routes of the beast-mode family, by name (argument checks stay in their files).
export {
  BEAST_MODE_OWNER_BATCH,
  BEAST_MODE_PAGE,
  getBeastMode,
  searchBeastModes,
  setBeastModeOwner,
  setBeastModeOwners,
  type BeastModeOwnerUpdate,
} from './core.js';
export { BeastModeLinkSchema, BeastModeSchema, type BeastMode, type BeastModeLink } from './schemas.js';
