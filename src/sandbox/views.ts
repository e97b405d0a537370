/** The JSON shapes Domo answers with (domo-api.md §5), built from sandbox records. */
import type {
  SandboxAccount,
  SandboxGroup,
  SandboxPrincipal,
  SandboxProvider,
  SandboxRole,
  SandboxUser,
} from './model.js';
import type { SandboxState } from './state.js';

/** An account object (§5.1): list rows, get, rename and config-update answers. */
export function accountView(account: SandboxAccount) {
  return {
    id: account.id,
    userId: account.createdBy,
    name: account.name,
    displayName: account.displayName,
    type: 'data',
    valid: account.valid,
    dataProviderType: account.dataProviderType,
    credentialsType: account.credentialsType,
    createdAt: account.createdAt,
    createdBy: account.createdBy,
    modifiedAt: account.modifiedAt,
    modifiedBy: account.modifiedBy,
    configurations: {},
    accountTemplateId: null,
    accountTemplateAuthorizationId: null,
    accountId: account.id,
  };
}

const templateCore = (t: SandboxAccount) => ({
  id: t.id,
  name: t.name,
  displayName: t.displayName,
  type: 'data',
  enabled: t.enabled,
  dataProviderType: t.dataProviderType,
  credentialsType: t.credentialsType,
  origin: 'OAUTH_CONFIGURATION',
});

/** An OAuth template as the list endpoint shows it (§5.2). */
export function templateListView(t: SandboxAccount) {
  return {
    userId: t.createdBy,
    datasourceCount: 0,
    ...templateCore(t),
    createdAt: t.createdAt,
    createdBy: t.createdBy,
    modifiedAt: t.modifiedAt,
    modifiedBy: t.modifiedBy,
    configurationsList: [],
    owners: t.shares.filter((s) => s.accessLevel === 'OWNER').map((s) => ({ type: s.type, id: String(s.id) })),
    configurationAsList: [],
    configurations: {},
  };
}

/** An OAuth template as create answers it (§5.3): disabled, no dates, empty config. */
export function templateCreatedView(t: SandboxAccount) {
  return {
    ...templateCore(t),
    createdAt: null,
    createdBy: t.createdBy,
    modifiedAt: null,
    modifiedBy: t.modifiedBy,
    configurationsList: [],
    configurations: {},
  };
}

/** An OAuth template as rename and config update answer it (§5.4): every config value encrypted. */
export function templateFullView(state: SandboxState, t: SandboxAccount) {
  const encrypted = Object.fromEntries(Object.entries(t.config).map(([key, value]) => [key, state.mask(value)]));
  return {
    ...templateCore(t),
    createdAt: t.createdAt,
    createdBy: t.createdBy,
    modifiedAt: t.modifiedAt,
    modifiedBy: t.modifiedBy,
    configurationsList: Object.entries(encrypted).map(([name, value]) => ({ id: null, name, value })),
    configurations: encrypted,
  };
}

/** A provider config (§3, §5.5): secrets masked unless `unmask`. OAuth-credential providers have none: `{}`. */
export function configView(state: SandboxState, account: SandboxAccount, unmask: boolean): Record<string, unknown> {
  const provider = state.providers.get(account.dataProviderType);
  if (provider?.scheme === 'oauth') return {};
  const secret = (key: string) => !provider || provider.secretFields.includes(key);
  return Object.fromEntries(
    Object.entries(account.config).map(([key, value]) => [
      key,
      unmask || !secret(key) || value === null || value === '' ? value : state.mask(value),
    ]),
  );
}

/** Access list rows (§5.7). */
export function accessView(state: SandboxState, account: SandboxAccount) {
  return account.shares.map((share) => ({
    type: share.type,
    id: share.id,
    accessLevel: share.accessLevel,
    name:
      share.type === 'USER'
        ? (state.users.get(share.id)?.displayName ?? `user ${share.id}`)
        : (state.groups.get(share.id)?.name ?? `group ${share.id}`),
  }));
}

export function providerView(provider: SandboxProvider) {
  return {
    id: provider.id,
    key: provider.key,
    name: provider.name,
    url: null,
    defaultConnectorId: null,
    defaultConnectorLabel: null,
    authenticationScheme: provider.scheme === 'fields' ? 'fields' : 'oauth-metadata',
    connectorValidatorPresent: false,
    resourceBundlePresent: false,
    moduleHandler: null,
    unsafe: false,
    scope: 'GLOBAL',
    producer: 'DOMO',
    version: 0,
    dateCreated: provider.created,
    dateUpdated: provider.created,
    visibility: 'ALWAYS',
    type: 'STANDARD',
    customerOAuthConfigurationDataProviderType: null,
    authenticationSchemeConfiguration: [],
  };
}

