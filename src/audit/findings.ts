import { USAGE_FINDING_KINDS, usageFindings } from './usage-findings.js';
import { daysUntil } from '../internal/days.js';
import type { LocatedRule } from '../governance/policy.js';
import { policyFindings } from './policy-findings.js';
import {
  credentialsOf,
  CREDENTIAL_LABEL,
  type AuditCredential,
  type AuditGrant,
  type AuditModel,
  type AuditRole,
  type AuditUser,
} from './model.js';

/** How much a finding matters. */
export type Severity = 'high' | 'medium' | 'low';

/** The kinds of finding, each with a severity and a plain sentence. */
export const FINDING_KINDS = {
  'audit-incomplete': 'high',
  ...USAGE_FINDING_KINDS,
  'admin-grant-outside-admin': 'high',
  'default-role-too-powerful': 'high',
  'credential-owned-by-inactive': 'high',
  'token-owner-deleted': 'high',
  'token-owner-inactive': 'high',
  'token-owner-offboarded': 'high',
  'token-expiring': 'medium',
  'token-lifetime-too-long': 'medium',
  'token-expired': 'low',
  'api-client-owner-deleted': 'high',
  'orphaned-content': 'medium',
  'shared-to-individuals': 'medium',
  'group-without-owner': 'medium',
  'role-without-members': 'low',
  /** A policy rule the instance breaks (`high` for a deny, `medium` for a warn). */
  policy: 'high',
} as const satisfies Record<string, Severity>;
/** One of the kinds of {@link FINDING_KINDS}. */
export type FindingKind = keyof typeof FINDING_KINDS;

/** What a finding is about. */
export interface AuditSubject {
  type: 'user' | 'role' | 'group' | 'account' | 'template' | 'token' | 'apiClient' | 'dataset' | 'card' | 'page';
  /** A number, or a token's id (opaque text). */
  id: number | string;
  name: string;
}

/** One problem the audit shows. */
export interface Finding {
  kind: FindingKind;
  severity: Severity;
  /** A plain sentence a person reads. */
  message: string;
  subjects: AuditSubject[];
}

/** Options of {@link auditFindings}. */
export interface FindingOptions {
  /** Which grants count as admin-level. @default the Admin group of the catalogue, `admin.*`, role.manage, user.edit, user.delete */
  adminGrant?: (grant: AuditGrant) => boolean;
  /** More individual (user) shares than this on one credential is a finding. @default 10 */
  individualShareThreshold?: number;
  /** A token expiring within this many days is a finding. @default 14 */
  expiringWithinDays?: number;
  /** A token living longer than this many days is a finding (policy maximum). @default 365 */
  maxTokenLifetimeDays?: number;
  /** Users already offboarded (an offboarding snapshot names them): a token they still own is a finding. */
  offboardedUsers?: readonly number[];
  /** The time findings are judged at, epoch ms. @default now */
  now?: number;
  /** A user with no activity for this many days is inactive (the usage findings). @default 90 */
  inactiveDays?: number;
  /** A credential account none of whose datasets ran for this many days is unused. @default 90 */
  unusedCredentialDays?: number;
  /** Policy rules (a spec's `policies`) judged over the instance: each broken one is a `policy` finding. */
  policies?: readonly LocatedRule[];
}

/** The system role that holds everything. */
const ADMIN_ROLE_ID = 1;
/** The system role new users should get at most. */
const PARTICIPANT_ROLE_ID = 4;
const SEVERITY_ORDER: Severity[] = ['high', 'medium', 'low'];

/** Admin-level: the catalogue's Admin group, `admin.*`, and the grants that manage people and roles. */
export function isAdminLevelGrant(grant: AuditGrant): boolean {
  return (
    grant.group === 'Admin' ||
    grant.id.startsWith('admin.') ||
    ['role.manage', 'user.edit', 'user.delete'].includes(grant.id)
  );
}

/** What an audit that could not see everything says first: where it is blind, and that its findings are partial. */
export function incompleteText(model: AuditModel): string | undefined {
  if (model.complete !== false) return undefined;
  const sections = [...new Set(model.gaps.map((g) => g.section))];
  return `this audit saw only part of the instance (${sections.join(', ')}): every finding covers only what was visible — ${model.gaps.map((g) => `${g.section}: ${g.reason} (${g.visible} visible)`).join('; ')}`;
}

