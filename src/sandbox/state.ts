import { createHash } from 'node:crypto';
import { SandboxHttpError, badRequest, forbidden } from './errors.js';
import type {
  SandboxAccessToken,
  SandboxApiClient,
  SandboxAccount,
  SandboxAuthority,
  SandboxCard,
  SandboxDataset,
  SandboxPage,
  SandboxDataflow,
  SandboxBeastMode,
  SandboxAppDbCollection,
  SandboxDatastore,
  SandboxAlert,
  SandboxReportSchedule,
  SandboxUuidOwned,
  SandboxCodePackage,
  SandboxWorkflow,
  SandboxApp,
  SandboxFaults,
  SandboxGroup,
  SandboxProvider,
  SandboxRequestLogEntry,
  SandboxRole,
  SandboxUser,
} from './model.js';
import { SeededRandom } from './random.js';
import { SandboxActivityLog } from './domain/activity.js';
import { memberIds } from './views.js';

/** What a new sandbox is seeded with. */
export interface SandboxStateOptions {
  /** The instance name the sandbox plays. @default 'sandbox' */
  instance?: string;
  /** Seeds every generated value; the same seed gives the same instance. @default 1 */
  seed?: number;
  /** Users besides the admin (and a locked and three deleted users). @default 300 */
  users?: number;
  /** Credential accounts. @default 12 */
  accounts?: number;
  /** Datasets, owned by the admin and four seeded users (the 20th to 23rd; one of them owns a dozen). @default 40 */
  datasets?: number;
  /** Cards, two or so per dataset, owned like their datasets (some also by a group). @default 60 */
  cards?: number;
  /** Pages, each holding a few of the cards, owned by the owner of its first card. @default 15 */
  pages?: number;
  /** Dataflows, each writing a dataset and reading two; one of them deleted. @default 12 */
  dataflows?: number;
  /** Beast modes on the datasets and cards (names repeat, as they do), a few variables among them. @default 30 */
  beastModes?: number;
  /** AppDB collections, in three datastores. @default 10 */
  appDbCollections?: number;
  /** Alerts on the cards, owned like their cards. @default 20 */
  alerts?: number;
  /** Jupyter workspaces, filesets, Code Engine packages and workflows: this many of each. @default 8 */
  eachOtherContent?: number;
  /** App Studio apps, owned by the content owners (some with a group as co-owner). @default 8 */
  apps?: number;
  /**
   * Leave some content orphaned: two of the admin's datasets and one of their cards owned only by a deleted user
   * instead (the audit's orphaned-content finding). @default true
   */
  orphanedContent?: boolean;
  /**
   * Seed access tokens that trip each token finding of the audit: one of a deleted user, one of an inactive user, one
   * expired, one expiring within a fortnight, one living ten years. @default true
   */
  riskyTokens?: boolean;
  /** Scheduled reports: most of a page, every fourth of a single card, owned by the page's or card's owner. @default 12 */
  reportSchedules?: number;
  /**
   * Every piece of content owned by one user — the first content owner after the admin (the 21st seeded user) — for
   * benchmarks of a leaver who owns thousands of objects. Applied before `orphanedContent`. @default false
   */
  soleContentOwner?: boolean;
  /** Custom roles besides the three seeded ones (`Role 4`, `Role 5`, …, with a few grants each). @default 0 */
  extraRoles?: number;
  /** Groups besides the twelve seeded ones (`Team 13`, …, open or closed, about 20 members each). @default 0 */
  extraGroups?: number;
  /** Answer role delete and role metadata update with 400 `Bad Request` after applying them, as observed on Domo. @default false */
  quirks?: boolean;
  faults?: SandboxFaults;
  /** Real-instance traps to reproduce (domo-api-admin.md §5, §6); each is off unless set. */
  traps?: SandboxTraps;
}

/**
 * Ways a real Domo instance answers that a client must survive. The defaults are what the sources document; a trap
 * makes the sandbox answer the way a peer client or the red team saw Domo (or a proxy) answer.
 */
export interface SandboxTraps {
  /** `grouplist` ignores its `owner` and `members` filters and answers with every group (seen by a peer client). */
  groupListIgnoresFilters?: boolean;
  /** The user search serves at most this many users a page, whatever `limit` asks, while `count` is the total. */
  userSearchPageCap?: number;
  /** The user search never sends `count`, even when asked (`count` is an inference from PM's request). */
  userSearchOmitsCount?: boolean;
  /** The POST group-owners read answers 405, so only the GET variant of the Postman collection works. */
  groupOwnersPostMissing?: boolean;
  /**
   * AppDB collection owner writes answer 200 and change nothing, as datastore owner writes always do (DS: "Datastore
   * owner writes return 200 and are ignored"): for proving that a transfer is judged by its read-back.
   */
  collectionOwnerWritesIgnored?: boolean;
}