export function roleView(state: SandboxState, role: SandboxRole) {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    authorityCount: role.authorities.length,
    userCount: state.userCount(role.id),
    created: role.created,
    modified: role.modified,
  };
}

export function memberView(user: SandboxUser) {
  return {
    userId: user.id,
    email: user.emailAddress,
    displayName: user.displayName,
    roleId: user.roleId,
    ...(user.department ? { department: user.department } : {}),
    ...(user.jobTitle ? { jobTitle: user.jobTitle } : {}),
    ...(user.hireDate ? { hireDate: user.hireDate } : {}),
  };
}

/**
 * A user as the v2 reads answer (`users/me`, `users/{id}`, group members, the typeahead), in the shape of the
 * Postman collection's saved response (domo-api-admin.md §6 #3): the role by **name** and `rights`, no `roleId`.
 */
export function v2UserView(state: SandboxState, user: SandboxUser) {
  return {
    id: user.id,
    displayName: user.displayName,
    userName: user.userName,
    emailAddress: user.emailAddress,
    role: state.roles.get(user.roleId)?.name ?? '',
    rights: legacyRights(user.roleId),
    accepted: true,
    userType: 'USER',
    timeZone: 'America/Denver',
    ...(user.department ? { department: user.department } : {}),
    ...(user.jobTitle ? { title: user.jobTitle } : {}),
    ...(user.phoneNumber ? { phoneNumber: user.phoneNumber } : {}),
    modified: user.created,
    created: user.created,
    active: !user.locked,
    systemUser: false,
    anonymous: false,
    pending: false,
  };
}

/** Domo's legacy rights number (inference: the sources show the field, not its values): by system role, else 0. */
function legacyRights(roleId: number): number {
  return ({ 1: 63, 2: 31, 3: 15, 4: 7, 5: 1 } as Record<number, number>)[roleId] ?? 0;
}

/** A user as the v3 list answers it (PM): thin rows, `detail.email` only; nothing else may be relied on. */
export function v3ListView(state: SandboxState, user: SandboxUser) {
  return {
    id: user.id,
    invitorUserId: state.adminUserId,
    displayName: user.displayName,
    role: state.roles.get(user.roleId)?.name ?? '',
    roleId: user.roleId,
    detail: { email: user.emailAddress },
  };
}

/** A user with `roleId`: the answers of the identity reads and writes (search documents, PATCH). */
export function userView(user: SandboxUser) {
  return {
    id: user.id,
    displayName: user.displayName,
    emailAddress: user.emailAddress,
    userName: user.userName,
    roleId: user.roleId,
    ...(user.department ? { department: user.department } : {}),
    ...(user.jobTitle ? { title: user.jobTitle } : {}),
    ...(user.phoneNumber ? { phoneNumber: user.phoneNumber } : {}),
    ...(user.lastActivity ? { lastActivity: user.lastActivity } : {}),
    created: user.created,
  };
}

/** A group as `grouplist` and `groups/{id}` answer it: both id spellings, both type spellings, members and owners. */
export function groupView(state: SandboxState, group: SandboxGroup) {
  return {
    id: group.id,
    groupId: group.id,
    name: group.name,
    description: group.description,
    type: group.type,
    groupType: group.type,
    memberCount: memberIds(state, group).length,
    userIds: [...group.userIds],
    owners: group.owners.map((owner) => ({ ...owner, displayName: principalName(state, owner) })),
    created: group.created,
  };
}

/** Everyone in a group: its users and, through member groups, theirs (each once). */
export function memberIds(state: SandboxState, group: SandboxGroup, seen = new Set<number>()): number[] {
  if (seen.has(group.id)) return [];
  seen.add(group.id);
  const nested = group.groupIds.flatMap((id) => {
    const inner = state.groups.get(id);
    return inner ? memberIds(state, inner, seen) : [];
  });
  return [...new Set([...group.userIds, ...nested])];
}

function principalName(state: SandboxState, principal: { type: 'USER' | 'GROUP'; id: number }): string {
  return principal.type === 'USER'
    ? (state.users.get(principal.id)?.displayName ?? '')
    : (state.groups.get(principal.id)?.name ?? '');
}

export function authorityView(state: SandboxState, authority: string) {
  const a = state.authorities.get(authority);
  if (!a) return undefined;
  const roleIds = [...state.roles.values()]
    .filter((role) => role.authorities.includes(authority))
    .map((role) => role.id);
  return { ...a, dependsOnAuthorities: [...a.dependsOnAuthorities], roleIds };
}

/** An owner of content (a card, a page) as Domo names it: id as a string, type, display name. */
export function ownerView(state: SandboxState, owner: SandboxPrincipal) {
  const displayName = owner.type === 'USER' ? state.users.get(owner.id)?.displayName : state.groups.get(owner.id)?.name;
  return { id: String(owner.id), type: owner.type, displayName: displayName ?? '' };
}
