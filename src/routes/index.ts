export { login, whoAmI } from './auth.js';
export * from './account/index.js';
export type { ConfigValue, ConfigValues } from './account/input.js';
export * from './role/index.js';
export * from './user/index.js';
export * from './group/index.js';
export { badRequestButApplied, goneOnRetryIsDeleted, type VerifiedResponse } from './internal/quirks.js';

import { GROUP_OWNERS_PATH } from './group/members.js';
import { USER_SEARCH_PATH } from './user/search.js';

/** Paths of the routes that read with a POST: a dry run lets them through, as it does GETs. */
export const READ_ONLY_POST_PATHS: readonly string[] = [USER_SEARCH_PATH, GROUP_OWNERS_PATH];
