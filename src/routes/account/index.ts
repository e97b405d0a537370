// The public routes of the account family, by name. Helpers (argument checks, not-found builders, payload internals)
// stay in their files: they are not part of the package's API.
export {
  AccountSchema,
  OAuthAccountSchema,
  ConfigSchema,
  DataProviderSchema,
  AccessEntrySchema,
  AccessListSchema,
  type Account,
  type OAuthAccount,
  type DataProvider,
  type AccessEntry,
} from './schemas.js';
export { getAvailableDataProviders, getAccounts, getAccountById, type GetAccountOptions } from './core.js';
export { getOAuthAccounts, getOAuthAccountById } from './oauth.js';
export {
  getAccountConfig,
  updateAccountConfig,
  getOAuthAccountConfig,
  updateOAuthAccountConfig,
  type GetConfigOptions,
  type UpdateConfigOptions,
  type ConfigResponse,
} from './config.js';
export {
  createAccount,
  deleteAccount,
  updateAccountName,
  createOAuthAccount,
  deleteOAuthAccount,
  updateOAuthAccountName,
  type CreateAccountInput,
  type CreateOAuthAccountInput,
} from './crud.js';
export {
  AccessLevel,
  AccessLevelV1,
  toAccessLevel,
  sharePayload,
  sharePayloadV1,
  getAccountAccessList,
  shareAccount,
  shareAccountV1,
  getOAuthAccountAccessList,
  shareOAuthAccount,
  type SharePrincipal,
  type ShareInput,
  type SharePayload,
  type SharePayloadV1,
} from './sharing.js';
