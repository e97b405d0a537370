import { createHash } from 'node:crypto';
import {
  seedAlerts,
  seedApps,
  seedSessions,
  seedOrphans,
  seedReportSchedules,
  giveAllContentTo,
  contentOwners,
  seedOtherContent,
  seedAppDb,
  seedBeastModes,
  seedCards,
  seedDataflows,
  seedDatasets,
  seedPages,
} from './seed-content.js';
import {
  AUTHORITIES,
  CUSTOM_ROLES,
  DEPARTMENTS,
  FIRST_NAMES,
  GROUP_NAMES,
  TYPED_GROUPS,
  JOB_TITLES,
  LAST_NAMES,
  PROVIDERS,
  SYSTEM_ROLES,
} from './catalog.js';
import type { AccessLevel, SandboxAccount, SandboxGroup, SandboxShare, SandboxUser } from './model.js';
import { seedActivity } from './seed-activity.js';
import { SeededRandom } from './random.js';
import { SandboxState, type SandboxStateOptions } from './state.js';

/** When the seeded objects were created (2020-01-31, as Domo's system roles are). */
const EPOCH = 1_580_425_515_000;
const DAY = 86_400_000;

/** The seeded admin's login. */
export const SANDBOX_ADMIN = { id: 1_893_952_720, email: 'admin@sandbox.example', password: 'sandbox-password' };
/** A seeded user whose login answers `ACCOUNT_LOCKED`. */
export const SANDBOX_LOCKED_USER = { email: 'locked@sandbox.example', password: 'locked-password' };

/**
 * A new sandbox state seeded deterministically: the same options give the same users, roles, accounts, configs,
 * shares and tokens.
 */
export function createSandboxState(options: SandboxStateOptions = {}): SandboxState {
  const state = new SandboxState(options);
  seedAuthorities(state);
  seedRoles(state);
  seedExtraRoles(state, options.extraRoles ?? 0);
  seedUsers(state, options.users ?? 300);
  seedGroups(state);
  seedExtraGroups(state, options.extraGroups ?? 0);
  seedProviders(state);
  seedAccounts(state, options.accounts ?? 12);
  seedTemplates(state);
  seedDatasets(state, options.datasets ?? 40);
  seedCards(state, options.cards ?? 60);
  seedPages(state, options.pages ?? 15);
  seedDataflows(state, options.dataflows ?? 12);
  seedBeastModes(state, options.beastModes ?? 30);
  seedAppDb(state, options.appDbCollections ?? 10);
  seedAlerts(state, options.alerts ?? 20);
  seedOtherContent(state, options.eachOtherContent ?? 8);
  seedApps(state, options.apps ?? 8);
  seedReportSchedules(state, options.reportSchedules ?? 12);
  seedSessions(state);
  if (options.soleContentOwner) giveAllContentTo(state, contentOwners(state)[1] ?? state.adminUserId);
  if (options.orphanedContent ?? true) seedOrphans(state);
  seedActivity(state);
  state.adminToken = state.issueToken(state.adminUserId);
  seedApiClients(state);
  // Last: the tokens draw from the generator, and everything above keeps the values it had without them.
  if (options.riskyTokens ?? true) seedRiskyTokens(state);
  return state;
}

function seedAuthorities(state: SandboxState): void {
  for (const a of AUTHORITIES) {
    state.authorities.set(a.authority, {
      authority: a.authority,
      title: a.title,
      description: `${a.title}.`,
      authorityUIGroup: a.group,
      dependsOnAuthorities: a.dependsOn ?? [],
    });
  }
}

function seedRoles(state: SandboxState): void {
  const all = [...state.authorities.keys()];
  for (const role of SYSTEM_ROLES) {
    state.roles.set(role.id, {
      id: role.id,
      name: role.name,
      description: role.description,
      authorities: all.filter(role.grants),
      created: EPOCH,
      modified: EPOCH,
    });
  }
  for (const [index, role] of CUSTOM_ROLES.entries()) {
    const id = state.nextRoleId++;
    state.roles.set(id, {
      id,
      name: role.name,
      description: role.description,
      authorities: [...role.grants],
      created: EPOCH + (index + 1) * DAY,
      modified: EPOCH + (index + 1) * DAY,
    });
  }
}

