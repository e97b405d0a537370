/**
 * domo-admin: typed routes and rich entities for administering a Domo instance.
 * @packageDocumentation
 */
export * from './client/index.js';
export * from './auth/index.js';
export * as routes from './routes/index.js';
export { AccessLevel, AccessLevelV1 } from './routes/account/sharing.js';
export * from './classes/index.js';
export { VERSION } from './version.js';
