import { DAY_MS } from '../internal/days.js';
import { evaluatePolicies, violationText, type LocatedRule, type PolicySubjects } from '../governance/policy.js';
import type { AuditModel } from './model.js';
import type { Finding } from './findings.js';

/**
 * The policy rules judged over the live instance: every role (the ones whose grants were read), the default role,
 * every account, every group (system and directory groups aside: nobody owns them), every live access token. A
 * broken deny is a `high` finding, a warn `medium`.
 */
export function policyFindings(model: AuditModel, rules: readonly LocatedRule[], now: number): Finding[] {
  if (rules.length === 0) return [];
  return evaluatePolicies(rules, auditSubjects(model, now)).map((violation) => ({
    kind: 'policy',
    severity: violation.level === 'deny' ? 'high' : 'medium',
    message: `policy ${violationText(violation)}`,
    subjects: [
      {
        type: violation.subject.type,
        id: violation.subject.id ?? violation.subject.name,
        name: violation.subject.name,
      },
    ],
  }));
}

/** What the audit read, as policy rules see it. */
export function auditSubjects(model: AuditModel, now: number): PolicySubjects {
  const roles = model.roles.filter((role) => !role.incomplete);
  const defaultRole = roles.find((role) => role.isDefault);
  return {
    roles,
    ...(defaultRole ? { defaultRole } : {}),
    accounts: model.accounts
      .filter((account) => !account.incomplete)
      .map(({ id, name, shares }) => ({ id, name, shares })),
    groups: model.groups
      .filter((group) => group.type !== 'system' && group.type !== 'directory' && !group.incomplete)
      .map(({ id, name, owners }) => ({ id, name, owners: owners.filter((o) => o.type === 'USER').length })),
    ...(model.tokens
      ? {
          tokens: model.tokens
            .filter((token) => token.expiresAt === null || Date.parse(token.expiresAt) > now)
            .map((token) => ({
              id: token.id,
              name: token.name,
              owner: token.ownerEmail ?? String(token.ownerId ?? '?'),
              lifetimeDays: lifetimeDays(token.expiresAt, token.createdAt, now),
            })),
        }
      : {}),
  };
}

/**
 * How long a token lives: from creation to expiry; when Domo does not say when it was created (its list does not),
 * from now to expiry — a lower bound, so a token judged too long surely is. No expiry: forever.
 */
function lifetimeDays(expiresAt: string | null, createdAt: string | null, now: number): number {
  if (expiresAt === null) return Infinity;
  const from = createdAt === null ? now : Date.parse(createdAt);
  return (Date.parse(expiresAt) - from) / DAY_MS;
}
