export { DomoEntity, EpochDate, type CallOptions, type EntityClass } from './entity.js';
export {
  AccountConfig,
  providerConfigSpec,
  providerConfigSchema,
  knownProviderTypes,
  type ConfigInput,
  type HeldValue,
  type ProviderConfigSpec,
  type FieldSpec,
} from './account/config.js';
export {
  CredentialEntity,
  type CredentialApi,
  type EntityShareInput,
  type EntityPrincipal,
  type UpdateConfigOptions,
} from './account/credential.js';
export { DomoAccount, type GetAccountEntityOptions, type NewAccount } from './account/account.js';
export { DomoOAuthAccount } from './account/oauth-account.js';
export { DomoOAuthAccounts } from './account/oauth-accounts.js';
export { DomoAccounts, AccountList, type FailedAccount, type ListAccountsOptions } from './account/accounts.js';
export { DomoList, DomoPage } from './list.js';
export type { ChangeReport, MembershipChange, ShareChange, ShareEntry } from './change.js';
export type { NamedRef, UpsertAction, UpsertResult } from './names.js';
export { DomoGrant } from './role/grant.js';
export { DomoRole, LAST_SYSTEM_ROLE_ID, type NewRole } from './role/role.js';
export { DomoRoles } from './role/roles.js';
export { DomoGrants } from './role/grants.js';
export { DomoUser, roleNameOf, type OwnedByUser } from './user/user.js';
export { DomoUsers, type ListUsersOptions, type UserPages, type UpsertUser } from './user/users.js';
export { DomoGroup } from './group/group.js';
export { DomoGroups } from './group/groups.js';
export type { UserRef, GroupRef } from './people.js';
export { DomoDataset, type ContentOwner } from './dataset/dataset.js';
export { DomoDatasets, type DatasetTransfer } from './dataset/datasets.js';
export { DomoCard, type CardOwnerInput } from './card/card.js';
export { DomoCards } from './card/cards.js';
export { DomoDashboard } from './page/page.js';
export { DomoDashboards, DomoDashboards as DomoPages } from './page/pages.js';
export { DomoDataflow } from './dataflow/dataflow.js';
export { DomoDataflows } from './dataflow/dataflows.js';
export { DomoBeastMode } from './beast-mode/beast-mode.js';
export { DomoBeastModes } from './beast-mode/beast-modes.js';
export { DomoAppDbCollection } from './appdb/collection.js';
export { DomoAppDbCollections } from './appdb/collections.js';
export { DomoAccessToken } from './access-token/access-token.js';
export { executeBulkRotation, planBulkRotation, type BulkRotationPlan } from './access-token/bulk-rotation.js';
export {
  DomoRotationError,
  ROTATION_STEPS,
  type RotateOptions,
  type RotationResult,
  type RotationStep,
} from './access-token/rotation.js';
export { DomoAccessTokens, MAX_TOKEN_LIFETIME_DAYS, type CreateAccessToken } from './access-token/access-tokens.js';
export { DomoApiClient } from './api-client/api-client.js';
export { DomoSession } from './session/session.js';
export { DomoSessions } from './session/sessions.js';
export {
  ActivityHarvest,
  DomoActivityLog,
  type ActivityChunk,
  type ActivityEvent,
  type ActivityQuery,
  type FailedChunk,
  type HarvestProgress,
  type HarvestResult,
  type TimeInput,
} from './activity/index.js';
export { DomoApiClients } from './api-client/api-clients.js';
export { DomoAlert } from './alert/alert.js';
export { DomoAlerts } from './alert/alerts.js';
export { DomoReportSchedule } from './report-schedule/report-schedule.js';
export { DomoReportSchedules } from './report-schedule/report-schedules.js';
export { DomoApp } from './app/app.js';
export { DomoApps } from './app/apps.js';
export { DomoWorkflow } from './workflow/workflow.js';
export { DomoWorkflows } from './workflow/workflows.js';
export { DomoCodeEnginePackage } from './codeengine/package.js';
export { DomoCodeEnginePackages } from './codeengine/packages.js';
export { DomoJupyterWorkspace } from './jupyter/workspace.js';
export { DomoJupyterWorkspaces } from './jupyter/workspaces.js';
export { DomoFileset } from './fileset/fileset.js';
export { DomoFilesets } from './fileset/filesets.js';
export { SINGLE_OWNER_FAMILIES, type SingleOwnerEntry, type Discovery } from './owned-families.js';
export { DomoOwnedObject, type SingleOwnerFamily, type OwnedObjectClass, type DiscoveryPage } from './single-owner.js';
export { DomoOwnedObjects, type OwnedTransfer } from './owned-objects.js';
