// The shapes of an access audit: what auditAccess reads, and what findings and reports are built from.

/** The parts of an instance an audit reads. */
export const AUDIT_SECTIONS = ['roles', 'users', 'groups', 'accounts', 'templates'] as const;
/** One of {@link AUDIT_SECTIONS}. */
export type AuditSection = (typeof AUDIT_SECTIONS)[number];

/** A grant of the catalogue, with the words the admin UI shows for it. */
export interface AuditGrant {
  id: string;
  title: string;
  description: string;
  group: string;
}

/** A role, its grants and its members. */
export interface AuditRole {
  id: number;
  name: string;
  description: string;
  system: boolean;
  isDefault: boolean;
  grants: string[];
  /** User ids (from the users' roles, so they always agree with `users`). */
  members: number[];
  /** Set when the grants could not be read. */
  incomplete?: true;
}

/** A user, deleted ones too. */
export interface AuditUser {
  id: number;
  name: string;
  email: string;
  roleId: number | null;
  deleted: boolean;
  /** `false` for a deactivated user; read only for users who own something (`null` when not read). */
  active: boolean | null;
  /** The later of Domo's `lastActivity` attribute and the last event the activity log showed (epoch ms). */
  lastActivity: number | null;
  /** The last event of theirs the activity log showed in the window read (a full audit; absent otherwise). */
  lastSeen?: number | null;
}

/** A user or a group, as shares and owners name them. */
export interface AuditPrincipal {
  type: 'USER' | 'GROUP';
  id: number;
  name: string;
}

/** A group, its owners and everyone in it. */
export interface AuditGroup {
  id: number;
  name: string;
  type: string;
  description: string;
  owners: AuditPrincipal[];
  /** Users who belong, directly or through a member group. */
  members: number[];
  incomplete?: true;
}

/** A credential account or an OAuth template, and who it is shared with. */
export interface AuditCredential {
  id: number;
  name: string;
  provider: string;
  shares: (AuditPrincipal & { level: string })[];
  incomplete?: true;
}

/**
 * Who owns one content type (datasets, dataflows, cards, …; the keys of `DomoUser.owned()`), and what of it is
 * orphaned: owned only by users who are deleted or inactive.
 */
export interface AuditContent {
  /** The type, as `owned()` keys it (`datasets`, `beastModes`, …). */
  type: string;
  /** What one is called in sentences. */
  label: string;
  /** Objects read. */
  total: number;
  /** Each owner (users and groups) and how many it owns, most first. */
  owners: (AuditPrincipal & { count: number })[];
  /** Orphaned objects: the first 100 per set of owners (`orphanCount` counts every one). */
  orphaned: { id: number | string; name: string; owners: number[] }[];
  orphanCount: number;
  /** Set when the type could not be read (see `failures`). */
  incomplete?: true;
}

/** An access token as the audit read it (never its value). */
export interface AuditToken {
  id: string;
  name: string;
  ownerId: number | null;
  /** The owner's email as the list gives it (a deleted owner's ends in `_deleted_…`). */
  ownerEmail: string | null;
  /** ISO 8601, or null when Domo gives no expiry. */
  expiresAt: string | null;
  /** ISO 8601, where Domo gives it (its list does not, per the sources). */
  createdAt: string | null;
}

/** An API client as the audit read it (never its secret). */
export interface AuditApiClient {
  id: string;
  name: string;
  ownerId: number | null;
  scopes: string[];
}

/**
 * What the activity log showed over the window read (a full audit): content nobody viewed, and when each credential
 * account's datasets last ran. Users' `lastActivity` and `lastSeen` are joined in.
 */
export interface AuditUsage {
  /** The window read, ISO 8601, and its length in days. */
  from: string;
  to: string;
  days: number;
  /** False when chunks of the log could not be read: nobody is judged inactive, nothing unviewed, from the log then. */
  complete: boolean;
  /** The chunks not read (`CARD 2026-03-01`). */
  failedChunks: string[];
  /** Events read. */
  events: number;
  /**
   * Datasets, cards and pages owned only by live users (no group) and not viewed in the window: the first 100 per
   * set of owners (`unviewedCount` counts them all).
   */
  unviewed: { type: string; id: number | string; name: string; owners: number[] }[];
  unviewedCount: number;
  /** Each credential account that loads datasets: how many, when the latest of them last ran, and the first 100. */
  accountRuns: {
    accountId: number;
    datasets: number;
    lastRun: string | null;
    sample: { id: string; name: string; lastRun: string | null }[];
  }[];
}

/** A read that failed: the entity is in the model, marked `incomplete`, or its section is empty. */
export interface AuditFailure {
  section: AuditSection | 'owners' | 'content' | 'tokens' | 'activity';
  id?: number;
  name?: string;
  error: string;
}

/**
 * Why an audit saw less than the whole instance: a section the caller's grants do not show in full, or reads that
 * failed. `visible` is how many of the section's entities were read.
 */
export interface AuditGap {
  section: AuditSection | 'tokens' | 'activity';
  reason: string;
  /** The grant the caller's role lacks to see the whole section, when that is the reason. */
  missingGrant?: string;
  visible: number;
}

/** One consistent picture of who can do what: roles × grants, users × role, groups, credentials × principals. */
export interface AuditModel {
  instance: string;
  /** ISO 8601: when the reads started. */
  takenAt: string;
  grants: AuditGrant[];
  roles: AuditRole[];
  users: AuditUser[];
  groups: AuditGroup[];
  accounts: AuditCredential[];
  templates: AuditCredential[];
  /** Who owns the content, per type, and what is orphaned (a full audit; absent when sections were chosen). */
  content?: AuditContent[];
  /** Every access token of the instance (a full audit; absent when sections were chosen or they could not be read). */
  tokens?: AuditToken[];
  /** Every API client (read with the tokens; absent when they could not be read). */
  apiClients?: AuditApiClient[];
  /** What the activity log showed (a full audit, or `usage: true`; absent otherwise). */
  usage?: AuditUsage;
  failures: AuditFailure[];
  /**
   * False when the audit could not see everything it read: the caller lacks a grant that shows a whole section, or
   * a read failed. Findings then cover only what was visible; `gaps` says where and why.
   */
  complete: boolean;
  gaps: AuditGap[];
  /** The signed-in user the audit read as, and their role's name (when readable). */
  caller: { id: number; role: string | null };
  counts: Record<AuditSection, number> & { failures: number };
  /** Requests sent, by what they read: at most one per entity (plus list pages). */
  requests: Record<AuditSection | 'owners' | 'catalogue' | 'caller', number> & {
    content?: number;
    tokens?: number;
    activity?: number;
    total: number;
  };
}