/** The authority that lets a role see and manage every account. */
export const MANAGE_ALL_ACCOUNTS = 'datasource.account.manage.all';

/**
 * The in-memory state of one fake Domo instance: users, groups, roles, authorities, providers, accounts,
 * OAuth templates, credentials, and a log of every request it answered.
 */
export class SandboxState {
  readonly instance: string;
  readonly seed: number;
  quirks: boolean;
  faults: SandboxFaults;
  /** The traps this sandbox reproduces; change them at any time. */
  traps: SandboxTraps;
  readonly users = new Map<number, SandboxUser>();
  readonly groups = new Map<number, SandboxGroup>();
  readonly roles = new Map<number, SandboxRole>();
  readonly authorities = new Map<string, SandboxAuthority>();
  readonly providers = new Map<string, SandboxProvider>();
  readonly accounts = new Map<number, SandboxAccount>();
  readonly templates = new Map<number, SandboxAccount>();
  /** Datasets by id (a UUID). */
  readonly datasets = new Map<string, SandboxDataset>();
  /** Cards by id. */
  readonly cards = new Map<number, SandboxCard>();
  /** Pages by id. */
  readonly pages = new Map<number, SandboxPage>();
  /** Dataflows by id. */
  readonly dataflows = new Map<number, SandboxDataflow>();
  /** Beast modes and variables by id. */
  readonly beastModes = new Map<number, SandboxBeastMode>();
  /** AppDB collections by id (a UUID), and the datastores they live in. */
  readonly appDbCollections = new Map<string, SandboxAppDbCollection>();
  readonly datastores = new Map<string, SandboxDatastore>();
  /** Alerts by id. */
  readonly alerts = new Map<number, SandboxAlert>();
  /** Scheduled reports by id. */
  readonly reportSchedules = new Map<number, SandboxReportSchedule>();
  /** Jupyter workspaces, filesets, Code Engine packages and workflows by id (a UUID). */
  readonly jupyterWorkspaces = new Map<string, SandboxUuidOwned>();
  readonly filesets = new Map<string, SandboxUuidOwned>();
  readonly codePackages = new Map<string, SandboxCodePackage>();
  readonly workflows = new Map<string, SandboxWorkflow>();
  /** App Studio apps by id. */
  readonly apps = new Map<number, SandboxApp>();
  defaultRoleId = 2;
  /** The seeded admin that the default token belongs to. */
  adminUserId = 0;
  /** The admin's access token. */
  adminToken = '';
  /** Access-token values that authenticate, and their user. */
  readonly tokens = new Map<string, number>();
  /** Every access token as the admin list shows it, by id (revoked ones removed, expired and orphaned ones kept). */
  readonly accessTokens = new Map<number, SandboxAccessToken>();
  nextAccessTokenId = 1;
  /** API clients by id. */
  readonly apiClients = new Map<number, SandboxApiClient>();
  readonly sessions = new Map<string, number>();
  /** Sessions by id (what `GET /api/sessions/v1/admin` lists): their token, user and start. */
  readonly sessionRecords = new Map<string, { token: string; userId: number; createdAt: number }>();
  /** The activity log: seeded history, sign-ins, and every change made through the API. */
  readonly activity = new SandboxActivityLog();
  readonly requests: SandboxRequestLogEntry[] = [];
  /** How many request log entries are kept (oldest dropped first). */
  requestLogLimit = 200_000;
  readonly counters = { total: 0, inFlight: 0, peakInFlight: 0, mutations: 0 };
  nextAccountId = 1;
  nextTemplateId = 1;
  nextRoleId = 100_000_001;
  /** Ids and tokens. */
  readonly random: SeededRandom;
  /** Fault decisions, kept apart so that faults do not change generated ids. */
  readonly faultRandom: SeededRandom;
  /** Content (datasets, …), kept apart so that seeding it does not change the other generated values. */
  readonly contentRandom: SeededRandom;

  constructor(options: SandboxStateOptions = {}) {
    this.instance = options.instance ?? 'sandbox';
    this.seed = options.seed ?? 1;
    this.quirks = options.quirks ?? false;
    this.faults = { ...options.faults };
    this.traps = { ...options.traps };
    this.random = new SeededRandom(this.seed);
    this.faultRandom = new SeededRandom(this.seed ^ 0x5eed);
    this.contentRandom = new SeededRandom(this.seed ^ 0xda7a);
  }