function incomplete(model: AuditModel): Finding[] {
  const message = incompleteText(model);
  return message === undefined ? [] : [{ kind: 'audit-incomplete', severity: 'high', message, subjects: [] }];
}

/**
 * The problems an audit shows, most severe first: first, when the audit could not see everything, that its findings
 * cover only what was visible (`audit-incomplete`); users holding admin-level grants outside the Admin role; a
 * default role more powerful than Participant; credentials owned only by deleted or inactive users; content (datasets,
 * cards, …) whose only owners are deleted or inactive users, one finding per such user; credentials
 * shared to many individuals instead of groups; groups with no owner; custom roles with no members.
 * @example
 * ```ts
 * for (const finding of auditFindings(model)) console.log(finding.severity, finding.message);
 * ```
 */
export function auditFindings(model: AuditModel, options: FindingOptions = {}): Finding[] {
  const adminGrant = options.adminGrant ?? isAdminLevelGrant;
  const threshold = options.individualShareThreshold ?? 10;
  const users = new Map(model.users.map((u) => [u.id, u]));
  const admin = new Set(model.grants.filter(adminGrant).map((g) => g.id));
  const findings: Finding[] = [
    ...incomplete(model),
    ...model.roles.flatMap((role) => adminOutsideAdmin(role, admin, users)),
    ...defaultRoleTooPowerful(model.roles),
    ...usageFindings(model, {
      admin,
      inactiveDays: options.inactiveDays ?? 90,
      unusedCredentialDays: options.unusedCredentialDays ?? 90,
      now: options.now ?? Date.now(),
    }),
    ...tokenFindings(model, users, options),
    ...policyFindings(model, options.policies ?? [], options.now ?? Date.now()),
    ...clientFindings(model, users),
    ...credentialsOf(model).flatMap(({ kind: type, credential }) => [
      ...ownedByInactive(type, credential, users),
      ...sharedToIndividuals(type, credential, threshold),
    ]),
    ...orphanedContent(model, users),
    ...model.groups
      .filter((g) => g.type !== 'system' && g.owners.length === 0 && !g.incomplete)
      .map((g): Finding => ({
        kind: 'group-without-owner',
        severity: FINDING_KINDS['group-without-owner'],
        message: `group "${g.name}" has no owner: nobody but an admin can change its members`,
        subjects: [{ type: 'group', id: g.id, name: g.name }],
      })),
    ...model.roles
      .filter((r) => !r.system && r.members.length === 0)
      .map((r): Finding => ({
        kind: 'role-without-members',
        severity: FINDING_KINDS['role-without-members'],
        message: `role "${r.name}" has no members`,
        subjects: [{ type: 'role', id: r.id, name: r.name }],
      })),
  ];
  return findings.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}

function adminOutsideAdmin(role: AuditRole, admin: Set<string>, users: Map<number, AuditUser>): Finding[] {
  const held = role.grants.filter((g) => admin.has(g));
  if (role.id === ADMIN_ROLE_ID || held.length === 0 || role.members.length === 0) return [];
  return [
    {
      kind: 'admin-grant-outside-admin',
      severity: FINDING_KINDS['admin-grant-outside-admin'],
      message: `${role.members.length} user(s) hold admin-level grants (${held.join(', ')}) through role "${role.name}", not the Admin role`,
      subjects: [
        { type: 'role', id: role.id, name: role.name },
        ...role.members.map((id) => ({ type: 'user' as const, id, name: users.get(id)?.email ?? String(id) })),
      ],
    },
  ];
}

function defaultRoleTooPowerful(roles: AuditRole[]): Finding[] {
  const defaultRole = roles.find((r) => r.isDefault);
  const participant = roles.find((r) => r.id === PARTICIPANT_ROLE_ID);
  if (!defaultRole || !participant || defaultRole.id === participant.id || defaultRole.incomplete) return [];
  const extra = defaultRole.grants.filter((g) => !participant.grants.includes(g));
  if (extra.length === 0) return [];
  return [
    {
      kind: 'default-role-too-powerful',
      severity: FINDING_KINDS['default-role-too-powerful'],
      message: `the default role "${defaultRole.name}" gives every new user ${extra.length} grant(s) "${participant.name}" does not have (${extra.slice(0, 8).join(', ')}${extra.length > 8 ? ', …' : ''})`,
      subjects: [{ type: 'role', id: defaultRole.id, name: defaultRole.name }],
    },
  ];
}

