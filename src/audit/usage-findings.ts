import { DAY_MS } from '../internal/days.js';
import type { AuditModel, AuditRole, AuditUser } from './types.js';

/** The usage findings' kinds and severities (merged into `FINDING_KINDS`). */
export const USAGE_FINDING_KINDS = {
  'inactive-privileged-user': 'high',
  'inactive-user': 'medium',
  'unused-credential': 'medium',
  'unviewed-content-of-inactive-owner': 'low',
} as const;

type UsageKind = keyof typeof USAGE_FINDING_KINDS;

/** What a usage finding holds (the shape of `Finding`, without importing it: findings.ts imports this file). */
export interface UsageFinding {
  kind: UsageKind;
  severity: (typeof USAGE_FINDING_KINDS)[UsageKind];
  message: string;
  subjects: { type: 'user' | 'role' | 'account' | 'dataset' | 'card' | 'page'; id: number | string; name: string }[];
}

/** How the usage findings judge. */
export interface UsageJudgement {
  /** Admin-level grant ids. */
  admin: ReadonlySet<string>;
  /** Inactive: no activity for this many days. */
  inactiveDays: number;
  /** A credential whose datasets did not run for this many days is unused. */
  unusedCredentialDays: number;
  now: number;
}

const SHOWN = 5;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Whether a live user is inactive: their last activity (Domo's attribute, or the log) is older than the cutoff; with
 * none at all, only when the log was read whole over at least as many days. `undefined` when it cannot be said —
 * "a missing chunk looks exactly like inactivity" (DS).
 */
export function isInactive(user: AuditUser, model: AuditModel, days: number, now: number): boolean | undefined {
  const usage = model.usage;
  const fromLogOnly = user.lastSeen !== undefined && user.lastSeen === user.lastActivity;
  if (user.lastActivity !== null && !(fromLogOnly && usage && !usage.complete))
    return user.lastActivity < now - days * DAY_MS;
  return usage?.complete && usage.days >= days ? true : undefined;
}

function lastText(user: AuditUser, model: AuditModel): string {
  return user.lastActivity === null
    ? `not seen in the ${model.usage?.days ?? '?'} days read`
    : `last active ${day(user.lastActivity)}`;
}

/** Inactive live users who hold grants: those with admin-level grants apart (high), then everyone else. */
function inactiveUsers(model: AuditModel, judge: UsageJudgement): UsageFinding[] {
  const roles = new Map<number, AuditRole>(model.roles.map((r) => [r.id, r]));
  const privileged: { user: AuditUser; role: AuditRole }[] = [];
  const others: { user: AuditUser; role: AuditRole }[] = [];
  for (const user of model.users) {
    const role = user.roleId === null ? undefined : roles.get(user.roleId);
    if (user.deleted || !role || role.grants.length === 0) continue;
    if (isInactive(user, model, judge.inactiveDays, judge.now) !== true) continue;
    (role.grants.some((g) => judge.admin.has(g)) ? privileged : others).push({ user, role });
  }
  const finding = (kind: UsageKind, who: string, list: { user: AuditUser; role: AuditRole }[]): UsageFinding[] =>
    list.length === 0
      ? []
      : [
          {
            kind,
            severity: USAGE_FINDING_KINDS[kind],
            message: `${list.length} ${who} not been active for ${judge.inactiveDays}+ days: ${list
              .slice(0, SHOWN)
              .map(({ user, role }) => `${user.email || user.name} (${role.name}; ${lastText(user, model)})`)
              .join(
                ', ',
              )}${list.length > SHOWN ? `, and ${list.length - SHOWN} more` : ''} — take their grants away (domo-admin users set-role <user> <role>) or offboard them`,
            subjects: list.map(({ user }) => ({ type: 'user' as const, id: user.id, name: user.email || user.name })),
          },
        ];
  return [
    ...finding('inactive-privileged-user', 'user(s) holding admin-level grants have', privileged),
    ...finding('inactive-user', 'user(s) holding grants have', others),
  ];
}

/** Credential accounts none of whose datasets ran for the set number of days, naming the datasets. */
function unusedCredentials(model: AuditModel, judge: UsageJudgement): UsageFinding[] {
  const cutoff = judge.now - judge.unusedCredentialDays * DAY_MS;
  const names = new Map(model.accounts.map((a) => [a.id, a.name]));
  return (model.usage?.accountRuns ?? [])
    .filter((run) => run.lastRun === null || Date.parse(run.lastRun) < cutoff)
    .map((run): UsageFinding => {
      const name = names.get(run.accountId) ?? `account ${run.accountId}`;
      const datasets = run.sample.slice(0, 3).map((d) => `"${d.name}"`);
      return {
        kind: 'unused-credential',
        severity: USAGE_FINDING_KINDS['unused-credential'],
        message: `credential account "${name}" loads ${run.datasets} dataset(s) and none ran in ${judge.unusedCredentialDays} days (${run.lastRun ? `last ${day(Date.parse(run.lastRun))}` : 'never'}: ${datasets.join(', ')}) — retire it, or check what stopped them`,
        subjects: [
          { type: 'account', id: run.accountId, name },
          ...run.sample.map((d) => ({ type: 'dataset' as const, id: d.id, name: d.name })),
        ],
      };
    });
}

const SUBJECT_OF: Record<string, 'dataset' | 'card' | 'page'> = { datasets: 'dataset', cards: 'card', pages: 'page' };

/** Per inactive owner: the content only they own that nobody viewed in the window read. */
function unviewedContent(model: AuditModel, judge: UsageJudgement): UsageFinding[] {
  const usage = model.usage;
  if (!usage?.complete) return [];
  const users = new Map(model.users.map((u) => [u.id, u]));
  const inactive = (id: number) => {
    const user = users.get(id);
    return user !== undefined && isInactive(user, model, judge.inactiveDays, judge.now) === true;
  };
  const byOwner = new Map<number, typeof usage.unviewed>();
  for (const item of usage.unviewed)
    if (item.owners.every(inactive))
      for (const owner of item.owners) {
        const items = byOwner.get(owner) ?? [];
        if (items.length === 0) byOwner.set(owner, items);
        items.push(item);
      }
  return [...byOwner].map(([id, items]): UsageFinding => {
    const user = users.get(id) as AuditUser;
    const counts = new Map<string, number>();
    for (const item of items) counts.set(item.type, (counts.get(item.type) ?? 0) + 1);
    return {
      kind: 'unviewed-content-of-inactive-owner',
      severity: USAGE_FINDING_KINDS['unviewed-content-of-inactive-owner'],
      message: `inactive user ${user.email} (${lastText(user, model)}) owns ${items.length} thing(s) nobody viewed in ${usage.days} days — ${[...counts].map(([type, n]) => `${n} ${SUBJECT_OF[type] ?? type}(s)`).join(', ')} (e.g. ${items
        .slice(0, 3)
        .map((i) => `"${i.name}"`)
        .join(', ')}): archive them, or hand them over with \`domo-admin offboard ${user.email} --to <user>\``,
      subjects: [
        { type: 'user', id, name: user.email },
        ...items.map((i) => ({ type: SUBJECT_OF[i.type] ?? ('dataset' as const), id: i.id, name: i.name })),
      ],
    };
  });
}

/** Every usage finding of the model (none without a usage section for the log-based ones). */
export function usageFindings(model: AuditModel, judge: UsageJudgement): UsageFinding[] {
  return [...inactiveUsers(model, judge), ...unusedCredentials(model, judge), ...unviewedContent(model, judge)];
}
