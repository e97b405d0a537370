/** The records a sandbox holds. Times are ms epochs, as Domo sends them. */

/** A user; `password` and `locked` drive the login endpoint. */
export interface SandboxUser {
  id: number;
  displayName: string;
  emailAddress: string;
  userName: string;
  roleId: number;
  department?: string;
  jobTitle?: string;
  hireDate?: number;
  phoneNumber?: string;
  employeeId?: string;
  /** Last sign-in or activity, ms epoch. */
  lastActivity?: number;
  /** Last sign-in, ms epoch (the `lastLogin` attribute). */
  lastLogin?: number;
  password: string;
  locked: boolean;
  created: number;
  /** Deleted users stay, with an email like `…_deleted_<epoch>`; searches leave them out unless asked. */
  deleted?: boolean;
}

/** Domo's group types. `system` and `directory` (SCIM) groups are managed by Domo or the identity provider. */
export type SandboxGroupType = 'open' | 'adHoc' | 'closed' | 'directory' | 'dynamic' | 'system';

/** A user or a group, as group membership and ownership name them. */
export interface SandboxPrincipal {
  type: 'USER' | 'GROUP';
  id: number;
}

/** A group of users (and of other groups, as members or owners). */
export interface SandboxGroup {
  id: number;
  name: string;
  description: string;
  type: SandboxGroupType;
  userIds: number[];
  /** Groups that are members of this one; their members belong to it too. */
  groupIds: number[];
  owners: SandboxPrincipal[];
  created: number;
}

/** A role and its grants; `userCount` is derived from the users. */
export interface SandboxRole {
  id: number;
  name: string;
  description: string;
  authorities: string[];
  created: number;
  modified: number;
}

/** An entry of the authorities catalogue. */
export interface SandboxAuthority {
  authority: string;
  title: string;
  description: string;
  authorityUIGroup: string;
  dependsOnAuthorities: string[];
}

/** A data provider with the config fields it stores and which of them are secret. */
export interface SandboxProvider {
  id: number;
  key: string;
  name: string;
  scheme: 'fields' | 'oauth' | 'oauth-config';
  fields: string[];
  secretFields: string[];
  created: number;
}

/** The v2 access levels. */
export type AccessLevel = 'OWNER' | 'CAN_SHARE' | 'CAN_EDIT' | 'CAN_VIEW';
/** The v2 access levels, lowest last. */
export const ACCESS_LEVELS: readonly AccessLevel[] = ['OWNER', 'CAN_SHARE', 'CAN_EDIT', 'CAN_VIEW'];

/** One entry of an access list. */
export interface SandboxShare {
  type: 'USER' | 'GROUP';
  id: number;
  accessLevel: AccessLevel;
}

/** A credential account or an OAuth template: both keep a config and an access list. */
export interface SandboxAccount {
  id: number;
  kind: 'account' | 'template';
  name: string;
  displayName: string;
  dataProviderType: string;
  credentialsType: 'fields' | 'oauth';
  valid: boolean;
  enabled: boolean;
  config: Record<string, unknown>;
  shares: SandboxShare[];
  createdAt: number | null;
  createdBy: number;
  modifiedAt: number | null;
  modifiedBy: number;
}

/** A dataset's access level (datasets have a co-owner level credentials do not). */
export type DatasetAccessLevel = 'OWNER' | 'CO_OWNER' | 'CAN_SHARE' | 'CAN_EDIT' | 'CAN_VIEW';

/** A dataset (a "DataSource"): its one responsible owner, the account it was loaded with, and its shares. */
export interface SandboxDataset {
  /** A UUID: dataset ids are strings. */
  id: string;
  name: string;
  description: string;
  /** The responsible user: the one owner Domo shows. */
  ownerId: number;
  /** The credential account it is loaded with; `null` for uploads and dataflow outputs. */
  accountId: number | null;
  dataProviderType: string;
  rowCount: number;
  columnCount: number;
  createdAt: number;
  lastUpdated: number;
  /** Who else can use it (the owner is not listed here). */
  shares: { type: 'USER' | 'GROUP'; id: number; accessLevel: DatasetAccessLevel }[];
  /** The owner the search index shows: it catches up with `ownerId` only {@link SEARCH_INDEX_LAG} requests later. */
  indexedOwnerId: number;
  /** The request count when the owner last changed. */
  ownerChangedAt: number;
}

/** A card: owned by users and groups (several), built on datasets, shown on a page. */
export interface SandboxCard {
  id: number;
  title: string;
  type: string;
  owners: SandboxPrincipal[];
  /** The page it is on (its container); `null` when on none. */
  pageId: number | null;
  datasetIds: string[];
  createdAt: number;
  lastModified: number;
  /** The owners the search index shows (see {@link SEARCH_INDEX_LAG}). */
  indexedOwners: SandboxPrincipal[];
  ownerChangedAt: number;
}