/** Generated custom roles, from their own random stream (the default instance does not change). */
function seedExtraRoles(state: SandboxState, count: number): void {
  const random = new SeededRandom(state.seed ^ 0x7015);
  const simple = [...state.authorities.values()].filter((a) => a.dependsOnAuthorities.length === 0);
  for (let n = 0; n < count; n += 1) {
    const id = state.nextRoleId++;
    const grants = new Set(Array.from({ length: random.int(1, 6) }, () => random.pick(simple).authority));
    state.roles.set(id, {
      id,
      name: `Role ${CUSTOM_ROLES.length + n + 1}`,
      description: `Generated role ${n + 1}`,
      authorities: [...grants],
      created: EPOCH + (CUSTOM_ROLES.length + n + 1) * DAY,
      modified: EPOCH + (CUSTOM_ROLES.length + n + 1) * DAY,
    });
  }
}

/** Generated groups, from their own random stream. */
function seedExtraGroups(state: SandboxState, count: number): void {
  const random = new SeededRandom(state.seed ^ 0x6209);
  const userIds = [...state.users.values()].filter((u) => u.id !== state.adminUserId && !u.deleted).map((u) => u.id);
  const admin = { type: 'USER' as const, id: state.adminUserId };
  const first = GROUP_NAMES.length + TYPED_GROUPS.length;
  for (let n = 0; n < count; n += 1) {
    const members = [...new Set(Array.from({ length: Math.min(20, userIds.length) }, () => random.pick(userIds)))];
    addGroup(state, {
      id: 1_814_479_647 + first + n,
      name: `Team ${first + n + 1}`,
      type: n % 2 === 0 ? 'closed' : 'open',
      userIds: members,
      owners: [admin],
    });
  }
}

function seedUsers(state: SandboxState, count: number): void {
  const random = state.random;
  addUser(state, {
    id: SANDBOX_ADMIN.id,
    displayName: 'Sandbox Admin',
    emailAddress: SANDBOX_ADMIN.email,
    password: SANDBOX_ADMIN.password,
    roleId: 1,
    department: 'Operations',
    jobTitle: 'Domo Administrator',
  });
  state.adminUserId = SANDBOX_ADMIN.id;
  const roleIds = [...state.roles.keys()];
  for (let n = 0; n < count; n += 1) {
    const first = FIRST_NAMES[n % FIRST_NAMES.length] as string;
    const last = LAST_NAMES[Math.floor(n / FIRST_NAMES.length + n) % LAST_NAMES.length] as string;
    const roleId = n < 4 ? 1 : weightedRole(random, roleIds);
    addUser(state, {
      id: uniqueUserId(state, random),
      displayName: `${first} ${last}`,
      emailAddress: `${first}.${last}${n}@sandbox.example`.toLowerCase(),
      password: `pw-${random.hex(12)}`,
      roleId,
      department: random.pick(DEPARTMENTS),
      jobTitle: random.pick(JOB_TITLES),
      ...(random.chance(0.7) ? { hireDate: EPOCH - random.int(0, 3000) * DAY } : {}),
      ...(random.chance(0.5) ? { phoneNumber: `+1 555 ${String(random.int(1000, 9999))}` } : {}),
      lastActivity: EPOCH + random.int(0, 300) * DAY,
    });
  }
  for (const [n, name] of ['Gone Away', 'Left Company', 'Old Contractor'].entries()) {
    const deletedAt = EPOCH + (n + 1) * 30 * DAY;
    addUser(state, {
      id: uniqueUserId(state, random),
      displayName: name,
      emailAddress: `${name.replace(' ', '.').toLowerCase()}@sandbox.example_deleted_${deletedAt}`,
      password: `pw-${random.hex(12)}`,
      roleId: 4,
      deleted: true,
    });
  }
  addUser(state, {
    id: uniqueUserId(state, random),
    displayName: 'Locked Out',
    emailAddress: SANDBOX_LOCKED_USER.email,
    password: SANDBOX_LOCKED_USER.password,
    roleId: 4,
    locked: true,
  });
}

function weightedRole(random: SeededRandom, roleIds: number[]): number {
  const roll = random.next();
  if (roll < 0.15) return 2;
  if (roll < 0.55) return 3;
  if (roll < 0.8) return 4;
  if (roll < 0.85) return 5;
  return random.pick(roleIds.filter((id) => id > 5));
}

function uniqueUserId(state: SandboxState, random: SeededRandom): number {
  let id = random.int(100_000_000, 2_000_000_000);
  while (state.users.has(id)) id = random.int(100_000_000, 2_000_000_000);
  return id;
}