function ownedByInactive(
  type: 'account' | 'template',
  credential: AuditCredential,
  users: Map<number, AuditUser>,
): Finding[] {
  const owners = credential.shares.filter((s) => s.level === 'OWNER');
  const gone = (id: number) => users.get(id)?.deleted === true || users.get(id)?.active === false;
  if (owners.length === 0 || owners.some((o) => o.type === 'GROUP' || !gone(o.id))) return [];
  const names = owners.map((o) => users.get(o.id)?.email ?? o.name);
  return [
    {
      kind: 'credential-owned-by-inactive',
      severity: FINDING_KINDS['credential-owned-by-inactive'],
      message: `${CREDENTIAL_LABEL[type]} "${credential.name}" is owned only by deleted or inactive users (${names.join(', ')}): nobody can manage it`,
      subjects: [
        { type, id: credential.id, name: credential.name },
        ...owners.map((o) => ({ type: 'user' as const, id: o.id, name: users.get(o.id)?.email ?? o.name })),
      ],
    },
  ];
}

/**
 * One finding per deleted or inactive user who is the only (live) owner of content: how much of each type, a few
 * names, and the fix (offboarding them hands it all over).
 */
function orphanedContent(model: AuditModel, users: Map<number, AuditUser>): Finding[] {
  const byOwner = new Map<number, { counts: Map<string, number>; names: string[] }>();
  for (const type of model.content ?? [])
    for (const item of type.orphaned)
      for (const owner of item.owners) {
        const entry = byOwner.get(owner) ?? { counts: new Map<string, number>(), names: [] };
        entry.counts.set(type.label, (entry.counts.get(type.label) ?? 0) + 1);
        if (entry.names.length < 3) entry.names.push(`"${item.name}"`);
        byOwner.set(owner, entry);
      }
  return [...byOwner].map(([id, { counts, names }]): Finding => {
    const user = users.get(id);
    const who = `${user?.deleted ? 'deleted' : 'inactive'} user ${user?.email ?? id}`;
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const what = [...counts].map(([label, n]) => `${n} ${label}(s)`).join(', ');
    return {
      kind: 'orphaned-content',
      severity: FINDING_KINDS['orphaned-content'],
      message: `${who} is the only owner of ${total} thing(s) — ${what} (e.g. ${names.join(', ')}): nobody can manage them; hand them over with \`domo-admin offboard ${user?.deleted || !user ? id : user.email} --to <user>\``,
      subjects: [{ type: 'user', id, name: user?.email ?? String(id) }],
    };
  });
}

function sharedToIndividuals(type: 'account' | 'template', credential: AuditCredential, threshold: number): Finding[] {
  const individuals = credential.shares.filter((s) => s.type === 'USER' && s.level !== 'OWNER');
  if (individuals.length <= threshold) return [];
  return [
    {
      kind: 'shared-to-individuals',
      severity: FINDING_KINDS['shared-to-individuals'],
      message: `${CREDENTIAL_LABEL[type]} "${credential.name}" is shared with ${individuals.length} individual users (more than ${threshold}): share it with a group instead`,
      subjects: [{ type, id: credential.id, name: credential.name }],
    },
  ];
}

/** What the token findings judge a token by. */
interface TokenFacts {
  token: NonNullable<AuditModel['tokens']>[number];
  owner: AuditUser | undefined;
  email: string;
  /** Days to its expiry (negative once expired), when it has one. */
  days: number | undefined;
  expired: boolean;
  /** Days from its creation (or now) to its expiry; infinite without one. */
  lifetime: number;
}

function tokenFacts(token: TokenFacts['token'], users: Map<number, AuditUser>, now: number): TokenFacts {
  const owner = token.ownerId === null ? undefined : users.get(token.ownerId);
  const email = owner?.email ?? token.ownerEmail ?? (token.ownerId === null ? 'nobody' : `user ${token.ownerId}`);
  const expires = token.expiresAt ? Date.parse(token.expiresAt) : undefined;
  const from = token.createdAt ? Date.parse(token.createdAt) : now;
  return {
    token,
    owner,
    email,
    days: expires === undefined ? undefined : daysUntil(expires, now),
    expired: expires !== undefined && expires <= now,
    lifetime: expires === undefined ? Number.POSITIVE_INFINITY : daysUntil(expires, from),
  };
}

