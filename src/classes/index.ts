export { DomoEntity, EpochDate, callOptions, type CallOptions, type EntityClass } from './entity.js';
export {
  AccountConfig,
  providerConfigSpec,
  providerConfigSchema,
  knownProviderTypes,
  plainConfig,
  checkConfigForProvider,
  type ConfigInput,
  type HeldValue,
  type ProviderConfigSpec,
  type FieldSpec,
} from './account-config.js';
export {
  CredentialEntity,
  type CredentialApi,
  type EntityShareInput,
  type EntityPrincipal,
  type UpdateConfigOptions,
} from './credential.js';
export { DomoAccount, type GetAccountEntityOptions, type NewAccount } from './account.js';
export { DomoOAuthAccount } from './oauth-account.js';
export { DomoOAuthAccounts } from './oauth-accounts.js';
export { DomoAccounts, AccountList, type FailedAccount, type ListAccountsOptions } from './accounts.js';
export { findOneByName, type UpsertAction, type UpsertResult } from './names.js';
export { DomoGrant, grantCatalogue, validateGrants, closeMatches } from './grant.js';
export { DomoRole, LAST_SYSTEM_ROLE_ID, type NewRole } from './role.js';
export { DomoRoles } from './roles.js';
export { DomoUser, roleNameOf, type OwnedByUser } from './user.js';
export { DomoUsers, type ListUsersOptions, type UserPages, type UpsertUser } from './users.js';
export { DomoGroup, type MembershipChange } from './group.js';
export { DomoGroups } from './groups.js';
export {
  resolveUsers,
  resolveUserIds,
  resolveGroups,
  EMAILS_PER_SEARCH,
  type UserRef,
  type GroupRef,
} from './people.js';
