export { DomoEntity, EpochDate } from './entity.js';
export { AccountConfig, providerConfigSpec, providerConfigSchema, knownProviderTypes, plainConfig, checkConfigForProvider, type ConfigInput, type HeldValue, type ProviderConfigSpec } from './account-config.js';
export { CredentialEntity, type EntityShareInput, type UpdateConfigOptions } from './credential.js';
export { DomoAccount, type GetAccountEntityOptions, type NewAccount } from './account.js';
export { DomoOAuthAccount } from './oauth-account.js';
export { DomoAccounts, type AccountList, type FailedAccount, type ListAccountsOptions } from './accounts.js';
export { findOneByName, type UpsertAction, type UpsertResult } from './names.js';