  /** A timestamp that only moves forward, so `modified` changes on every write even within one ms. */
  now(): number {
    this.#clock = Math.max(Date.now(), this.#clock + 1);
    return this.#clock;
  }
  #clock = 0;

  /**
   * Signs a user in: a session token that authenticates until the session is ended, and its record (an id that is
   * not the token, as the admin session list shows it).
   */
  openSession(userId: number): string {
    if (!this.users.has(userId)) throw new Error(`no user ${userId}`);
    // The content generator: sessions are seeded last, so other generated values (tokens, ids) stay as they were.
    const token = `sbx-session-${this.contentRandom.hex(32)}`;
    this.sessions.set(token, userId);
    this.sessionRecords.set(this.contentRandom.hex(16), { token, userId, createdAt: this.now() });
    return token;
  }

  /**
   * Creates an access token for a user (tests use it to act as a non-admin): its value, which authenticates until it
   * expires (a year by default) or is revoked, and its record in the admin list.
   */
  issueToken(userId: number, options: { name?: string; expires?: number; created?: number } = {}): string {
    const user = this.users.get(userId);
    if (!user) throw new Error(`no user ${userId}`);
    const token = `sbx-${this.random.hex(32)}`;
    this.tokens.set(token, userId);
    const created = options.created ?? this.now();
    const id = this.nextAccessTokenId++;
    const record = {
      id,
      name: options.name ?? `${user.displayName} token ${id}`,
      ownerId: userId,
      created,
      expires: options.expires ?? created + 365 * 86_400_000,
      value: token,
    };
    this.accessTokens.set(id, record);
    this.#tokenRecords.set(token, record);
    return token;
  }

  /** Revokes an access token: gone from the list, and its value stops authenticating. */
  revokeAccessToken(id: number): void {
    const record = this.accessTokens.get(id);
    if (!record) return;
    this.accessTokens.delete(id);
    this.#tokenRecords.delete(record.value);
    this.tokens.delete(record.value);
  }

  /** The record of an access-token value, if it is one. */
  accessTokenOf(value: string): SandboxAccessToken | undefined {
    return this.#tokenRecords.get(value);
  }
  readonly #tokenRecords = new Map<string, SandboxAccessToken>();

  /** The caller's user id from the token or session header; 401 otherwise. */
  authenticate(headers: Headers): number {
    const token = headers.get('x-domo-developer-token');
    const session = headers.get('x-domo-authentication');
    const bearer = headers.get('authorization')?.replace(/^bearer\s+/i, '');
    const userId =
      (token && this.#liveToken(token)) ||
      (session && this.sessions.get(session)) ||
      (bearer && this.#liveToken(bearer));
    if (!userId || !this.users.has(userId)) {
      throw new SandboxHttpError(
        401,
        token || session || bearer
          ? 'Invalid or expired credentials'
          : 'Full authentication is required to access this resource',
      );
    }
    return userId;
  }

  /** The user an access token acts as, unless it is unknown, revoked or expired. */
  #liveToken(value: string): number | undefined {
    const userId = this.tokens.get(value);
    if (userId === undefined) return undefined;
    const record = this.accessTokenOf(value);
    if (record && record.expires <= Date.now()) return undefined;
    return this.users.get(userId)?.deleted ? undefined : userId; // a deleted user's token is listed, and refused
  }

  /** A user, or 400 (as Domo answers for an unknown user in a body). */
  user(id: number): SandboxUser {
    const user = this.users.get(id);
    if (!user) throw badRequest(`user ${id} does not exist`);
    return user;
  }

  /** True when the user's role holds `authority`. */
  hasAuthority(userId: number, authority: string): boolean {
    const role = this.roles.get(this.user(userId).roleId);
    return role?.authorities.includes(authority) ?? false;
  }

  /** 403 unless the user's role holds `authority`. */
  requireAuthority(userId: number, authority: string): void {
    if (!this.hasAuthority(userId, authority)) throw forbidden(`missing the ${authority} grant`);
  }

  /** The groups a user belongs to. */
  groupIdsOf(userId: number): number[] {
    return [...this.groups.values()]
      .filter((group) => memberIds(this, group).includes(userId))
      .map((group) => group.id);
  }

  /** How many users hold a role. */
  userCount(roleId: number): number {
    let count = 0;
    for (const user of this.users.values()) if (user.roleId === roleId) count += 1;
    return count;
  }

  /** Masks a secret the way Domo does: `{encrypted}` and an opaque string that does not reveal the value. */
  mask(value: unknown): string {
    const digest = createHash('sha256')
      .update(`${this.seed}:${String(value)}`)
      .digest('base64');
    return `{encrypted}${digest.slice(0, 24)}`;
  }
}