/** A page: owned by users and groups, holding cards (it is their container), maybe under a parent page. */
export interface SandboxPage {
  id: number;
  title: string;
  owners: SandboxPrincipal[];
  parentPageId: number | null;
  cardIds: number[];
  createdAt: number;
}

/**
 * An object exactly one user owns (dataflows, beast modes, alerts, workflows, Code Engine packages, Jupyter
 * workspaces, filesets, AppDB collections, report schedules): what every such family shares.
 */
export interface SandboxOwned {
  id: number | string;
  name: string;
  ownerId: number;
  createdAt: number;
  lastModified: number;
  /** The owner the search index shows (see {@link SEARCH_INDEX_LAG}). */
  indexedOwnerId: number;
  ownerChangedAt: number;
}

/** A dataflow: reads input datasets, writes output datasets (their owner is its container owner). */
export interface SandboxDataflow extends SandboxOwned {
  id: number;
  inputIds: string[];
  outputIds: string[];
  databaseType: string;
  /** Deleted dataflows still answer a read, with `deleted: true` (DS trap). */
  deleted: boolean;
}

/** A beast mode (or a variable, `global`): attached to datasets and cards by its links. */
export interface SandboxBeastMode extends SandboxOwned {
  id: number;
  expression: string;
  global: boolean;
  links: { resource: { type: 'DATA_SOURCE' | 'CARD'; id: string }; visible: boolean; active: boolean }[];
}

/** An AppDB collection: a custom app's document store, living in a datastore. */
export interface SandboxAppDbCollection extends SandboxOwned {
  id: string;
  datastoreId: string;
}

/** A datastore (an app's store of collections): its owner cannot be changed (writes answer 200 and are ignored). */
export interface SandboxDatastore {
  id: string;
  name: string;
  ownerId: number;
}

/** An alert: watches a card. */
export interface SandboxAlert extends SandboxOwned {
  id: number;
  cardId: number;
  active: boolean;
}

/** A scheduled report: an email of a page (or of one card) on a schedule; its name is its title. */
/**
 * An access token: a record in the admin list (never its value) and, while it is neither revoked nor expired, a
 * credential that authenticates as its owner.
 */
export interface SandboxAccessToken {
  id: number;
  name: string;
  ownerId: number;
  created: number;
  /** Epoch ms; after it the token answers 401. */
  expires: number;
  value: string;
}

/** An API client (OAuth client credentials): never its secret in a list. */
export interface SandboxApiClient {
  id: number;
  name: string;
  clientId: string;
  description: string;
  scopes: string[];
  userId: number;
}

export interface SandboxReportSchedule extends SandboxOwned {
  id: number;
  subject: string;
  /** The page it sends (0 for a single card's schedule). */
  pageId: number;
  /** The card it sends, for a single card's schedule (0 otherwise). */
  cardId: number;
  viewId: number;
  attachmentInclude: boolean;
  schedule: {
    frequency: string;
    daysToRun: string;
    hourOfDay: number;
    minOfHour: number;
    timezone: string;
    enabled: boolean;
    additionalRecipients: { type: string; value: string }[];
  };
}

/** A single-owner object with a UUID id: a Jupyter workspace, a fileset. */
export interface SandboxUuidOwned extends SandboxOwned {
  id: string;
}

/** A Code Engine package. */
export interface SandboxCodePackage extends SandboxUuidOwned {
  language: 'JAVASCRIPT' | 'PYTHON';
}

/** A workflow model: its whole definition goes back on an ownership write. */
export interface SandboxWorkflow extends SandboxUuidOwned {
  description: string;
  /** The definition's steps: must come back unchanged with an ownership write. */
  steps: string[];
}

/** An App Studio app: owned by users and groups; Domo names its id `dataAppId`. */
export interface SandboxApp {
  id: number;
  title: string;
  owners: SandboxPrincipal[];
  /** Who else can open it. */
  viewers: SandboxPrincipal[];
  lastModified: number;
}

/** Requests after an ownership write before the search index shows it (DS: the index lags ownership writes). */
export const SEARCH_INDEX_LAG = 25;

/** One request as the sandbox saw it. */
export interface SandboxRequestLogEntry {
  seq: number;
  method: string;
  path: string;
  query: string;
  status: number;
  ms: number;
  /** Set when the response was an injected fault: `error`, `reset`, `rate-limit`. */
  fault?: string;
  /** True when the request changed state. */
  mutated: boolean;
}

/** Fault injection, deterministic by the sandbox seed. */
export interface SandboxFaults {
  /** Added to every response. */
  latencyMs?: number;
  /** Share of requests answered 503 before they are applied. */
  errorRate?: number;
  /** Share of requests whose connection is dropped; half before and half after the change is applied. */
  resetRate?: number;
  /** Every Nth request is answered 429 with `Retry-After`. */
  rateLimitEvery?: number;
  /** The `Retry-After` sent with injected 429s, in seconds. @default 0.01 */
  retryAfterSeconds?: number;
}
