import { kindOf } from './kinds/index.js';
import type { Plan } from './plan.js';
import { violationText } from './policy.js';

/**
 * A plan as text a person reviews: policy violations first (`✗` deny, `!` warn), `+` create, `~` update (before →
 * after), `−` remove, `⇄` move, then a summary.
 */
export function renderPlan(plan: Plan): string {
  const policy = policyLines(plan);
  if (plan.changes.length === 0)
    return `${policy.length ? `${policy.join('\n')}\n\n` : ''}No changes: ${plan.instance} matches the spec.\n`;
  const lines = plan.changes.map((change) => kindOf(change).render(change));
  const { create, update, remove, move } = plan.summary;
  const warnings = (plan.warnings ?? []).map((warning) => `! ${warning}`);
  return `${[...policy, ...warnings, ...lines].join('\n')}\n\nPlan: ${create} to create, ${update} to update, ${move} move(s), ${remove} to remove${plan.destructive ? ' (includes destructive changes)' : ''}.${denied(plan) ? ' Policy rules deny it: apply refuses it.' : ''}\n`;
}

/** True when a deny rule is broken: apply refuses the plan. */
export function denied(plan: Pick<Plan, 'violations'>): boolean {
  return (plan.violations ?? []).some((violation) => violation.level === 'deny');
}

function policyLines(plan: Plan): string[] {
  return (plan.violations ?? []).map((v) => `${v.level === 'deny' ? '✗' : '!'} policy: ${violationText(v)}`);
}
