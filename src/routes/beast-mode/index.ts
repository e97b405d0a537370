// The public routes of the beast-mode family, by name (argument checks stay in their files).
export { BEAST_MODE_PAGE, getBeastMode, searchBeastModes, setBeastModeOwner } from './core.js';
export { BeastModeLinkSchema, BeastModeSchema, type BeastMode, type BeastModeLink } from './schemas.js';