function addUser(
  state: SandboxState,
  user: Omit<SandboxUser, 'userName' | 'locked' | 'created'> & { locked?: boolean },
): void {
  state.users.set(user.id, { ...user, userName: user.emailAddress, locked: user.locked ?? false, created: EPOCH });
}

function seedGroups(state: SandboxState): void {
  const userIds = [...state.users.values()].filter((u) => u.id !== state.adminUserId && !u.deleted).map((u) => u.id);
  const admin = { type: 'USER' as const, id: state.adminUserId };
  for (const [index, name] of GROUP_NAMES.entries()) {
    const id = 1_814_479_647 + index;
    const members = userIds.filter((_, i) => i % GROUP_NAMES.length === index);
    if (index === 0) members.unshift(state.adminUserId);
    addGroup(state, { id, name, type: index % 2 === 0 ? 'closed' : 'open', userIds: members, owners: [admin] });
  }
  for (const [index, { name, type }] of TYPED_GROUPS.entries()) {
    const id = 1_814_479_647 + GROUP_NAMES.length + index;
    const members = type === 'system' ? [state.adminUserId, ...userIds] : userIds.filter((_, i) => i % 9 === index);
    const owners =
      type === 'system'
        ? []
        : index % 2 === 0
          ? [admin]
          : [admin, { type: 'USER' as const, id: members[0] ?? state.adminUserId }];
    addGroup(state, { id, name, type, userIds: members, owners });
  }
}

function addGroup(state: SandboxState, group: Omit<SandboxGroup, 'description' | 'groupIds' | 'created'>): void {
  state.groups.set(group.id, { ...group, description: `${group.name} group`, groupIds: [], created: EPOCH });
}

function seedProviders(state: SandboxState): void {
  for (const [index, provider] of PROVIDERS.entries()) {
    state.providers.set(provider.key, {
      id: 4_876 + index,
      created: EPOCH + index * DAY,
      ...provider,
      fields: [...provider.fields],
      secretFields: [...provider.secretFields],
    });
  }
}

/** The account types seeded in turn; the first few match domo-api.md §5.1. */
const ACCOUNT_TYPES = [
  'abstract-credential-store',
  'domo-access-token',
  'snowflake',
  'amazon-s3',
  'google-spreadsheets',
  'aws-athena',
  'domo-governance-d14c2fef-49a8-4898-8ddd-f64998005600',
  'dataset-copy',
  'snowflake-writeback',
  'snowflakekeypairauthentication',
  'snowflake-federated',
  'snowflake-unload-v2',
];

function seedAccounts(state: SandboxState, count: number): void {
  const others = [...state.users.keys()].filter((id) => id !== state.adminUserId);
  const groups = [...state.groups.keys()].slice(0, GROUP_NAMES.length); // the typed groups hold no shares
  for (let n = 0; n < count; n += 1) {
    const type = ACCOUNT_TYPES[n % ACCOUNT_TYPES.length] as string;
    const owner = n % 3 === 2 ? (others[n % others.length] as number) : state.adminUserId;
    const shares: SandboxShare[] = [{ type: 'USER', id: owner, accessLevel: 'OWNER' }];
    if (n % 2 === 0) shares.push({ type: 'GROUP', id: groups[n % groups.length] as number, accessLevel: 'CAN_VIEW' });
    if (n % 4 === 1)
      shares.push({
        type: 'USER',
        id: others[(n * 7) % others.length] as number,
        accessLevel: pickLevel(state.random),
      });
    const account = newAccount(
      state,
      'account',
      state.nextAccountId++,
      type,
      accountName(type, n),
      configFor(state, type, n),
      owner,
    );
    account.shares = dedupeShares(shares);
    state.accounts.set(account.id, account);
  }
}

function pickLevel(random: SeededRandom): AccessLevel {
  return random.pick(['CAN_VIEW', 'CAN_EDIT', 'CAN_SHARE'] as const);
}

function dedupeShares(shares: SandboxShare[]): SandboxShare[] {
  const seen = new Map<string, SandboxShare>();
  for (const share of shares) if (!seen.has(`${share.type}:${share.id}`)) seen.set(`${share.type}:${share.id}`, share);
  return [...seen.values()];
}

