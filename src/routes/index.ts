export { login, whoAmI } from './auth.js';
export * from './account/index.js';
export type { ConfigValue, ConfigValues } from './internal/input.js';
export * from './role.js';
export * from './role-schemas.js';
export { badRequestButApplied, goneOnRetryIsDeleted, type VerifiedResponse } from './internal/quirks.js';