/**
 * The token findings, one per token and problem: its owner deleted (or not a user the audit knows), inactive, or
 * offboarded; expired (clutter: it no longer works); expiring within `expiringWithinDays`; living longer than
 * `maxTokenLifetimeDays` (from its creation where Domo gives it, else from now to its expiry).
 */
function tokenFindings(model: AuditModel, users: Map<number, AuditUser>, options: FindingOptions): Finding[] {
  const now = options.now ?? Date.now();
  const offboarded = new Set(options.offboardedUsers ?? []);
  return (model.tokens ?? []).flatMap((token) => {
    const facts = tokenFacts(token, users, now);
    const finding = (kind: FindingKind, message: string): Finding => ({
      kind,
      severity: FINDING_KINDS[kind],
      message: `access token "${token.name}" (#${token.id}) of ${facts.email} ${message}`,
      subjects: [
        { type: 'token', id: token.id, name: token.name },
        ...(token.ownerId === null ? [] : [{ type: 'user' as const, id: token.ownerId, name: facts.email }]),
      ],
    });
    return tokenProblems(facts, options, offboarded).map(([kind, message]) => finding(kind, message));
  });
}

/** The problems of one token, as kind and sentence. */
function tokenProblems(
  { token, owner, email, days, expired, lifetime }: TokenFacts,
  options: FindingOptions,
  offboarded: ReadonlySet<number>,
): [FindingKind, string][] {
  const within = options.expiringWithinDays ?? 14;
  const maxDays = options.maxTokenLifetimeDays ?? 365;
  if (expired)
    return [
      [
        'token-expired',
        `expired ${Math.max(0, -days!)} day(s) ago: revoke it to keep the list honest (\`domo-admin tokens revoke --expired\`)`,
      ],
    ];
  const problems: [FindingKind, string][] = [];
  if (owner === undefined || owner.deleted)
    problems.push([
      'token-owner-deleted',
      'belongs to a deleted user: revoke it (`domo-admin tokens revoke --owner-deleted`)',
    ]);
  else if (owner.active === false)
    problems.push([
      'token-owner-inactive',
      'belongs to an inactive user and still acts as them: revoke it or re-issue it for an active owner',
    ]);
  else if (offboarded.has(owner.id))
    problems.push([
      'token-owner-offboarded',
      `belongs to a user who was offboarded and still acts as them: revoke it (\`domo-admin tokens revoke --owner ${email}\`)`,
    ]);
  if (days !== undefined && days <= within)
    problems.push([
      'token-expiring',
      `expires in ${days} day(s) (${token.expiresAt!.slice(0, 10)}): rotate it (\`domo-admin tokens rotate ${token.id} --store-in <account>\`) before whatever uses it stops`,
    ]);
  if (lifetime > maxDays)
    problems.push([
      'token-lifetime-too-long',
      `lives ${Number.isFinite(lifetime) ? `${lifetime} days` : 'forever (no expiry)'}${token.createdAt ? '' : ' from now'}, over the ${maxDays}-day policy: rotate it with a shorter lifetime`,
    ]);
  return problems;
}

/** An API client whose owner is deleted (or not a user the audit knows): it still signs in, as nobody accountable. */
function clientFindings(model: AuditModel, users: Map<number, AuditUser>): Finding[] {
  return (model.apiClients ?? []).flatMap((client): Finding[] => {
    const owner = client.ownerId === null ? undefined : users.get(client.ownerId);
    if (owner && !owner.deleted) return [];
    const who = owner?.email ?? (client.ownerId === null ? 'nobody' : `user ${client.ownerId}`);
    return [
      {
        kind: 'api-client-owner-deleted',
        severity: FINDING_KINDS['api-client-owner-deleted'],
        message: `API client "${client.name}" (#${client.id}, scopes ${client.scopes.join(', ') || 'none'}) belongs to deleted ${who}: revoke it (\`domo-admin api-clients revoke ${client.id}\`) or replace it with one an active admin owns`,
        subjects: [
          { type: 'apiClient', id: client.id, name: client.name },
          ...(client.ownerId === null ? [] : [{ type: 'user' as const, id: client.ownerId, name: who }]),
        ],
      },
    ];
  });
}