function accountName(type: string, n: number): string {
  const names: Record<string, string> = {
    'abstract-credential-store': 'domo_creds',
    'domo-access-token': 'sandbox admin token',
    snowflake: 'Snowflake - finance',
    'amazon-s3': 'S3 landing bucket',
    'google-spreadsheets': 'reporting@sandbox.example',
    'aws-athena': 'Athena - events',
    'domo-governance-d14c2fef-49a8-4898-8ddd-f64998005600': 'Domo Governance Datasets',
    'dataset-copy': 'Dataset copy - sandbox',
    'snowflake-writeback': 'Snowflake writeback',
    snowflakekeypairauthentication: 'Snowflake key pair - analytics',
    'snowflake-federated': 'Snowflake federated',
    'snowflake-unload-v2': 'Snowflake unload - archive',
  };
  const base = names[type] ?? type;
  return n < ACCOUNT_TYPES.length ? base : `${base} ${n + 1}`;
}

/** What a config builder draws on: the state, its random source, a secret maker, and the account's number. */
interface ConfigDraw {
  state: SandboxState;
  r: SandboxState['random'];
  secret: (prefix: string) => string;
  n: number;
}

const snowflake = ({ r, secret, n }: ConfigDraw) => ({
  account: `acme-${r.hex(6)}`,
  username: `svc_domo_${n}`,
  password: secret('sf'),
  role: 'ANALYST',
  allowExternalUse: 'true',
});

/**
 * A realistic config per provider; credential accounts hold working sandbox credentials. Each builder draws its
 * random values in the order it lists them, so one seed gives the same configs.
 */
const CONFIGS: Readonly<Record<string, (draw: ConfigDraw) => Record<string, unknown>>> = {
  'abstract-credential-store': ({ state }) => ({
    credentials: JSON.stringify({
      instance: state.instance,
      username: SANDBOX_ADMIN.email,
      password: SANDBOX_ADMIN.password,
    }),
    allowExternalUse: 'false',
  }),
  'domo-access-token': ({ state }) => ({
    domoAccessToken: state.issueToken(state.adminUserId),
    username: SANDBOX_ADMIN.email,
    password: SANDBOX_ADMIN.password,
    allowExternalUse: 'false',
  }),
  'dataset-copy': ({ state }) => ({
    instance: state.instance,
    accessToken: state.issueToken(state.adminUserId),
    allowExternalUse: 'false',
  }),
  'domo-governance-d14c2fef-49a8-4898-8ddd-f64998005600': ({ state, secret }) => ({
    apikey: secret('gov'),
    customer: state.instance,
    allowExternalUse: 'false',
  }),
  snowflake,
  'snowflake-internal-unload': snowflake,
  'snowflake-writeback': ({ r, secret, n }) => ({
    account: `acme-${r.hex(6)}`,
    username: `svc_wb_${n}`,
    password: secret('sf'),
    role: 'LOADER',
    domoClientId: r.hex(16),
    domoClientSecret: secret('dcs'),
    allowExternalUse: 'false',
  }),
  'snowflake-federated': ({ r, secret, n }) => ({
    host: `acme-${r.hex(6)}.snowflakecomputing.com`,
    port: '443',
    warehouse: 'COMPUTE_WH',
    user: `svc_fed_${n}`,
    password: secret('sf'),
    role: 'READER',
    allowExternalUse: 'false',
  }),
  snowflakekeypairauthentication: ({ r, secret, n }) => ({
    account: `acme-${r.hex(6)}`,
    username: `svc_kp_${n}`,
    role: 'ANALYST',
    privateKey: `-----BEGIN PRIVATE KEY-----${r.hex(40)}`,
    passPhrase: secret('pp'),
    allowExternalUse: 'false',
  }),
  'snowflake-unload-v2': ({ r, secret, n }) => ({
    account: `acme-${r.hex(6)}`,
    username: `svc_ul_${n}`,
    password: secret('sf'),
    accessKey: `AKIA${r.hex(16).toUpperCase()}`,
    secretKey: secret('aws'),
    bucket: 'acme-unload',
    region: 'us-west-2',
    role: 'UNLOADER',
    allowExternalUse: 'false',
  }),
  'amazon-s3': ({ r, secret, n }) => ({
    accessKey: `AKIA${r.hex(16).toUpperCase()}`,
    secretKey: secret('aws'),
    bucket: `acme-landing-${n}`,
    region: 'us-west-2',
    allowExternalUse: 'false',
  }),
  'aws-athena': ({ r, secret }) => ({
    awsAccessKey: `AKIA${r.hex(16).toUpperCase()}`,
    awsSecretKey: secret('aws'),
    s3StagingDir: 's3://acme-athena/staging/',
    region: 'us-east-1',
    workgroup: 'primary',
    allowExternalUse: 'false',
  }),
};

