// The public API contract of ../shared/spec/design.md: tests outside this repository call these names, so every one
// stays exported (add freely, never rename). A name removed or renamed fails here first.
import { describe, expect, it } from 'vitest';
import * as root from '../../src/index.js';
import * as routesEntry from '../../src/routes/index.js';
import * as sandbox from '../../src/sandbox/index.js';
import * as governance from '../../src/governance/index.js';
import * as audit from '../../src/audit/index.js';

const AUTH = ['DomoTokenAuth', 'DomoFullAuth', 'authFromEnv'];
const ERRORS = [
  'DomoError',
  'DomoApiError',
  'DomoAuthError',
  'DomoForbiddenError',
  'DomoNotFoundError',
  'DomoConflictError',
  'DomoRateLimitError',
  'DomoServerError',
  'DomoConnectionError',
  'DomoTimeoutError',
  'DomoValidationError',
  'DomoInputError',
  'DomoInstanceError',
];
const ROUTES = [
  'getAvailableDataProviders',
  'getAccounts',
  'getAccountById',
  'getAccountConfig',
  'updateAccountConfig',
  'createAccount',
  'deleteAccount',
  'updateAccountName',
  'getAccountAccessList',
  'shareAccount',
  'shareAccountV1',
  'getOAuthAccounts',
  'getOAuthAccountById',
  'getOAuthAccountConfig',
  'updateOAuthAccountConfig',
  'createOAuthAccount',
  'deleteOAuthAccount',
  'updateOAuthAccountName',
  'getOAuthAccountAccessList',
  'shareOAuthAccount',
  'getRoles',
  'getRoleById',
  'getRoleGrants',
  'setRoleGrants',
  'getRoleMembership',
  'addRoleMembers',
  'createRole',
  'deleteRole',
  'updateRoleMetadata',
  'getDefaultRole',
  'setDefaultRole',
  'getAuthorities',
  'login',
  'whoAmI',
];
/** Classes and the methods design.md shows on them (statics marked `static`). */
const ENTITIES: Record<string, string[]> = {
  DomoAccount: [
    'static get',
    'static create',
    'share',
    'unshare',
    'updateConfig',
    'rename',
    'getAccess',
    'transferOwnership',
    'copyTo',
    'toAuth',
    'delete',
  ],
  DomoAccounts: ['list', 'listOAuth', 'findByName', 'getByName', 'upsert', 'dataProviders'],
  DomoOAuthAccount: ['static get', 'share', 'unshare', 'updateConfig', 'rename', 'getAccess', 'delete'],
  DomoRoles: ['list', 'get', 'findByName', 'getByName', 'upsert', 'getDefault', 'authorities'],
  DomoRole: [
    'static create',
    'setGrants',
    'addGrants',
    'removeGrants',
    'addMembers',
    'removeMembers',
    'update',
    'setAsDefault',
    'delete',
  ],
  DomoUsers: ['get', 'getByEmail', 'list', 'search', 'create', 'upsert'],
  DomoUser: ['role', 'setRole', 'groups', 'owned', 'update', 'delete', 'accessTokens'],
  DomoAccessTokens: ['list', 'get', 'findByName', 'getByName', 'resolve', 'create', 'revoke', 'rotate', 'ownedBy'],
  DomoAccessToken: ['revoke', 'rotate', 'expiresInDays', 'isExpired', 'lifetimeDays'],
  DomoApiClients: ['list', 'get', 'findByName', 'getByName', 'resolve', 'revoke'],
  DomoApiClient: ['revoke'],
  DomoSessions: ['list', 'get', 'resolve', 'ofUser', 'endFor'],
  DomoSession: ['end'],
  DomoActivityLog: ['events', 'objectTypes', 'history', 'lastSeen'],
  DomoGroups: ['get', 'list', 'findByName', 'getByName', 'create', 'upsert'],
  DomoGroup: ['getMembers', 'addMembers', 'removeMembers', 'getOwners', 'delete'],
  // The content managers design.md plans, each speaking the family contract (create is Domo's to do).
  ...Object.fromEntries(
    [
      'DomoDatasets',
      'DomoDataflows',
      'DomoCards',
      'DomoPages',
      'DomoApps',
      'DomoAlerts',
      'DomoBeastModes',
      'DomoWorkflows',
      'DomoCodeEnginePackages',
      'DomoJupyterWorkspaces',
      'DomoFilesets',
      'DomoAppDbCollections',
      'DomoReportSchedules',
    ].map((name) => [name, ['get', 'list', 'findByName', 'getByName', 'resolve', 'ownedBy']]),
  ),
};

describe("design.md's public names", () => {
  it('the root exports the auths, every error class and AccessLevel', () => {
    for (const name of [...AUTH, ...ERRORS, 'AccessLevel', 'AccessLevelV1', 'routes'])
      expect(root, name).toHaveProperty(name);
    expect(root.AccessLevel).toMatchObject({ OWNER: 'OWNER', CAN_VIEW: 'CAN_VIEW', NO_ACCESS: 'NONE' });
    expect(root.AccessLevelV1).toMatchObject({ OWNER: 'OWNER', CAN_EDIT: 'WRITE', CAN_VIEW: 'READ' });
  });

  it('every route is a function, in domo-admin/routes and in the root routes namespace', () => {
    for (const name of ROUTES) {
      expect(typeof (routesEntry as Record<string, unknown>)[name], name).toBe('function');
      expect(typeof (root.routes as Record<string, unknown>)[name], `routes.${name}`).toBe('function');
    }
  });

  it('every entity and manager has the methods design.md shows', () => {
    for (const [name, methods] of Object.entries(ENTITIES)) {
      const type = (root as Record<string, unknown>)[name] as { prototype: Record<string, unknown> } & Record<
        string,
        unknown
      >;
      expect(typeof type, name).toBe('function');
      for (const method of methods) {
        const [where, key] = method.startsWith('static ') ? [type, method.slice(7)] : [type.prototype, method];
        expect(typeof where[key], `${name}.${method}`).toBe('function');
      }
    }
  });

  it('the subpaths export what design.md names', () => {
    for (const name of ['startSandbox', 'createSandboxHandlers', 'createSandboxState', 'SandboxState'])
      expect(typeof (sandbox as Record<string, unknown>)[name], name).toBe('function');
    for (const name of ['exportSpec', 'loadSpec', 'planSpec', 'applyPlan', 'applySpec', 'restoreSnapshot'])
      expect(typeof (governance as Record<string, unknown>)[name], name).toBe('function');
    for (const name of ['auditAccess', 'auditFindings', 'auditReportHtml', 'offboardUser', 'planOffboarding'])
      expect(typeof (audit as Record<string, unknown>)[name], name).toBe('function');
  });
});