/** The config of a new account of `type` (empty for a provider without a builder). */
function configFor(state: SandboxState, type: string, n: number): Record<string, unknown> {
  const r = state.random;
  const secret = (prefix: string) => `${prefix}-${r.hex(20)}`;
  const build = Object.hasOwn(CONFIGS, type) ? CONFIGS[type] : undefined;
  return build ? build({ state, r, secret, n }) : {};
}

/** A new account or template record (no id sequence advanced here). */
export function newAccount(
  state: SandboxState,
  kind: SandboxAccount['kind'],
  id: number,
  type: string,
  displayName: string,
  config: Record<string, unknown>,
  ownerId: number,
  name = displayName,
): SandboxAccount {
  const provider = state.providers.get(type);
  const created = kind === 'template' ? EPOCH + id * DAY : EPOCH + id * 3_600_000;
  return {
    id,
    kind,
    name,
    displayName,
    dataProviderType: type,
    credentialsType: provider?.scheme === 'fields' ? 'fields' : 'oauth',
    valid: true,
    enabled: true,
    config,
    shares: [{ type: 'USER', id: ownerId, accessLevel: 'OWNER' }],
    createdAt: created,
    createdBy: ownerId,
    modifiedAt: created,
    modifiedBy: ownerId,
  };
}

function seedTemplates(state: SandboxState): void {
  const r = state.random;
  const seeds: [string, string, Record<string, unknown>][] = [
    ['snowflake-oauth-config', 'OZ test', { 'client-id': r.hex(12), 'client-secret': `cs-${r.hex(20)}` }],
    [
      'jira-on-prem-oauth-config',
      'Jira On Prem OAuth Config',
      { client_id: r.hex(12), client_secret: `cs-${r.hex(20)}` },
    ],
    [
      'snowflake-oauth-config',
      'Snowflake OAuth - finance',
      { 'client-id': r.hex(12), 'client-secret': `cs-${r.hex(20)}` },
    ],
  ];
  for (const [type, displayName, config] of seeds) {
    const id = state.nextTemplateId++;
    const name = type === 'jira-on-prem-oauth-config' ? `${displayName} OAuth Configuration` : displayName;
    state.templates.set(id, newAccount(state, 'template', id, type, displayName, config, state.adminUserId, name));
  }
}

/** Tokens that trip each token finding (see `riskyTokens`). */
function seedRiskyTokens(state: SandboxState): void {
  const day = 86_400_000;
  const now = Date.now();
  const users = [...state.users.values()];
  const live = users.filter((u) => !u.deleted && !u.locked && u.id !== state.adminUserId);
  const deleted = users.findLast((u) => u.deleted);
  const locked = users.findLast((u) => u.locked && !u.deleted);
  if (deleted)
    state.issueToken(deleted.id, { name: 'legacy export', created: now - 400 * day, expires: now + 200 * day });
  if (locked) state.issueToken(locked.id, { name: 'old sync', created: now - 100 * day, expires: now + 200 * day });
  if (deleted) addApiClient(state, 'legacy BI connector', deleted.id, ['data', 'dashboard']);
  if (live.length < 3) return;
  // The last users seeded: the first ones are whom tests and the demo offboard.
  const [a, b, c] = live.slice(-3);
  state.issueToken(a!.id, { name: 'Q3 report bot', created: now - 120 * day, expires: now - 20 * day });
  state.issueToken(b!.id, { name: 'warehouse loader', created: now - 80 * day, expires: now + 9 * day });
  state.issueToken(c!.id, { name: 'partner feed', created: now - 10 * day, expires: now + 3650 * day });
}

/** A few API clients, owned by the admin (their client ids made from their ids: no draw from the generator). */
function seedApiClients(state: SandboxState): void {
  addApiClient(state, 'warehouse sync', state.adminUserId, ['data', 'audit']);
  addApiClient(state, 'user provisioning', state.adminUserId, ['user']);
  addApiClient(state, 'workflow runner', state.adminUserId, ['workflow', 'data']);
}

function addApiClient(state: SandboxState, name: string, userId: number, scopes: string[]): void {
  const id = state.apiClients.size + 1;
  const clientId = createHash('sha256').update(`${state.seed}:client:${id}`).digest('hex').slice(0, 32);
  state.apiClients.set(id, { id, name, clientId, description: `${name} (seeded)`, scopes, userId });
}
